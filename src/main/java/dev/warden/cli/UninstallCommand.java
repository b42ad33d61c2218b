package dev.warden.cli;

import dev.warden.engine.EngineConfig;
import dev.warden.harness.claude.ClaudeInstaller;
import java.io.PrintWriter;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code warden uninstall}: take Warden's hooks and deny floor out of Claude Code settings. */
@Command(name = "uninstall", mixinStandardHelpOptions = true, description = {
        "Remove Warden's hooks and the deny rules Warden added; leaves everything else (keeps a backup).",
        "Exit codes: 0 removed (or nothing to remove); 65 the settings file is invalid; 69 cannot write."})
final class UninstallCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = false)
    SettingsTarget target = new SettingsTarget();

    @Mixin HomeOption home;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        EngineConfig config = Wiring.config(home.home, null);
        ClaudeInstaller.Result r = new ClaudeInstaller(InstantSource.system())
                .uninstall(target.settingsFile(config.home()), InstallCommand.manifest(config));
        if (r.changed()) {
            out.println("Removed Warden's hooks from " + r.settingsFile()
                    + (r.addedDenyRules().isEmpty() ? "" : " and " + r.addedDenyRules().size() + " deny rules Warden had added"));
            if (r.backup() != null) {
                out.println("  backup of the previous file: " + r.backup());
            }
        } else {
            out.println("Warden was not installed in " + r.settingsFile() + "; nothing changed");
        }
        return ExitCodes.OK;
    }
}
