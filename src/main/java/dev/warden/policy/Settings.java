package dev.warden.policy;

import dev.warden.call.Effect;
import dev.warden.call.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The merged non-rule settings of a policy.
 *
 * @param protectedBranches git branches (globs) whose pushes count as irreversible
 * @param production        production markers by kind: {@code environments}, {@code kube_contexts},
 *                          {@code cloud_profiles}, {@code hosts}, {@code database_urls}
 * @param severityEffects   what each finding severity becomes
 * @param findingEffects    per finding-id overrides (exact ids or {@code pack.*} globs), in layer order
 * @param approval          the default human gate for calls whose findings map to approve
 *                          ({@code settings.approval}); rules may set their own
 * @param limits            denial thresholds and rate limits ({@code settings.limits})
 */
public record Settings(
        Set<String> protectedBranches,
        Map<String, Set<String>> production,
        Map<Severity, Effect> severityEffects,
        List<FindingEffect> findingEffects,
        Approval approval,
        Limits limits) {

    /** The production marker kinds a policy may declare. */
    public static final List<String> PRODUCTION_KINDS =
            List.of("environments", "kube_contexts", "cloud_profiles", "hosts", "database_urls");

    /**
     * One per-finding override.
     *
     * @param pattern finding id or glob ({@code git.force-push}, {@code cloud.*})
     * @param effect  the effect it gives
     * @param floor   true for org overrides: lower layers may make it stricter, never weaker
     */
    public record FindingEffect(String pattern, Effect effect, boolean floor) {}

    /** Settings without approval or limit configuration (the defaults apply). */
    public Settings(Set<String> protectedBranches, Map<String, Set<String>> production,
            Map<Severity, Effect> severityEffects, List<FindingEffect> findingEffects) {
        this(protectedBranches, production, severityEffects, findingEffects, Approval.DEFAULT, Limits.DEFAULT);
    }

    public Settings {
        protectedBranches = Set.copyOf(protectedBranches);
        production = Map.copyOf(production);
        severityEffects = Map.copyOf(severityEffects);
        findingEffects = List.copyOf(findingEffects);
    }

    /** The effect a finding gets under this policy. */
    public Effect effectOf(String findingId, Severity severity) {
        Effect chosen = null;
        Effect floor = null;
        for (FindingEffect o : findingEffects) {
            if (o.pattern().equals(findingId) || Glob.matches(o.pattern(), findingId)) {
                if (o.floor()) {
                    floor = floor == null ? o.effect() : floor.max(o.effect());
                } else {
                    chosen = o.effect();
                }
            }
        }
        Effect e = chosen != null ? chosen : severityEffects.getOrDefault(severity, Effect.DENY);
        return floor == null ? e : e.max(floor);
    }
}
