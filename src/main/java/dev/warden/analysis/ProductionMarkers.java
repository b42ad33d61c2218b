package dev.warden.analysis;

import dev.warden.call.Command;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a command touches production, from the markers a policy declares: environment
 * names in flags and variables, kube contexts, cloud profiles, host names and database URLs.
 * Only consulted for commands that already have findings, so benign commands never pay for it.
 */
final class ProductionMarkers {

    private static final Set<String> ENV_VARS = Set.of("RAILS_ENV", "RACK_ENV", "NODE_ENV", "APP_ENV", "ENV",
            "ENVIRONMENT", "STAGE", "MIX_ENV", "FLASK_ENV", "DJANGO_ENV", "ASPNETCORE_ENVIRONMENT",
            "DOTNET_ENVIRONMENT", "SPRING_PROFILES_ACTIVE", "DEPLOY_ENV", "TARGET_ENV", "TF_WORKSPACE");
    private static final String[] ENV_FLAGS = {"--env", "--environment", "-e", "--stage", "-s", "--target", "--workspace"};
    private static final String[] CONTEXT_FLAGS = {"--context", "--kube-context", "--kubecontext", "--cluster"};
    private static final String[] PROFILE_FLAGS = {"--profile", "--configuration", "--subscription", "--project", "--account"};
    private static final Set<String> PROFILE_VARS = Set.of("AWS_PROFILE", "AWS_DEFAULT_PROFILE",
            "CLOUDSDK_ACTIVE_CONFIG_NAME", "CLOUDSDK_CORE_PROJECT", "GOOGLE_CLOUD_PROJECT", "AZURE_SUBSCRIPTION_ID");
    private static final Set<String> CONTEXT_VARS = Set.of("KUBECONTEXT", "KUBE_CONTEXT");

    private ProductionMarkers() {}

    /** The marker that makes this command production-facing, if any (for the explanation). */
    static Optional<String> match(Invocation inv, AnalysisContext.Production p) {
        if (p.equals(AnalysisContext.Production.NONE)) {
            return Optional.empty();
        }
        Map<String, String> env = inv.env();
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (ENV_VARS.contains(e.getKey()) && any(p.environments(), e.getValue())) {
                return Optional.of(e.getKey() + "=" + e.getValue());
            }
            if (PROFILE_VARS.contains(e.getKey()) && any(p.cloudProfiles(), e.getValue())) {
                return Optional.of(e.getKey() + "=" + e.getValue());
            }
            if (CONTEXT_VARS.contains(e.getKey()) && any(p.kubeContexts(), e.getValue())) {
                return Optional.of(e.getKey() + "=" + e.getValue());
            }
            if (contains(p.databaseUrls(), e.getValue()) || hostIn(p.hosts(), e.getValue())) {
                return Optional.of(e.getKey() + "=" + e.getValue());
            }
        }
        Optional<String> v = inv.option(ENV_FLAGS);
        if (v.isPresent() && any(p.environments(), v.get())) {
            return Optional.of("environment " + v.get());
        }
        v = inv.option(CONTEXT_FLAGS);
        if (v.isPresent() && any(p.kubeContexts(), v.get())) {
            return Optional.of("context " + v.get());
        }
        v = inv.option(PROFILE_FLAGS);
        if (v.isPresent() && any(p.cloudProfiles(), v.get())) {
            return Optional.of("profile " + v.get());
        }
        Command c = inv.command();
        List<String> args = c.argv();
        for (String a : args) {
            if (!p.environments().isEmpty() && exactly(p.environments(), a)) {
                return Optional.of("environment " + a);
            }
            if (contains(p.databaseUrls(), a)) {
                return Optional.of("database " + a);
            }
            if (hostIn(p.hosts(), a)) {
                return Optional.of("host " + a);
            }
        }
        return Optional.empty();
    }

    private static boolean any(Set<String> globs, String value) {
        for (String g : globs) {
            if (Glob.matches(g, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean exactly(Set<String> globs, String word) {
        return any(globs, word);
    }

    private static boolean contains(Set<String> fragments, String value) {
        for (String f : fragments) {
            if (!f.isEmpty() && (f.indexOf('*') >= 0 ? Glob.matches("*" + f + "*", value) : value.contains(f))) {
                return true;
            }
        }
        return false;
    }

    /** True when the word names (or contains, as URL or user@host) a production host. */
    private static boolean hostIn(Set<String> globs, String word) {
        if (globs.isEmpty() || word.isEmpty()) {
            return false;
        }
        String h = Hosts.hostOf(word);
        return h != null && any(globs, h);
    }
}
