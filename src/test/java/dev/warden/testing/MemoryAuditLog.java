package dev.warden.testing;

import dev.warden.audit.AuditEntry;
import dev.warden.audit.AuditLog;
import dev.warden.call.WardenException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake for the audit seam: keeps entries in memory, and can be told to fail. */
public final class MemoryAuditLog implements AuditLog {

    private final List<AuditEntry> entries = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    @Override
    public long append(AuditEntry entry) {
        if (failing) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "disk full (test)");
        }
        entries.add(entry);
        return entries.size() - 1;
    }

    public List<AuditEntry> entries() {
        return List.copyOf(entries);
    }

    public MemoryAuditLog failing(boolean f) {
        this.failing = f;
        return this;
    }

    @Override
    public void close() {}
}
