package dev.warden.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where Warden's state and policies are; immutable, validated at start.
 *
 * @param wardenHome     Warden's home ({@code $WARDEN_HOME}, default {@code ~/.warden})
 * @param home           the user's home directory
 * @param orgPolicy      the org policy file, or null for none
 * @param policyOverride a policy file replacing the user and project layers ({@code --policy}), or null
 * @param installDir     where Warden itself is installed (protected from the agent), or null
 */
public record EngineConfig(Path wardenHome, Path home, @Nullable Path orgPolicy, @Nullable Path policyOverride,
        @Nullable Path installDir) {

    /** Reads the standard environment: {@code WARDEN_HOME}, {@code HOME}, {@code WARDEN_ORG_POLICY}. */
    public static EngineConfig fromEnvironment(Map<String, String> env, @Nullable Path policyOverride) {
        Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
        return new EngineConfig(wardenHome(env), home,
                dev.warden.policy.PolicyLoader.orgFile(env.get("WARDEN_ORG_POLICY")), policyOverride,
                locateInstallDir());
    }

    /** {@code $WARDEN_HOME}, or {@code ~/.warden}. */
    public static Path wardenHome(Map<String, String> env) {
        String h = env.get("WARDEN_HOME");
        if (h != null && !h.isBlank()) {
            return Path.of(h).toAbsolutePath().normalize();
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".warden").toAbsolutePath().normalize();
    }

    /** The folder holding Warden's jar (its {@code target} folder's parent when run from a build). */
    static @Nullable Path locateInstallDir() {
        try {
            Path jar = Path.of(EngineConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = jar.getParent();
            if (dir != null && dir.getFileName() != null && dir.getFileName().toString().equals("target")) {
                dir = dir.getParent();
            }
            return dir;
        } catch (Exception e) {
            return null;
        }
    }

    /** Files and folders the agent must never change: Warden's own state and the hooks that run it. */
    public List<Path> protectedPaths(Path project) {
        List<Path> out = new java.util.ArrayList<>();
        out.add(wardenHome);
        out.add(project.resolve(".warden"));
        out.add(project.resolve(".claude/settings.json"));
        out.add(project.resolve(".claude/settings.local.json"));
        out.add(home.resolve(".claude/settings.json"));
        out.add(home.resolve(".claude/settings.local.json"));
        out.add(Path.of("/etc/claude-code"));
        out.add(Path.of("/etc/warden"));
        if (orgPolicy != null) {
            out.add(orgPolicy);
        }
        if (installDir != null) {
            out.add(installDir);
        }
        return out;
    }
}
