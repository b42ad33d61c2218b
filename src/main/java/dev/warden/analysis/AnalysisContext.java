package dev.warden.analysis;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What analysis needs to know beyond the call itself; built once per policy and project.
 *
 * @param projectRoot       the project the agent works in (its cwd's repository root or the cwd)
 * @param home              the user's home directory, for {@code ~} and credential locations
 * @param protectedBranches git branch names/globs whose pushes are irreversible (e.g. main, release/*)
 * @param production        markers that make an action production-facing
 * @param protectedPaths    files and directories that guard Warden itself (its home, policies,
 *                          Claude Code settings); writing them is self-protection
 */
public record AnalysisContext(
        Path projectRoot,
        Path home,
        Set<String> protectedBranches,
        Production production,
        List<Path> protectedPaths) {

    public AnalysisContext {
        protectedBranches = Set.copyOf(protectedBranches);
        protectedPaths = List.copyOf(protectedPaths);
    }

    /**
     * Names that mark production, from policy. Globs ({@code *}) allowed.
     *
     * @param environments environment names (e.g. prod, production) seen in flags like {@code --env prod}
     * @param kubeContexts kube contexts ({@code --context prod-eu})
     * @param cloudProfiles cloud CLI profiles ({@code --profile prod})
     * @param hosts        host names ({@code *.prod.example.com})
     * @param databaseUrls database URL fragments ({@code prod-db.internal})
     */
    public record Production(
            Set<String> environments,
            Set<String> kubeContexts,
            Set<String> cloudProfiles,
            Set<String> hosts,
            Set<String> databaseUrls) {

        public static final Production NONE = new Production(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

        public Production {
            environments = Set.copyOf(environments);
            kubeContexts = Set.copyOf(kubeContexts);
            cloudProfiles = Set.copyOf(cloudProfiles);
            hosts = Set.copyOf(hosts);
            databaseUrls = Set.copyOf(databaseUrls);
        }
    }
}
