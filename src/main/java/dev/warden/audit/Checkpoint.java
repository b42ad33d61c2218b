package dev.warden.audit;

import dev.warden.call.WardenException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A signed checkpoint in the C2SP tlog-checkpoint format: a signed note whose text is the origin
 * line, the tree size in decimal, and the base64 root hash, each ending in a newline; then a blank
 * line and signature lines {@code — <key name> <base64(4-byte key id || Ed25519 signature)>}.
 *
 * <pre>
 * warden.local/audit/5f1c0e2a9b7d4c31
 * 1042
 * 2rQ7S5r8p0V3Uq4hN7iJt1ZfU6oBqvJw5mJd7Dg6H6Q=
 *
 * — warden.local/audit/5f1c0e2a9b7d4c31 AbCdEf...
 * </pre>
 *
 * @param origin     the log's identity (first line)
 * @param size       the tree size
 * @param root       the RFC 6962 root hash at that size
 * @param signatures the signature lines as parsed
 * @param text       the whole signed note, exactly as signed and stored
 */
public record Checkpoint(String origin, long size, byte[] root, List<NoteSignature> signatures, String text) {

    /** Notes larger than this are rejected unread (a checkpoint is a few hundred bytes). */
    static final int MAX_NOTE_BYTES = 64 * 1024;

    /**
     * One signature line.
     *
     * @param name  the key name
     * @param keyId the 4-byte key id
     * @param sig   the signature bytes
     */
    public record NoteSignature(String name, int keyId, byte[] sig) {}

    public Checkpoint {
        signatures = List.copyOf(signatures);
        root = root.clone();
    }

    /** The note text that the signatures cover: three lines, each ending in a newline. */
    public static String body(String origin, long size, byte[] root) {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    }

    /** Signs a checkpoint for {@code (size, root)} with {@code key}; the origin is the key's name. */
    static Checkpoint sign(LogKey key, long size, byte[] root) {
        String body = body(key.name(), size, root);
        String note = body + "\n" + key.signatureLine(body) + "\n";
        return parse(note);
    }

    /** The note text the signatures cover. */
    public String body() {
        return body(origin, size, root);
    }

    /** True when a signature line from {@code key} (same name and id) verifies; false otherwise. */
    public boolean signedBy(LogKey key) {
        boolean known = false;
        for (NoteSignature s : signatures) {
            if (s.name().equals(key.name()) && s.keyId() == key.keyId()) {
                known = true;
                if (!key.verify(body(), s.sig())) {
                    return false; // a known key's bad signature rejects the whole note (C2SP)
                }
            }
        }
        return known;
    }

    /** True when any signature line claims to be from {@code key} (name and id match). */
    public boolean claimsKey(LogKey key) {
        return signatures.stream().anyMatch(s -> s.name().equals(key.name()) && s.keyId() == key.keyId());
    }

    /**
     * Parses a signed checkpoint note. Rejects with {@link WardenException.Kind#INVALID_INPUT}
     * and a message naming the problem: not UTF-8 text, control characters, missing blank line,
     * fewer than three lines, bad size, bad base64 root, malformed signature lines.
     */
    public static Checkpoint parse(String note) {
        if (note.getBytes(StandardCharsets.UTF_8).length > MAX_NOTE_BYTES) {
            throw bad("checkpoint is larger than " + MAX_NOTE_BYTES + " bytes");
        }
        String n = note.replace("\r\n", "\n");
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c < 0x20 && c != '\n') {
                throw bad("checkpoint contains a control character at offset " + i);
            }
        }
        if (!n.endsWith("\n")) {
            n = n + "\n"; // tolerate a missing final newline (editors strip it)
        }
        int split = n.lastIndexOf("\n\n");
        if (split < 0) {
            throw bad("checkpoint has no blank line between its text and its signatures");
        }
        String text = n.substring(0, split + 1);
        String sigBlock = n.substring(split + 2);
        String[] lines = text.split("\n", -1);
        // text ends in "\n", so the split has a trailing empty element
        if (lines.length < 4) {
            throw bad("checkpoint text needs three lines (origin, size, root hash), found " + (lines.length - 1));
        }
        String origin = lines[0];
        if (origin.isEmpty()) {
            throw bad("checkpoint origin line is empty");
        }
        long size;
        if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
            throw bad("checkpoint tree size '" + lines[1] + "' is not a decimal number");
        }
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw bad("checkpoint tree size '" + lines[1] + "' is out of range");
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw bad("checkpoint root hash is not valid base64");
        }
        if (root.length != Merkle.HASH_BYTES) {
            throw bad("checkpoint root hash has " + root.length + " bytes, expected 32");
        }
        if (lines.length > 4) {
            throw bad("checkpoint has extension lines, which this log never writes");
        }
        List<NoteSignature> sigs = new ArrayList<>();
        for (String line : sigBlock.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith("\u2014 ")) {
                throw bad("signature line does not start with an em dash: '" + abbreviate(line) + "'");
            }
            int sp = line.lastIndexOf(' ');
            if (sp <= 2) {
                throw bad("malformed signature line: '" + abbreviate(line) + "'");
            }
            String name = line.substring(2, sp);
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(line.substring(sp + 1));
            } catch (IllegalArgumentException e) {
                throw bad("signature of '" + name + "' is not valid base64");
            }
            if (raw.length < 5 || !LogKey.validName(name)) {
                throw bad("malformed signature line for '" + name + "'");
            }
            ByteBuffer b = ByteBuffer.wrap(raw);
            int id = b.getInt();
            byte[] sig = new byte[raw.length - 4];
            b.get(sig);
            sigs.add(new NoteSignature(name, id, sig));
        }
        if (sigs.isEmpty()) {
            throw bad("checkpoint has no signature lines");
        }
        if (sigs.size() > 100) {
            throw bad("checkpoint has too many signature lines");
        }
        return new Checkpoint(origin, size, root, sigs, n);
    }

    /** The root hash in base64. */
    public String rootBase64() {
        return Base64.getEncoder().encodeToString(root);
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    private static WardenException bad(String msg) {
        return new WardenException(WardenException.Kind.INVALID_INPUT, msg);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && c.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
