package dev.warden.cli;

import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditTrail;
import dev.warden.call.WardenException;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden log}: recent decisions, newest first, one line each. */
@Command(name = "log", mixinStandardHelpOptions = true, description = "Recent decisions, newest first.")
public final class LogCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Spec
    CommandSpec spec;

    @Mixin
    AuditCli.Home home;

    @Option(names = "--session", paramLabel = "ID", description = "Only this session (or a prefix of 8+ characters).")
    @Nullable String session;

    @Option(names = "--agent", paramLabel = "ID|TYPE", description = "Only this subagent id or type ('main' for the main agent).")
    @Nullable String agent;

    @Option(names = "--decision", paramLabel = "allow|deny|approve|ask", description = "Only this decision.")
    @Nullable String decision;

    @Option(names = "--limit", paramLabel = "N", description = "At most N lines (default 20).")
    int limit = 20;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        AuditQuery q = new AuditQuery(session, agent, null, decision, null, "tool.decision", null, null, null, limit, true);
        try (AuditTrail t = AuditTrail.open(home.resolve())) {
            out.printf("%-14s  %-8s  %-16s  %-24s  %-13s  %s%n", "TIME", "SESSION", "AGENT", "TOOL", "DECISION", "RULES  REASON");
            t.query(q, r -> {
                String reason = "";
                if (!"allow".equals(r.decision()) && r.data().get("reasons") instanceof java.util.List<?> l && !l.isEmpty()
                        && l.get(0) instanceof Map<?, ?> m && m.get("message") instanceof String s) {
                    reason = s;
                }
                String rules = String.join(",", r.texts("rules"));
                // Monitor mode: decided and recorded, not enforced — what rollout reports on.
                String decided = Boolean.FALSE.equals(r.data().get("enforced")) ? "would " + r.decision() : r.decision();
                out.printf("%s  %-8s  %-16s  %-24s  %-13s  %s%s%n", TIME.format(r.time()), AuditCli.shortId(r.sessionId()),
                        AuditCli.cut(AuditQueryCommand.agent(r), 16), AuditCli.cut(r.tool() == null ? "-" : r.tool(), 24),
                        decided, rules.isEmpty() ? "-" : rules, reason.isEmpty() ? "" : "  " + AuditCli.cut(reason, 70));
            });
        } catch (WardenException e) {
            if (e.kind() == WardenException.Kind.NOT_FOUND) {
                out.println("no decisions recorded yet (" + e.getMessage() + ")");
                return ExitCodes.OK;
            }
            throw e;
        }
        out.flush();
        return ExitCodes.OK;
    }
}
