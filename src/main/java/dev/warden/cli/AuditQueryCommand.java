package dev.warden.cli;

import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditTrail;
import dev.warden.audit.CanonicalJson;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden audit query}: filter the log, print a table or JSON Lines. */
@Command(name = "query", mixinStandardHelpOptions = true, description = "List entries matching every filter given.")
public final class AuditQueryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AuditCli.Home home;

    @Mixin
    Filters filters;

    @Option(names = "--format", paramLabel = "table|jsonl", description = "Output format (default: table).")
    String format = "table";

    /** The filters shared by query and export. */
    static final class Filters {
        @Option(names = "--session", paramLabel = "ID", description = "Session id (or a prefix of 8+ characters).")
        @Nullable String session;
        @Option(names = "--agent", paramLabel = "ID|TYPE", description = "Subagent id or type; 'main' for the main agent.")
        @Nullable String agent;
        @Option(names = "--tool", description = "Tool name.")
        @Nullable String tool;
        @Option(names = "--decision", paramLabel = "allow|deny|approve|ask", description = "Decision.")
        @Nullable String decision;
        @Option(names = "--rule", description = "A rule id among the entry's rules.")
        @Nullable String rule;
        @Option(names = "--kind", description = "Entry kind (tool.decision, approval., ...; a trailing dot matches a prefix).")
        @Nullable String kind;
        @Option(names = "--since", paramLabel = "TIME", description = "From this time (ISO instant, date, or age like 12h).")
        @Nullable String since;
        @Option(names = "--until", paramLabel = "TIME", description = "Before this time.")
        @Nullable String until;
        @Option(names = "--text", description = "Substring of the stored (redacted) entry.")
        @Nullable String text;
        @Option(names = "--limit", paramLabel = "N", description = "At most N entries.")
        int limit;

        AuditQuery query(boolean newestFirst) {
            Instant now = Instant.now();
            return new AuditQuery(session, agent, tool, decision, rule, kind,
                    since == null ? null : AuditCli.time(since, now), until == null ? null : AuditCli.time(until, now),
                    text, limit, newestFirst);
        }
    }

    @Override
    public Integer call() {
        if (!format.equals("table") && !format.equals("jsonl")) {
            spec.commandLine().getErr().println("warden: --format must be table or jsonl");
            return ExitCodes.USAGE;
        }
        PrintWriter out = spec.commandLine().getOut();
        AuditQuery q = filters.query(false);
        long[] n = {0};
        try (AuditTrail t = AuditTrail.open(home.resolve())) {
            if (format.equals("table")) {
                out.printf("%-7s %-24s %-9s %-16s %-15s %-14s %-8s %s%n", "INDEX", "TIME", "SESSION", "AGENT", "KIND", "TOOL", "DECISION", "RULES / DETAIL");
            }
            t.query(q, r -> {
                n[0]++;
                if (format.equals("jsonl")) {
                    out.println(CanonicalJson.write(json(r)));
                } else {
                    out.printf("%-7d %-24s %-9s %-16s %-15s %-14s %-8s %s%n", r.index(), r.time(), AuditCli.shortId(r.sessionId()),
                            AuditCli.cut(agent(r), 16), AuditCli.cut(r.kind(), 15), AuditCli.cut(r.tool() == null ? "-" : r.tool(), 14),
                            r.decision().isEmpty() ? "-" : r.decision(), AuditCli.cut(detail(r), 60));
                }
            });
        }
        out.flush();
        return ExitCodes.OK;
    }

    static Map<String, Object> json(AuditRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", r.index());
        m.put("time", r.time().toString());
        m.put("kind", r.kind());
        m.put("session", r.sessionId());
        m.put("agent_id", r.agentId());
        m.put("agent_type", r.agentType());
        m.put("tool", r.tool());
        m.put("data", r.data());
        return m;
    }

    static String agent(AuditRecord r) {
        if (r.agentId() == null && r.agentType() == null) {
            return "main";
        }
        return r.agentType() != null ? r.agentType() : AuditCli.shortId(r.agentId());
    }

    static String detail(AuditRecord r) {
        String rules = String.join(",", r.texts("rules"));
        String reason = "";
        if (r.data().get("reasons") instanceof java.util.List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?> m
                && m.get("message") instanceof String s) {
            reason = s;
        }
        if (!rules.isEmpty()) {
            return rules + (reason.isEmpty() ? "" : " " + reason);
        }
        for (String f : new String[] {"status", "by", "reason", "subject", "policy"}) {
            if (!r.text(f).isEmpty()) {
                return f + "=" + r.text(f);
            }
        }
        return "";
    }
}
