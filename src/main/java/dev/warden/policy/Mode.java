package dev.warden.policy;

/** Whether decisions are enforced or only recorded. */
public enum Mode {
    /** Decisions are enforced. */
    ENFORCE,
    /**
     * Rollout mode: every decision is made and recorded, none is enforced; the harness behaves
     * as if Warden were not there, and {@code warden log} shows what would have been blocked.
     */
    MONITOR
}
