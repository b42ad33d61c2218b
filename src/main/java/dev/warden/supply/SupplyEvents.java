package dev.warden.supply;

import dev.warden.audit.AuditEntry;
import dev.warden.audit.AuditLog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the supply chain tells the rest of Warden: reviews recorded and drift seen. {@link #audit}
 * records them in the audit log (kinds {@code supply.approved}, {@code supply.locked},
 * {@code drift}); {@link #NONE} drops them.
 */
public interface SupplyEvents {

    /** A reviewer approved one item (or the removal of one). */
    void approved(Path project, String item, String reviewer, Instant at, String identityDigest);

    /** A lock was written for first adoption. */
    void locked(Path project, int items, String reviewer, Instant at);

    /** Drift was seen (by verify or at session start). */
    void drift(Path project, List<Change> changes, Instant at);

    /** Drops every event. */
    SupplyEvents NONE = new SupplyEvents() {
        @Override public void approved(Path project, String item, String reviewer, Instant at, String identityDigest) { }
        @Override public void locked(Path project, int items, String reviewer, Instant at) { }
        @Override public void drift(Path project, List<Change> changes, Instant at) { }
    };

    /**
     * Records events in the audit log: {@code supply.approved} (project, item, reviewer, identity
     * digest), {@code supply.locked} (project, items, reviewer), {@code drift} (project, changes with
     * item, status and what changed). Appends return once durable, as {@link AuditLog} promises.
     */
    static SupplyEvents audit(AuditLog log) {
        return new SupplyEvents() {
            @Override
            public void approved(Path project, String item, String reviewer, Instant at, String identityDigest) {
                Map<String, @Nullable Object> d = new LinkedHashMap<>();
                d.put("project", project.toString());
                d.put("item", item);
                d.put("reviewer", reviewer);
                d.put("identity", identityDigest);
                log.append(new AuditEntry("supply.approved", at, "", null, null, null, d));
            }

            @Override
            public void locked(Path project, int items, String reviewer, Instant at) {
                Map<String, @Nullable Object> d = new LinkedHashMap<>();
                d.put("project", project.toString());
                d.put("items", items);
                d.put("reviewer", reviewer);
                log.append(new AuditEntry("supply.locked", at, "", null, null, null, d));
            }

            @Override
            public void drift(Path project, List<Change> changes, Instant at) {
                Map<String, @Nullable Object> d = new LinkedHashMap<>();
                d.put("project", project.toString());
                d.put("changes", changes.stream().map(c -> Map.of("item", c.item(), "status", c.status().label(),
                        "what", c.what())).toList());
                log.append(new AuditEntry("drift", at, "", null, null, null, d));
            }
        };
    }
}
