package dev.warden.cli;

import dev.warden.audit.AuditTrail;
import dev.warden.audit.Timeline;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden audit timeline SESSION}: a session reconstructed for an incident review. */
@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = "Reconstruct a session: main agent and subagents interleaved, decisions joined with their outcomes.")
public final class AuditTimelineCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AuditCli.Home home;

    @Parameters(paramLabel = "SESSION", description = "Session id (or a prefix of 8+ characters).")
    String session;

    @Override
    public Integer call() {
        try (AuditTrail t = AuditTrail.open(home.resolve())) {
            Timeline tl = t.timeline(session);
            if (tl.lines().isEmpty()) {
                spec.commandLine().getErr().println("warden: no audit entries for session " + session);
                return ExitCodes.FAILED;
            }
            tl.render().forEach(spec.commandLine().getOut()::println);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
