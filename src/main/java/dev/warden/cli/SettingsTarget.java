package dev.warden.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** {@code --project DIR | --user}: which Claude Code settings file a command works on. */
final class SettingsTarget {

    static final class Choice {
        @Option(names = "--project", paramLabel = "DIR", description = "The project's .claude/settings.json (default: the current directory)")
        @Nullable Path project;

        @Option(names = "--user", description = "The user's ~/.claude/settings.json")
        boolean user;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    @Nullable Choice choice;

    @Option(names = "--local", description = "With --project: .claude/settings.local.json (not committed) instead")
    boolean local;

    /** The project folder ({@code --project} or the current directory); null with {@code --user}. */
    @Nullable Path projectDir() {
        if (choice != null && choice.user) {
            return null;
        }
        Path p = choice != null && choice.project != null ? choice.project : Path.of("");
        return p.toAbsolutePath().normalize();
    }

    Path settingsFile(Path userHome) {
        Path project = projectDir();
        if (project == null) {
            return userHome.resolve(".claude/settings.json");
        }
        return project.resolve(local ? ".claude/settings.local.json" : ".claude/settings.json");
    }
}
