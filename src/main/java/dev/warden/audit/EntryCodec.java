package dev.warden.audit;

import dev.warden.call.WardenException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The stored (and hashed) form of an entry: canonical JSON with the members
 * {@code agent_id, agent_type, data, index, kind, session, time, tool, v} (null members absent).
 *
 * <p>The index is part of the hashed entry, so an entry moved to another position names the
 * position it belongs to and verify can say exactly what was reordered. Because {@code index}
 * sorts after {@code data} and before {@code kind}, the canonical text is
 * {@code prefix + ,"index":N, + suffix}: callers build the two halves on their own thread and
 * the single writer only splices in the number it assigns.
 */
final class EntryCodec {

    static final int VERSION = 1;

    private EntryCodec() {}

    /** The two halves of a canonical entry around its index. */
    record Halves(String prefix, String suffix, AuditEntry entry) {
        String body(long index) {
            return prefix + ",\"index\":" + index + "," + suffix;
        }

        /** The halves as UTF-8, with the leaf hash already run over {@code 0x00 || prefix}. */
        Encoded encode() {
            return new Encoded(prefix.getBytes(StandardCharsets.UTF_8), suffix.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Merkle::sha256);

    /**
     * An entry encoded on its caller's thread, so the single committer only splices in the index:
     * the body is {@code prefix + ,"index":N, + suffix}, and the leaf hash resumes from a copy of
     * the digest state after {@code 0x00 || prefix} (most of the entry), hashing ~100 bytes.
     * Single use: {@link #finish} consumes the state.
     */
    static final class Encoded {
        private final byte[] prefix;
        private final byte[] suffix;
        private final MessageDigest afterPrefix;
        private byte @Nullable [] body;
        private byte @Nullable [] leaf;

        Encoded(byte[] prefix, byte[] suffix) {
            this.prefix = prefix;
            this.suffix = suffix;
            MessageDigest md = DIGEST.get();
            md.reset();
            md.update((byte) 0);
            md.update(prefix);
            try {
                this.afterPrefix = (MessageDigest) md.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
            } finally {
                md.reset();
            }
        }

        /** Fixes the index: computes the body and its leaf hash. */
        void finish(long index) {
            byte[] mid = (",\"index\":" + index + ",").getBytes(StandardCharsets.US_ASCII);
            byte[] b = new byte[prefix.length + mid.length + suffix.length];
            System.arraycopy(prefix, 0, b, 0, prefix.length);
            System.arraycopy(mid, 0, b, prefix.length, mid.length);
            System.arraycopy(suffix, 0, b, prefix.length + mid.length, suffix.length);
            afterPrefix.update(mid);
            afterPrefix.update(suffix);
            body = b;
            leaf = afterPrefix.digest();
        }

        byte[] body() {
            return java.util.Objects.requireNonNull(body, "finish first");
        }

        byte[] leaf() {
            return java.util.Objects.requireNonNull(leaf, "finish first");
        }
    }

    static Halves halves(AuditEntry e) {
        StringBuilder p = new StringBuilder(256);
        p.append('{');
        if (e.agentId() != null) {
            CanonicalJson.string(p, "agent_id");
            p.append(':');
            CanonicalJson.string(p, e.agentId());
            p.append(',');
        }
        if (e.agentType() != null) {
            CanonicalJson.string(p, "agent_type");
            p.append(':');
            CanonicalJson.string(p, e.agentType());
            p.append(',');
        }
        p.append("\"data\":");
        CanonicalJson.append(p, e.data(), 1);
        StringBuilder s = new StringBuilder(128);
        s.append("\"kind\":");
        CanonicalJson.string(s, e.kind());
        s.append(",\"session\":");
        CanonicalJson.string(s, e.sessionId());
        s.append(",\"time\":");
        CanonicalJson.string(s, e.time().toString());
        if (e.tool() != null) {
            s.append(",\"tool\":");
            CanonicalJson.string(s, e.tool());
        }
        s.append(",\"v\":").append(VERSION).append('}');
        return new Halves(p.toString(), s.toString(), e);
    }

    /** Parses a stored body; throws INTEGRITY when it is not an entry. */
    static AuditRecord decode(long storedIndex, String body) {
        JsonNode n;
        try {
            n = JsonValues.parse(body);
        } catch (RuntimeException ex) {
            throw new WardenException(WardenException.Kind.INTEGRITY, "entry " + storedIndex + " is not valid JSON");
        }
        if (!n.isObject() || n.get("index") == null || n.get("kind") == null || n.get("time") == null) {
            throw new WardenException(WardenException.Kind.INTEGRITY, "entry " + storedIndex + " is not an audit entry");
        }
        Instant time;
        try {
            time = Instant.parse(n.get("time").asString());
        } catch (DateTimeParseException ex) {
            throw new WardenException(WardenException.Kind.INTEGRITY, "entry " + storedIndex + " has a malformed time");
        }
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> data = n.get("data") != null && n.get("data").isObject()
                ? (Map<String, @Nullable Object>) JsonValues.toJava(n.get("data"))
                : new LinkedHashMap<>();
        return new AuditRecord(
                n.get("index").asLong(),
                time,
                n.get("kind").asString(),
                JsonValues.text(n, "session"),
                JsonValues.textOrNull(n, "agent_id"),
                JsonValues.textOrNull(n, "agent_type"),
                JsonValues.textOrNull(n, "tool"),
                data);
    }

    private static final byte[] INDEX_KEY = ",\"index\":".getBytes(StandardCharsets.US_ASCII);

    /** {@link #claimedIndex(String)} on the stored UTF-8 bytes (no decoding). */
    static long claimedIndex(byte[] body) {
        // members after index hold no nested objects: the last occurrence is the member
        outer:
        for (int i = body.length - INDEX_KEY.length; i >= 0; i--) {
            for (int k = 0; k < INDEX_KEY.length; k++) {
                if (body[i + k] != INDEX_KEY[k]) {
                    continue outer;
                }
            }
            long v = 0;
            int j = i + INDEX_KEY.length;
            boolean any = false;
            while (j < body.length && body[j] >= '0' && body[j] <= '9' && v < Long.MAX_VALUE / 10) {
                v = v * 10 + (body[j] - '0');
                j++;
                any = true;
            }
            return any ? v : -1;
        }
        return -1;
    }

    /** The body's claimed index, read without a full parse; -1 when absent. */
    static long claimedIndex(String body) {
        int i = body.lastIndexOf(",\"index\":"); // members after index hold no nested objects
        if (i < 0) {
            return -1;
        }
        long v = 0;
        int j = i + 9;
        boolean any = false;
        while (j < body.length() && Character.isDigit(body.charAt(j))) {
            v = v * 10 + (body.charAt(j) - '0');
            j++;
            any = true;
        }
        return any ? v : -1;
    }
}
