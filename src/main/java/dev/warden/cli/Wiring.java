package dev.warden.cli;

import dev.warden.analysis.Analyzer;
import dev.warden.audit.AuditEntry;
import dev.warden.audit.AuditLog;
import dev.warden.engine.Engine;
import dev.warden.engine.EngineConfig;
import dev.warden.supply.SessionCheck;
import dev.warden.supply.SupplyEvents;
import dev.warden.supply.SupplyGuard;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builds the decision path for CLI commands from the environment: the one place it is assembled. */
final class Wiring {

    private Wiring() {}

    static Map<String, String> env() {
        return System.getenv();
    }

    static EngineConfig config(@Nullable Path home, @Nullable Path policy) {
        Map<String, String> env = env();
        if (home != null) {
            env = new java.util.HashMap<>(env);
            env.put("WARDEN_HOME", home.toString());
        }
        return EngineConfig.fromEnvironment(env, policy);
    }

    /** The real decision path: decisions are recorded in the audit log of WARDEN_HOME. */
    static Engine engine(EngineConfig config, AuditLog log) {
        SupplyGuard guard = SupplyGuard.builder(config.wardenHome()).home(config.home()).env(env())
                .events(SupplyEvents.audit(log)).build();
        return new Engine(config, Analyzer.standard(), log, List.of(guard::check), List.of(freezeCheck(config), supplyCheck(guard)),
                InstantSource.system(), System::nanoTime, false);
    }

    /** A frozen Warden stops new sessions too. */
    static Engine.StartCheck freezeCheck(EngineConfig config) {
        return project -> dev.warden.engine.Freeze.read(config.wardenHome())
                .map(s -> new Engine.StartNotice(true, dev.warden.engine.Freeze.message(s) + "; no session can start until `warden unfreeze`"))
                .orElse(null);
    }

    /** Supply-chain drift at session start: a warning for the user, or a stop when policy says block. */
    static Engine.StartCheck supplyCheck(SupplyGuard guard) {
        return project -> {
            SessionCheck c = guard.sessionStart(project);
            return switch (c.action()) {
                case NONE -> null;
                case WARN -> new Engine.StartNotice(false, c.message());
                case BLOCK -> new Engine.StartNotice(true, c.message());
            };
        };
    }

    static AuditLog openLog(EngineConfig config) {
        return AuditLog.open(config.wardenHome(), InstantSource.system());
    }

    /** The audit log of a long-lived server: WAL checkpoints in the background, never inside a commit. */
    static AuditLog openServerLog(java.nio.file.Path wardenHome) {
        return AuditLog.builder(wardenHome).clock(InstantSource.system()).backgroundWalCheckpoints(true).open();
    }

    /** A decision path that records nothing: for replay, evaluation and policy tests. */
    static Engine simulator(EngineConfig config) {
        SupplyGuard guard = SupplyGuard.builder(config.wardenHome()).home(config.home()).env(env()).build();
        return new Engine(config, Analyzer.standard(), DISCARD, List.of(guard::check), List.of(),
                InstantSource.system(), System::nanoTime, true);
    }

    /**
     * The real decision path as an evaluation decider: each corpus command is a Bash call by the
     * main agent in a sample project ({@code /home/user/project}), judged by the built-in policy
     * (or {@code --policy FILE}) with no user or org layer, so scores do not depend on the machine.
     */
    static EvalCommand.Deciders policyDeciders() {
        return policy -> {
            java.nio.file.Path home = java.nio.file.Path.of("/home/user");
            EngineConfig config = new EngineConfig(home.resolve(".warden"), home, null, policy, null);
            Engine engine = new Engine(config, Analyzer.standard(), DISCARD, List.of(), List.of(),
                    InstantSource.system(), System::nanoTime, true);
            String cwd = home.resolve("project").toString();
            return command -> {
                dev.warden.call.ToolCall call = new dev.warden.call.ToolCall("eval", "eval", null, null, cwd, "Bash",
                        java.util.Map.of("command", command), null, null, null);
                dev.warden.call.Decision d = engine.evaluate(call).decision();
                return new dev.warden.eval.CommandEval.Judgement(d.effect(), String.join(",", d.rules()));
            };
        };
    }

    private static final AuditLog DISCARD = new AuditLog() {
        @Override
        public long append(AuditEntry entry) {
            return -1;
        }

        @Override
        public void close() {}
    };
}
