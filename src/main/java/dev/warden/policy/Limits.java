package dev.warden.policy;

import java.time.Duration;

/**
 * Early-warning thresholds and rate limits for the control plane ({@code settings.limits}).
 *
 * @param sessionDenials denials in one session that raise an alert (and may quarantine it), or null
 * @param agentDenials   denials by one agent (session + subagent) that raise an alert, or null
 * @param sessionRate    calls per minute per session (0 = unlimited)
 * @param agentRate      calls per minute per agent (0 = unlimited)
 * @param profileRate    calls per minute per profile across all sessions (0 = unlimited)
 */
public record Limits(Threshold sessionDenials, Threshold agentDenials, int sessionRate, int agentRate,
        int profileRate) {

    /**
     * A threshold: {@code count} denials within {@code window}.
     *
     * @param quarantine whether crossing it quarantines (otherwise it only alerts)
     */
    public record Threshold(int count, Duration window, boolean quarantine) {
        /** A threshold that never fires. */
        public static final Threshold OFF = new Threshold(0, Duration.ofMinutes(1), false);

        public boolean enabled() {
            return count > 0;
        }
    }

    /** Defaults: alert (no quarantine) at 5 denials in 2 minutes per session and per agent; no rate limits. */
    public static final Limits DEFAULT = new Limits(new Threshold(5, Duration.ofMinutes(2), false),
            new Threshold(5, Duration.ofMinutes(2), false), 0, 0, 0);
}
