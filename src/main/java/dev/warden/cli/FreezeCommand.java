package dev.warden.cli;

import dev.warden.audit.AuditEvents;
import dev.warden.audit.AuditLog;
import dev.warden.engine.EngineConfig;
import dev.warden.engine.Freeze;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden freeze}: the kill switch. */
@Command(name = "freeze", mixinStandardHelpOptions = true, description = {
        "Stop every agent at once: every call is denied with the reason, and no session starts, until",
        "`warden unfreeze`. With --server (or WARDEN_SERVER) it asks that server (admin token); without,",
        "it writes the freeze marker in WARDEN_HOME, which the embedded hook and a local server both check.",
        "Recorded in the audit log either way.",
        "Exit codes: 0 frozen; 64 usage; 69 server unreachable or WARDEN_HOME not writable; 77 forbidden."})
final class FreezeCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin HomeOption home;
    @Mixin ServerOptions server;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Shown to every agent and recorded")
    String reason = "frozen by an operator";

    @Override
    public Integer call() {
        if (server.serverOrEnv() != null) {
            server.call("POST", "/v1/freeze", Map.of("reason", reason));
        } else {
            local(home, true, reason);
        }
        spec.commandLine().getOut().println("Warden is frozen: every agent call is denied (" + reason + "). Undo with `warden unfreeze`.");
        return ExitCodes.OK;
    }

    static void local(HomeOption home, boolean on, String reason) {
        EngineConfig config = Wiring.config(home.home, null);
        String by = Wiring.env().getOrDefault("USER", "local");
        Instant now = Instant.now();
        // Recorded first: a freeze or unfreeze that cannot be audited does not happen.
        try (AuditLog log = Wiring.openLog(config)) {
            log.append(AuditEvents.control(AuditEvents.FREEZE, "all", on, reason, by, now));
        }
        if (on) {
            Freeze.set(config.wardenHome(), new Freeze.State(by, now, reason));
        } else {
            Freeze.clear(config.wardenHome());
        }
    }
}
