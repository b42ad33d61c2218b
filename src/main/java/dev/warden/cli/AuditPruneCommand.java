package dev.warden.cli;

import dev.warden.audit.AuditTrail;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden audit prune --before TIME --archive FILE}. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Archive entries older than TIME to FILE and drop their contents; their hashes stay, so the log still verifies.")
public final class AuditPruneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AuditCli.Home home;

    @Option(names = "--before", required = true, paramLabel = "TIME", description = "Prune entries before this time (ISO instant, date, or age like 90d).")
    String before;

    @Option(names = "--archive", required = true, paramLabel = "FILE", description = "New file for the pruned entries (JSON Lines, as hashed).")
    Path archive;

    @Override
    public Integer call() {
        Instant cut = AuditCli.time(before, Instant.now());
        try (AuditTrail t = AuditTrail.open(home.resolve())) {
            AuditTrail.PruneResult r = t.prune(cut, archive);
            if (r.count() == 0) {
                spec.commandLine().getOut().println("nothing to prune before " + cut);
            } else {
                spec.commandLine().getOut().println("pruned entries " + r.from() + ".." + (r.to() - 1) + " (" + r.count() + ") to "
                        + r.archive() + " (sha256 " + r.archiveSha256() + "); recorded as entry " + r.recordIndex());
            }
            return ExitCodes.OK;
        }
    }
}
