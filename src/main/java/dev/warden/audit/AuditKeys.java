package dev.warden.audit;

import dev.warden.call.WardenException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The files in {@code WARDEN_HOME/keys}: the checkpoint signing key ({@code audit.key}, mode 0600:
 * key name, base64 PKCS#8 private key, base64 raw public key, one per line), its verifier key
 * ({@code audit.vkey}, to publish), and the redaction HMAC key ({@code redact.key}, mode 0600).
 *
 * <p>Each key is made on first use and published atomically (written to a private temp file,
 * then hard-linked into place, which fails if another process won the race; the loser reads the
 * winner's key), so concurrent first runs agree on one key.
 */
final class AuditKeys {

    static final String SIGNING_FILE = "audit.key";
    static final String VKEY_FILE = "audit.vkey";
    static final String REDACT_FILE = "redact.key";

    private AuditKeys() {}

    static Path keysDir(Path home) {
        return home.resolve("keys");
    }

    /** The signing key, made on first use with a fresh random log name. */
    static LogKey signingKey(Path home) {
        Path f = keysDir(home).resolve(SIGNING_FILE);
        if (!Files.exists(f)) {
            create(home);
        }
        return load(f);
    }

    /** The verifier key only (never creates one). */
    static LogKey verifierKey(Path home) {
        Path f = keysDir(home).resolve(VKEY_FILE);
        try {
            return LogKey.parseVkey(Files.readString(f, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new WardenException(WardenException.Kind.NOT_FOUND, "no audit verifier key at " + f);
        } catch (IOException e) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    static boolean hasSigningKey(Path home) {
        return Files.exists(keysDir(home).resolve(SIGNING_FILE));
    }

    private static void create(Path home) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            KeyPair kp = g.generateKeyPair();
            byte[] id = new byte[8];
            new SecureRandom().nextBytes(id);
            String name = "warden.local/audit/" + HexFormat.of().formatHex(id);
            byte[] pub = LogKey.raw(kp.getPublic());
            String text = name + "\n" + Base64.getEncoder().encodeToString(kp.getPrivate().getEncoded()) + "\n"
                    + Base64.getEncoder().encodeToString(pub) + "\n";
            Path dir = ensureDir(home);
            if (publish(dir.resolve(SIGNING_FILE), text.getBytes(StandardCharsets.UTF_8), true)) {
                LogKey k = new LogKey(name, pub, null);
                Files.writeString(dir.resolve(VKEY_FILE), k.vkey() + "\n", StandardCharsets.UTF_8);
            }
        } catch (GeneralSecurityException e) {
            throw new WardenException(WardenException.Kind.INTERNAL, "Ed25519 unavailable: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "cannot create the audit signing key in " + keysDir(home) + ": " + e.getMessage(), e);
        }
    }

    private static LogKey load(Path f) {
        try {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            if (lines.size() < 3) {
                throw new WardenException(WardenException.Kind.INTEGRITY, "audit signing key " + f + " is malformed");
            }
            PrivateKey pk = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(1).strip())));
            return new LogKey(lines.get(0).strip(), Base64.getDecoder().decode(lines.get(2).strip()), pk);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new WardenException(WardenException.Kind.INTEGRITY, "audit signing key " + f + " is malformed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /** The redaction HMAC key (32 random bytes), made on first use. */
    static byte[] redactionKey(Path home) {
        Path f = keysDir(home).resolve(REDACT_FILE);
        try {
            if (!Files.exists(f)) {
                byte[] k = new byte[32];
                new SecureRandom().nextBytes(k);
                publish(ensureDir(home).resolve(REDACT_FILE),
                        (Base64.getEncoder().encodeToString(k) + "\n").getBytes(StandardCharsets.US_ASCII), true);
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(f, StandardCharsets.US_ASCII).strip());
            if (key.length < 16) {
                throw new WardenException(WardenException.Kind.INTEGRITY, "redaction key " + f + " is too short");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new WardenException(WardenException.Kind.INTEGRITY, "redaction key " + f + " is malformed");
        } catch (IOException e) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "cannot read or create " + f + ": " + e.getMessage(), e);
        }
    }

    private static Path ensureDir(Path home) throws IOException {
        Path dir = keysDir(home);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(home);
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException ignored) {
                // another process made it
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(dir);
            }
        }
        return dir;
    }

    /** Writes a file atomically and only if absent; true when this call created it. */
    private static boolean publish(Path target, byte[] content, boolean secret) throws IOException {
        Path dir = target.getParent();
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, ".tmp-", ".key", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--")));
        } catch (UnsupportedOperationException e) {
            tmp = Files.createTempFile(dir, ".tmp-", ".key");
        }
        try {
            Files.write(tmp, content);
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.createLink(target, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
