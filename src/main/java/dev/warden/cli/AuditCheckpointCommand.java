package dev.warden.cli;

import dev.warden.audit.AuditTrail;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden audit checkpoint}: print the latest signed checkpoint, to publish it. */
@Command(name = "checkpoint", mixinStandardHelpOptions = true,
        description = "Print the latest signed checkpoint (C2SP tlog-checkpoint), signing a new one first when the log grew.")
public final class AuditCheckpointCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AuditCli.Home home;

    @Option(names = "--vkey", description = "Print the verifier key (to publish with the checkpoint) instead.")
    boolean vkey;

    @Override
    public Integer call() {
        try (AuditTrail t = AuditTrail.open(home.resolve())) {
            if (vkey) {
                spec.commandLine().getOut().println(t.trustedKey().vkey());
            } else {
                spec.commandLine().getOut().print(t.checkpoint().text());
            }
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
