/**
 * The tamper-evident audit trail: an append-only Merkle log of everything Warden saw and decided.
 * {@link dev.warden.audit.AuditLog} is the entry point.
 */
@NullMarked
package dev.warden.audit;

import org.jspecify.annotations.NullMarked;
