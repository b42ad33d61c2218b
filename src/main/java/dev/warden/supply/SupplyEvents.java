package dev.warden.supply;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What the supply chain tells the rest of Warden: reviews recorded and drift seen. The lead wires
 * this to {@code dev.warden.audit.AuditLog} (kinds {@code supply.approved}, {@code supply.locked},
 * {@code drift}); until then {@link #NONE} drops them.
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
}
