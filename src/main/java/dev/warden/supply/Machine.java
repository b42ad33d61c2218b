package dev.warden.supply;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where to look: the project, the user's home, the environment agents inherit, and the folders
 * that hold managed (organisation) configuration. Tests build one over fixture folders.
 *
 * @param projectDir  the project (repository root) agents work in
 * @param home        the user's home folder
 * @param env         the environment agents and MCP servers inherit (names are reported, values never)
 * @param managedDirs folders holding {@code managed-settings.json} / {@code managed-mcp.json}
 */
public record Machine(Path projectDir, Path home, Map<String, String> env, List<Path> managedDirs) {

    public Machine {
        projectDir = projectDir.toAbsolutePath().normalize();
        home = home.toAbsolutePath().normalize();
        env = Map.copyOf(env);
        managedDirs = List.copyOf(managedDirs);
    }

    /** This machine: the real home, environment and managed-settings folders. */
    public static Machine current(Path projectDir) {
        return new Machine(projectDir, Path.of(System.getProperty("user.home")), System.getenv(), defaultManagedDirs());
    }

    /** The same machine with another home folder (and, by default, no managed folders inside it). */
    public Machine withHome(Path newHome) {
        return new Machine(projectDir, newHome, env, managedDirs);
    }

    /** The same machine with other managed folders. */
    public Machine withManagedDirs(List<Path> dirs) {
        return new Machine(projectDir, home, env, dirs);
    }

    /**
     * Claude Code's file-based managed settings folders: {@code /etc/claude-code} on Linux (and
     * WSL), {@code /Library/Application Support/ClaudeCode} on macOS, {@code C:\Program Files\ClaudeCode}
     * on Windows. All that exist are returned; the scan reports which one each item came from.
     */
    public static List<Path> defaultManagedDirs() {
        List<Path> dirs = new ArrayList<>();
        for (String p : List.of("/etc/claude-code", "/Library/Application Support/ClaudeCode", "C:\\Program Files\\ClaudeCode")) {
            try {
                Path d = Path.of(p);
                if (Files.isDirectory(d)) {
                    dirs.add(d);
                }
            } catch (RuntimeException e) {
                // a path this platform cannot express: not its managed folder
            }
        }
        return dirs;
    }
}
