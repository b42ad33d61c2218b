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
}
