package dev.warden.engine;

import dev.warden.policy.Policy;
import dev.warden.policy.PolicyLoader;
import dev.warden.policy.PolicySource;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled policies per project, recompiled when a layer's text changes. A hook process
 * compiles once; the server keeps them across calls.
 */
final class PolicyProvider {

    private record Cached(List<PolicySource> sources, Policy policy) {}

    private final EngineConfig config;
    private final ConcurrentHashMap<Path, Cached> cache = new ConcurrentHashMap<>();

    PolicyProvider(EngineConfig config) {
        this.config = config;
    }

    /** The policy for a project root; throws PolicyException when it does not compile. */
    Policy policyFor(Path project) {
        List<PolicySource> sources = PolicyLoader.discover(project, config.wardenHome(), config.orgPolicy(),
                config.policyOverride());
        Cached c = cache.get(project);
        if (c != null && c.sources().equals(sources)) {
            return c.policy();
        }
        Policy p = PolicyLoader.compile(sources);
        cache.put(project, new Cached(sources, p));
        return p;
    }
}
