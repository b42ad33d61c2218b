package dev.warden.cli;

import dev.warden.engine.Freeze;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden unfreeze}. */
@Command(name = "unfreeze", mixinStandardHelpOptions = true, description = {
        "Lift a freeze (locally, or on --server / WARDEN_SERVER with an admin token). Recorded in the audit log.",
        "Exit codes: 0 unfrozen; 1 was not frozen; 64 usage; 69 server unreachable; 77 forbidden."})
final class UnfreezeCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin HomeOption home;
    @Mixin ServerOptions server;

    @Option(names = "--reason", paramLabel = "TEXT")
    String reason = "unfrozen by an operator";

    @Override
    public Integer call() {
        if (server.serverOrEnv() != null) {
            server.call("POST", "/v1/unfreeze", Map.of("reason", reason));
        } else {
            if (Freeze.read(Wiring.config(home.home, null).wardenHome()).isEmpty()) {
                spec.commandLine().getErr().println("warden: Warden is not frozen");
                return ExitCodes.FAILED;
            }
            FreezeCommand.local(home, false, reason);
        }
        spec.commandLine().getOut().println("Warden is unfrozen.");
        return ExitCodes.OK;
    }
}
