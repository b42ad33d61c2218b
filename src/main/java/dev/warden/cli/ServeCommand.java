package dev.warden.cli;

import dev.warden.audit.AuditLog;
import dev.warden.engine.Engine;
import dev.warden.engine.EngineConfig;
import dev.warden.server.ServerConfig;
import dev.warden.server.ServerRuntime;
import dev.warden.server.Tokens;
import java.io.PrintWriter;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden serve}: run the control plane. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = {
        "Run Warden's control plane: Claude Code HTTP hooks, the decision API, approvals (API and web",
        "page at /ui), sessions, quarantine, freeze, audit queries, /healthz and /metrics.",
        "State: WARDEN_HOME/state.db; audit log: WARDEN_HOME/audit.db; settings: WARDEN_HOME/server.yaml.",
        "Creates WARDEN_HOME/agent.token (the local hooks' credential) when missing.",
        "SIGTERM stops it gracefully: new requests get 503, requests in flight finish, the audit log is",
        "checkpointed and closed.",
        "Exit codes: 0 stopped cleanly; 64 usage; 65 invalid server.yaml; 69 cannot listen or open state."})
final class ServeCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Mixin HomeOption home;

    @Option(names = "--port", paramLabel = "N", description = "Port (default: 8787; 0 picks a free one)")
    int port = 8787;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default: 127.0.0.1)")
    String bind = "127.0.0.1";

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        EngineConfig config = Wiring.config(home.home, null);
        ServerConfig sc = ServerConfig.load(config.wardenHome(), Wiring.env());
        AuditLog log = Wiring.openServerLog(config.wardenHome());
        Engine engine = Wiring.engine(config, log);
        ServerRuntime rt;
        try {
            rt = ServerRuntime.start(engine, log, sc, InstantSource.system(), bind, port,
                    Wiring.env().getOrDefault("USER", System.getProperty("user.name", "local")));
        } catch (RuntimeException e) {
            log.close();
            throw new dev.warden.call.WardenException(dev.warden.call.WardenException.Kind.UNAVAILABLE,
                    "cannot start the server on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                rt.close();
            } finally {
                stopped.countDown();
            }
        }, "warden-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Warden listening on " + rt.url());
        out.println("  local agent token: " + config.wardenHome().resolve(Tokens.AGENT_TOKEN_FILE));
        out.println("  approvals web page: " + rt.url() + "/ui");
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
