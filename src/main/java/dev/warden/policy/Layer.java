package dev.warden.policy;

import java.util.Locale;

/**
 * Where a piece of policy comes from, from least to most authoritative. A later layer may tighten
 * what an earlier one says; nothing below {@link #ORG} can weaken what the org layer says.
 */
public enum Layer {
    /** Warden's built-in default policy. */
    BUILTIN,
    /** The user's own policy, {@code $WARDEN_HOME/policy.yaml}. */
    USER,
    /** The repository's policy, {@code .warden/policy.yaml}, committed with the code. */
    PROJECT,
    /** The organisation's managed policy ({@code /etc/warden/policy.yaml} or {@code $WARDEN_ORG_POLICY}). */
    ORG;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
