package dev.warden.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code warden audit}: the tamper-evident audit trail (see docs/audit.md). */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Verify, prove, query, export and prune the tamper-evident audit log.",
        subcommands = {
            AuditVerifyCommand.class,
            AuditCheckpointCommand.class,
            AuditProofCommand.class,
            AuditQueryCommand.class,
            AuditTimelineCommand.class,
            AuditExportCommand.class,
            AuditPruneCommand.class,
            AuditBenchCommand.class,
        })
public final class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }
}
