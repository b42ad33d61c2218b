package dev.warden.engine;

import dev.warden.policy.Policy;
import dev.warden.policy.PolicyLoader;
import dev.warden.policy.PolicySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Compiled policies per project root. A long-running process (the server) notices edits: each
 * lookup compares the layer files' modification time and size with what was compiled (a few
 * stat calls); a frozen provider (replay, evaluation) compiles each project once.
 */
final class PolicyProvider {

    private record Cached(List<String> stamp, Policy policy) {}

    private final EngineConfig config;
    private final boolean frozen;
    private final ConcurrentHashMap<Path, Cached> cache = new ConcurrentHashMap<>();

    PolicyProvider(EngineConfig config, boolean frozen) {
        this.config = config;
        this.frozen = frozen;
    }

    /** The policy for a project root; throws PolicyException when it does not compile. */
    Policy policyFor(Path project) {
        Cached c = cache.get(project);
        if (c != null && frozen) {
            return c.policy();
        }
        List<String> stamp = stamp(project);
        if (c != null && c.stamp().equals(stamp)) {
            return c.policy();
        }
        List<PolicySource> sources = PolicyLoader.discover(project, config.wardenHome(), config.orgPolicy(),
                config.policyOverride());
        Policy p = PolicyLoader.compile(sources);
        cache.put(project, new Cached(stamp, p));
        return p;
    }

    private List<String> stamp(Path project) {
        List<String> out = new ArrayList<>(4);
        if (config.policyOverride() != null) {
            out.add(stampOf(config.policyOverride()));
        } else {
            out.add(stampOf(config.wardenHome().resolve("policy.yaml")));
            out.add(stampOf(project.resolve(PolicyLoader.PROJECT_FILE)));
        }
        out.add(stampOf(config.orgPolicy()));
        return out;
    }

    private static String stampOf(@Nullable Path file) {
        if (file == null) {
            return "-";
        }
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return file + "@" + a.lastModifiedTime().toMillis() + ":" + a.size() + ":" + a.fileKey();
        } catch (IOException e) {
            return file + "@absent";
        }
    }
}
