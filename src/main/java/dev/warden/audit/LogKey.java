package dev.warden.audit;

import dev.warden.call.WardenException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An Ed25519 key that signs checkpoints, named as in C2SP signed notes.
 *
 * <p>The key id is {@code SHA-256(name || 0x0A || 0x01 || 32-byte public key)[:4]}, and the public
 * half travels as a verifier key ("vkey") {@code <name>+<hex key id>+<base64(0x01 || public key)>},
 * the text a log operator publishes so anyone can check its checkpoints. Only the JDK's own
 * Ed25519 provider is used.
 */
public final class LogKey {

    /** Signature type byte for Ed25519 in C2SP signed notes. */
    static final byte ED25519 = 0x01;
    // DER prefix of an X.509 SubjectPublicKeyInfo for an Ed25519 key; the raw key follows.
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final String name;
    private final byte[] publicKey;
    private final int keyId;
    private final @Nullable PrivateKey privateKey;
    private volatile @Nullable PublicKey jdkPublic;

    LogKey(String name, byte[] publicKey, @Nullable PrivateKey privateKey) {
        if (!validName(name)) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "invalid key name '" + name + "'");
        }
        if (publicKey.length != 32) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "an Ed25519 public key has 32 bytes, not " + publicKey.length);
        }
        this.name = name;
        this.publicKey = publicKey.clone();
        this.privateKey = privateKey;
        MessageDigest md = Merkle.sha256();
        md.update(name.getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
        md.update(ED25519);
        md.update(publicKey);
        this.keyId = ByteBuffer.wrap(md.digest()).getInt();
    }

    /** Parses a verifier key {@code name+hexid+base64(0x01||pub)}; the id must match the key. */
    public static LogKey parseVkey(String vkey) {
        String v = vkey.strip();
        // names never contain '+', base64 may: split at the first two
        int p1 = v.indexOf('+');
        int p2 = p1 < 0 ? -1 : v.indexOf('+', p1 + 1);
        if (p1 <= 0 || p2 < 0) {
            throw bad("not a verifier key (expected name+keyid+key): '" + abbreviate(v) + "'");
        }
        String name = v.substring(0, p1);
        String hexId = v.substring(p1 + 1, p2);
        byte[] material;
        try {
            material = Base64.getDecoder().decode(v.substring(p2 + 1));
        } catch (IllegalArgumentException e) {
            throw bad("verifier key has invalid base64");
        }
        if (hexId.length() != 8 || material.length != 33 || material[0] != ED25519) {
            throw bad("verifier key is not an Ed25519 key in C2SP form");
        }
        byte[] pub = new byte[32];
        System.arraycopy(material, 1, pub, 0, 32);
        LogKey key = new LogKey(name, pub, null);
        int claimed;
        try {
            claimed = (int) Long.parseLong(hexId, 16);
        } catch (NumberFormatException e) {
            throw bad("verifier key id is not hex");
        }
        if (claimed != key.keyId) {
            throw bad("verifier key id " + hexId + " does not match its key (expected " + key.keyIdHex() + ")");
        }
        return key;
    }

    /** The key's name, also the log's origin line. */
    public String name() {
        return name;
    }

    /** The 4-byte key id as an int (big-endian). */
    public int keyId() {
        return keyId;
    }

    /** The key id in 8 hex digits. */
    public String keyIdHex() {
        return String.format("%08x", keyId);
    }

    /** The verifier key text to publish. */
    public String vkey() {
        byte[] material = new byte[33];
        material[0] = ED25519;
        System.arraycopy(publicKey, 0, material, 1, 32);
        return name + "+" + keyIdHex() + "+" + Base64.getEncoder().encodeToString(material);
    }

    /** The raw 32-byte public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** True when this key can sign (holds the private half). */
    public boolean canSign() {
        return privateKey != null;
    }

    /** Signs a note text (which must end in a newline); returns the signature line without newline. */
    String signatureLine(String text) {
        if (privateKey == null) {
            throw new WardenException(WardenException.Kind.INTERNAL, "key " + name + " has no private half");
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(text.getBytes(StandardCharsets.UTF_8));
            byte[] sig = s.sign();
            ByteBuffer b = ByteBuffer.allocate(4 + sig.length).putInt(keyId).put(sig);
            return "\u2014 " + name + " " + Base64.getEncoder().encodeToString(b.array());
        } catch (GeneralSecurityException e) {
            throw new WardenException(WardenException.Kind.INTERNAL, "cannot sign checkpoint: " + e.getMessage(), e);
        }
    }

    /** True when {@code sig} (64 bytes) is this key's signature over {@code text}. */
    boolean verify(String text, byte[] sig) {
        try {
            PublicKey pk = jdkPublic;
            if (pk == null) {
                pk = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki()));
                jdkPublic = pk;
            }
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(pk);
            s.update(text.getBytes(StandardCharsets.UTF_8));
            return s.verify(sig);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    byte[] spki() {
        byte[] out = new byte[SPKI_PREFIX.length + 32];
        System.arraycopy(SPKI_PREFIX, 0, out, 0, SPKI_PREFIX.length);
        System.arraycopy(publicKey, 0, out, SPKI_PREFIX.length, 32);
        return out;
    }

    /** Raw public key from a JDK Ed25519 public key (its X.509 encoding ends in the 32 raw bytes). */
    static byte[] raw(PublicKey pk) {
        byte[] enc = pk.getEncoded();
        byte[] out = new byte[32];
        System.arraycopy(enc, enc.length - 32, out, 0, 32);
        return out;
    }

    /** Key names: non-empty, no Unicode spaces, no '+'. */
    static boolean validName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '+' || Character.isWhitespace(c) || Character.isSpaceChar(c) || c < 0x20) {
                return false;
            }
        }
        return true;
    }

    Optional<PrivateKey> privateKey() {
        return Optional.ofNullable(privateKey);
    }

    private static WardenException bad(String msg) {
        return new WardenException(WardenException.Kind.INVALID_INPUT, msg);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    @Override
    public String toString() {
        return vkey();
    }
}
