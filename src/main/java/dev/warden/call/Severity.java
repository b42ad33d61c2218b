package dev.warden.call;

import java.util.Locale;
import java.util.Optional;

/**
 * How bad a finding is if the action goes wrong. Policy maps severities to effects
 * (by default: critical = deny, high = approve, medium = ask, low and info = log).
 */
public enum Severity {
    /** Worth recording, nothing more. */
    INFO,
    /** Unusual but routinely harmless. */
    LOW,
    /** Risky enough that a person should glance at it. */
    MEDIUM,
    /** Irreversible or externally visible; needs a human decision. */
    HIGH,
    /** Catastrophic or a clear attack; never runs unattended. */
    CRITICAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Severity> parse(String label) {
        for (Severity s : values()) {
            if (s.label().equalsIgnoreCase(label.strip())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
