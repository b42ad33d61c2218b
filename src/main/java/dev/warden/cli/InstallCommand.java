package dev.warden.cli;

import dev.warden.engine.EngineConfig;
import dev.warden.harness.claude.ClaudeInstaller;
import dev.warden.harness.claude.DenyFloor;
import dev.warden.policy.Policy;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden install}: wire Warden's hooks into Claude Code settings. */
@Command(name = "install", mixinStandardHelpOptions = true, description = {
        "Wire Warden's hooks into Claude Code settings (merges; idempotent; keeps a backup).",
        "Every hook event runs `warden hook claude`; PreToolUse blocks the call if the hook fails.",
        "Also adds a floor of deny rules to Claude Code's permissions.deny.",
        "Exit codes: 0 installed (or already installed); 64 usage; 65 the settings file is invalid; 69 cannot write."})
final class InstallCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = false)
    SettingsTarget target = new SettingsTarget();

    @Mixin HomeOption home;

    @Option(names = "--label", paramLabel = "LABEL", description = "Bind calls through these hooks to the label (bindings: label: ...)")
    @Nullable String label;

    @Option(names = "--server", paramLabel = "URL", description = {
            "Route every decision through a Warden server (warden serve) instead of the embedded hook.",
            "Fails closed: PreToolUse blocks when the server is down, refuses, or times out; SessionStart stops",
            "the session when the server is unreachable."})
    @Nullable String server;

    @Option(names = "--transport", paramLabel = "T", description = {
            "With --server: http (Claude Code http hooks with onFailure: block; the agent token comes from",
            "$WARDEN_AGENT_TOKEN) or command (the thin client `warden hook claude --server URL`, which also reads",
            "WARDEN_HOME/agent.token). Default: http."})
    String transport = "http";

    @Option(names = "--defer", description = {
            "With --server, for headless (claude -p) runs: a call waiting for approval answers `defer`, so the",
            "session ends and is resumed (claude -p --resume ID) once a human decided, instead of holding the",
            "hook open. Claude Code honours defer only in -p mode and for a single tool call per turn."})
    boolean defer;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        EngineConfig config = Wiring.config(home.home, null);
        Path settings = target.settingsFile(config.home());
        Path projectDir = target.projectDir();
        Policy policy = Wiring.simulator(config).policyFor(projectDir == null ? config.home() : projectDir);
        Path pinnedHome = home.home != null || Wiring.env().containsKey("WARDEN_HOME") ? config.wardenHome() : null;
        String command = ClaudeInstaller.hookCommand(launcher(config), pinnedHome, label);
        ClaudeInstaller.Server mode = null;
        if (server != null) {
            java.net.URI u;
            try {
                u = java.net.URI.create(server.strip());
            } catch (IllegalArgumentException e) {
                u = null;
            }
            if (u == null || u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                throw new dev.warden.call.WardenException(dev.warden.call.WardenException.Kind.INVALID_INPUT,
                        "--server must be an http(s) URL like http://127.0.0.1:8787, not '" + server + "'");
            }
            ClaudeInstaller.Transport tr = switch (transport) {
                case "http" -> ClaudeInstaller.Transport.HTTP;
                case "command" -> ClaudeInstaller.Transport.COMMAND;
                default -> throw new dev.warden.call.WardenException(dev.warden.call.WardenException.Kind.INVALID_INPUT,
                        "--transport must be http or command, not '" + transport + "'");
            };
            mode = new ClaudeInstaller.Server(server.strip(), tr, ClaudeInstaller.SERVER_PRE_TOOL_TIMEOUT_S, defer);
        }
        ClaudeInstaller.Result r = new ClaudeInstaller(InstantSource.system()).install(new ClaudeInstaller.Target(
                settings, command, DenyFloor.rules(policy, config.wardenHome()), manifest(config), mode));
        if (r.changed()) {
            out.println("Installed Warden's hooks in " + r.settingsFile());
        } else {
            out.println("Warden's hooks are already installed in " + r.settingsFile() + "; nothing changed");
        }
        if (mode == null) {
            out.println("  hook command: " + command);
        } else if (mode.transport() == ClaudeInstaller.Transport.HTTP) {
            out.println("  transport: http hooks to " + mode.url() + "/hooks/claude (onFailure: block on PreToolUse,");
            out.println("             timeout " + mode.preToolTimeout() + " s); SessionStart runs: " + command + " --server " + mode.url());
            out.println("  credential: Claude Code must run with " + ClaudeInstaller.TOKEN_ENV + " set, e.g.");
            out.println("    export " + ClaudeInstaller.TOKEN_ENV + "=$(cat " + config.wardenHome().resolve("agent.token") + ")");
        } else {
            out.println("  transport: command client: " + command + " --server " + mode.url());
            out.println("  credential: $" + ClaudeInstaller.TOKEN_ENV + ", else " + config.wardenHome().resolve("agent.token"));
        }
        out.println("  events: PreToolUse (blocks the call if the hook fails), PermissionRequest, PostToolUse,");
        out.println("          PostToolUseFailure, SessionStart, SessionEnd, SubagentStart, SubagentStop,");
        out.println("          UserPromptSubmit, Stop");
        if (!r.addedDenyRules().isEmpty()) {
            out.println("  deny floor: added " + r.addedDenyRules().size() + " rules to permissions.deny");
        }
        if (r.backup() != null) {
            out.println("  backup of the previous file: " + r.backup());
        }
        out.println("Next: warden doctor " + (projectDir == null ? "--user" : "--project " + projectDir));
        return ExitCodes.OK;
    }

    static Path manifest(EngineConfig config) {
        return config.wardenHome().resolve("installed.json");
    }

    /** The launcher Claude Code runs: the ./warden script that started us, else beside the jar. */
    static Path launcher(EngineConfig config) {
        String l = Wiring.env().get("WARDEN_LAUNCHER");
        if (l != null && !l.isBlank() && Files.isExecutable(Path.of(l))) {
            return Path.of(l).toAbsolutePath().normalize();
        }
        Path dir = config.installDir();
        if (dir != null && Files.isExecutable(dir.resolve("warden"))) {
            return dir.resolve("warden");
        }
        throw new dev.warden.call.WardenException(dev.warden.call.WardenException.Kind.NOT_FOUND,
                "cannot find the warden launcher script; run install through ./warden or set WARDEN_LAUNCHER");
    }
}
