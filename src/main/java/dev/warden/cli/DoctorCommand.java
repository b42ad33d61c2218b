package dev.warden.cli;

import dev.warden.call.WardenException;
import dev.warden.engine.EngineConfig;
import dev.warden.harness.claude.ClaudeDoctor;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden doctor}: prove that Warden really governs Claude Code here. */
@Command(name = "doctor", mixinStandardHelpOptions = true, description = {
        "Prove that Warden really governs Claude Code here.",
        "Checks every settings layer (Claude Code silently drops an invalid one, hooks included), that",
        "the hooks are installed, that the policy compiles, and that the installed hook really fires:",
        "it is run as Claude Code runs it and must deny a destructive probe call.",
        "Exit codes: 0 all checks pass (warnings allowed); 1 a check failed."})
final class DoctorCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = false)
    SettingsTarget target = new SettingsTarget();

    @Mixin HomeOption home;

    @Option(names = "--managed", paramLabel = "FILE", description = "Managed settings file (default: /etc/claude-code/managed-settings.json)")
    Path managed = Path.of("/etc/claude-code/managed-settings.json");

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        EngineConfig config = Wiring.config(home.home, null);
        Path project = target.projectDir();
        List<ClaudeDoctor.Check> checks = new ArrayList<>();
        checks.add(new ClaudeDoctor.Check(ClaudeDoctor.Status.OK, "java", "running on Java " + Runtime.version()));
        checks.add(homeCheck(config.wardenHome()));
        try {
            var policy = Wiring.simulator(config).policyFor(project == null ? config.home() : project);
            checks.add(new ClaudeDoctor.Check(ClaudeDoctor.Status.OK, "policy", "compiles (" + policy.hash() + ", mode "
                    + policy.mode().name().toLowerCase(Locale.ROOT) + ", layers: " + String.join("; ", policy.sources()) + ")"));
        } catch (WardenException e) {
            checks.add(new ClaudeDoctor.Check(ClaudeDoctor.Status.FAIL, "policy", e.getMessage()));
        }
        Path cwd = project == null ? config.home() : project;
        checks.addAll(new ClaudeDoctor(ClaudeDoctor.layers(project, config.home(), managed), config.home(), cwd).run());
        boolean failed = false;
        for (ClaudeDoctor.Check c : checks) {
            out.printf("%-4s %-34s %s%n", c.status(), c.name(), c.detail());
            failed |= c.status() == ClaudeDoctor.Status.FAIL;
        }
        out.println(failed ? "Warden does NOT fully govern Claude Code here: fix the FAIL lines above."
                : "Warden governs Claude Code here.");
        return failed ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private static ClaudeDoctor.Check homeCheck(Path home) {
        try {
            Files.createDirectories(home);
            Path probe = Files.createTempFile(home, ".doctor", ".tmp");
            Files.delete(probe);
            return new ClaudeDoctor.Check(ClaudeDoctor.Status.OK, "warden home", home + " is writable");
        } catch (Exception e) {
            return new ClaudeDoctor.Check(ClaudeDoctor.Status.FAIL, "warden home", home + " is not writable: " + e.getMessage());
        }
    }
}
