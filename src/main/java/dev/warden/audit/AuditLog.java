package dev.warden.audit;

/**
 * The append-only audit log. Implementations redact secrets before anything is stored, and
 * {@link #append} returns only once the entry is durable.
 */
public interface AuditLog extends AutoCloseable {

    /**
     * Redacts and appends one entry; returns once it is durable.
     *
     * @return the entry's index in the log (0-based)
     */
    long append(AuditEntry entry);

    @Override
    void close();

    /** The log in {@code WARDEN_HOME} (placeholder until the Merkle log lands; fails closed). */
    static AuditLog open(java.nio.file.Path wardenHome, java.time.InstantSource clock) {
        throw new dev.warden.call.WardenException(dev.warden.call.WardenException.Kind.UNAVAILABLE,
                "the audit log is not built yet");
    }
}
