package dev.warden.server;

import dev.warden.approval.Principal;
import dev.warden.approval.Role;
import dev.warden.call.WardenException;
import dev.warden.store.StateDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Bearer tokens: created once and shown once, stored only as SHA-256 (a token has 256 bits of
 * entropy, so a plain hash is enough; no salt or KDF is needed), compared in constant time.
 * Verified tokens are cached for a few seconds so the decision path does not read the database
 * on every call; a revoked token stops working within that time.
 */
public final class Tokens {

    /** The local agent token file in WARDEN_HOME, readable only by its owner. */
    public static final String AGENT_TOKEN_FILE = "agent.token";
    private static final long CACHE_NANOS = 5_000_000_000L;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new token: its public id and the secret (shown once). */
    public record Created(String id, String token, Role role, String name, @Nullable String team) {}

    private record Cached(Principal principal, long at) {}

    private final StateDb db;
    private final InstantSource clock;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public Tokens(StateDb db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Creates a token; the secret is returned here and never again. */
    public Created create(Role role, String name, @Nullable String team) {
        if (name.isBlank() || name.length() > 100 || !name.chars().allMatch(c -> c > ' ' && c != ',' && c < 127)) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT,
                    "a token name must be 1-100 printable characters without spaces or commas, got '" + name + "'");
        }
        if (team != null && (team.isBlank() || team.length() > 100 || !team.chars().allMatch(c -> c > ' ' && c < 127))) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "a team must be 1-100 printable characters without spaces");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "wdn_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] idBytes = new byte[6];
        RANDOM.nextBytes(idBytes);
        String id = "tok_" + HexFormat.of().formatHex(idBytes);
        db.insertToken(id, hash(token), role, name, team, clock.instant());
        return new Created(id, token, role, name, team);
    }

    /** The principal holding a presented token, if it is valid and not revoked. */
    public Optional<Principal> authenticate(@Nullable String presented) {
        if (presented == null || presented.length() < 20 || presented.length() > 200) {
            return Optional.empty();
        }
        String h = hash(presented);
        long now = System.nanoTime();
        Cached c = cache.get(h);
        if (c != null && now - c.at() < CACHE_NANOS) {
            return Optional.of(c.principal());
        }
        Optional<Map.Entry<StateDb.TokenRecord, String>> row = db.tokenByHash(h);
        if (row.isEmpty() || !MessageDigest.isEqual(row.get().getValue().getBytes(StandardCharsets.US_ASCII),
                h.getBytes(StandardCharsets.US_ASCII))) {
            cache.remove(h);
            return Optional.empty();
        }
        Principal p = row.get().getKey().principal();
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(h, new Cached(p, now));
        return Optional.of(p);
    }

    /** Forgets cached verifications (after a revocation in this process). */
    public void forget() {
        cache.clear();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The local agent token: {@code WARDEN_HOME/agent.token} (mode 600), created for the OS user
     * when missing or no longer valid. The command-hook client reads this file when
     * {@code WARDEN_AGENT_TOKEN} is not set.
     */
    public Principal ensureLocalAgentToken(Path wardenHome, String user) {
        Path f = wardenHome.resolve(AGENT_TOKEN_FILE);
        try {
            if (Files.isRegularFile(f)) {
                Optional<Principal> p = authenticate(Files.readString(f, StandardCharsets.UTF_8).strip());
                if (p.isPresent() && p.get().role() == Role.AGENT) {
                    return p.get();
                }
            }
            Created c = create(Role.AGENT, user.isBlank() ? "local" : user, null);
            Path tmp = Files.createTempFile(wardenHome, ".agent", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the home folder's own permissions protect it
            }
            Files.writeString(tmp, c.token() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new Principal(c.id(), c.name(), Role.AGENT, null);
        } catch (IOException e) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "cannot write " + f + ": " + e.getMessage(), e);
        }
    }
}
