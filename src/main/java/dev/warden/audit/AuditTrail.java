package dev.warden.audit;

import dev.warden.call.WardenException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The reading (and maintenance) side of the audit log: verify, checkpoints, proofs, queries,
 * timelines, export and pruning. One instance holds one store connection; not thread-safe.
 *
 * <pre>{@code
 * try (AuditTrail trail = AuditTrail.open(home)) {
 *     VerifyReport r = trail.verify(null);
 *     if (!r.ok()) r.problems().forEach(System.out::println);
 * }
 * }</pre>
 */
public final class AuditTrail implements AutoCloseable {

    /** Entry kind that records a pruning (itself part of the signed log). */
    public static final String PRUNED_KIND = "audit.pruned";
    private static final int MAX_PROBLEMS = 200;

    private final Path home;
    private final Path db;
    private final InstantSource clock;
    private final LogStore store;

    private AuditTrail(Path home, Path db, InstantSource clock, LogStore store) {
        this.home = home;
        this.db = db;
        this.clock = clock;
        this.store = store;
    }

    /** {@code WARDEN_HOME/audit.db}. */
    public static Path databaseFile(Path home) {
        return home.resolve("audit.db");
    }

    /** Opens the existing log in {@code home}; NOT_FOUND when there is none, INTEGRITY when the file is not a log. */
    public static AuditTrail open(Path home) {
        return open(home, InstantSource.system());
    }

    /** Opens the existing log in {@code home} with a clock (for pruning records and new checkpoints). */
    public static AuditTrail open(Path home, InstantSource clock) {
        Path db = databaseFile(home);
        return new AuditTrail(home, db, clock, SqliteStore.open(home, db, false));
    }

    /** Number of entries. */
    public long size() {
        return store.exists() ? store.size() : 0;
    }

    /** The log's origin (its key name), when it has signed anything. */
    public Optional<String> origin() {
        return store.exists() ? store.meta("origin") : Optional.empty();
    }

    /** The key this installation trusts: {@code keys/audit.vkey} (or the signing key's public half). */
    public LogKey trustedKey() {
        try {
            return AuditKeys.verifierKey(home);
        } catch (WardenException e) {
            if (e.kind() == WardenException.Kind.NOT_FOUND && AuditKeys.hasSigningKey(home)) {
                LogKey k = AuditKeys.signingKey(home);
                return LogKey.parseVkey(k.vkey());
            }
            throw e;
        }
    }

    /** The latest stored checkpoint. */
    public Optional<Checkpoint> latestCheckpoint() {
        if (!store.exists()) {
            return Optional.empty();
        }
        return store.lastCheckpoint().map(c -> Checkpoint.parse(c.note()));
    }

    /**
     * The latest checkpoint, first signing a new one when entries were added since the last (this
     * needs the signing key in {@code WARDEN_HOME/keys}).
     */
    public Checkpoint checkpoint() {
        long size = size();
        Optional<Checkpoint> last = latestCheckpoint();
        if (size > 0 && (last.isEmpty() || last.get().size() < size) && AuditKeys.hasSigningKey(home)) {
            MerkleAuditLog w = writer();
            try {
                w.checkpointNow();
            } finally {
                w.close();
            }
            last = latestCheckpoint();
        }
        return last.orElseThrow(() -> new WardenException(WardenException.Kind.NOT_FOUND,
                "the audit log at " + db + " has no checkpoint yet (it is empty)"));
    }

    private MerkleAuditLog writer() {
        return (MerkleAuditLog) AuditLog.builder(home).database(db).clock(clock).checkpointOnClose(false).open();
    }

    /** The RFC 6962 root of the first {@code size} entries. */
    public byte[] root(long size) {
        checkSize(size);
        return Merkle.root(store::perfect, size);
    }

    /** Proof that entry {@code index} is in the tree of {@code size} entries. */
    public InclusionProof inclusionProof(long index, long size) {
        checkSize(size);
        if (index < 0 || index >= size) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "index " + index + " is not in a tree of " + size + " entries");
        }
        byte[] leaf = store.perfect(0, index);
        return new InclusionProof(index, size, leaf, Merkle.inclusionProof(store::perfect, index, size), root(size));
    }

    /** Proof that the tree of {@code size2} entries extends the tree of {@code size1}. */
    public ConsistencyProof consistencyProof(long size1, long size2) {
        checkSize(size2);
        if (size1 < 0 || size1 > size2) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "no consistency proof from size " + size1 + " to " + size2);
        }
        return new ConsistencyProof(size1, size2, root(size1), root(size2), Merkle.consistencyProof(store::perfect, size1, size2));
    }

    private void checkSize(long size) {
        long n = size();
        if (size < 0 || size > n) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "size " + size + " is beyond the log (" + n + " entries)");
        }
    }

    /** One entry, unless it is absent or pruned. */
    public Optional<AuditRecord> record(long index) {
        List<AuditRecord> out = new ArrayList<>(1);
        store.scan(index, true, (i, leaf, body) -> {
            if (i == index && body != null) {
                out.add(EntryCodec.decode(i, new String(body, StandardCharsets.UTF_8)));
            }
            return false;
        });
        return out.stream().findFirst();
    }

    /** Streams the records matching {@code q}, in index order (or newest first), with constant memory. */
    public void query(AuditQuery q, Consumer<AuditRecord> sink) {
        if (!store.exists()) {
            return;
        }
        long[] seen = {0};
        store.query(q, (i, leaf, body) -> {
            if (body == null) {
                return true;
            }
            String text = new String(body, StandardCharsets.UTF_8);
            AuditRecord r = EntryCodec.decode(i, text);
            if (q.matches(r, text)) {
                sink.accept(r);
                seen[0]++;
            }
            return q.limit() <= 0 || seen[0] < q.limit();
        });
    }

    /** The records matching {@code q}, as a list. */
    public List<AuditRecord> records(AuditQuery q) {
        ArrayList<AuditRecord> out = new ArrayList<>();
        query(q, out::add);
        return out;
    }

    /** A session's story: main agent and subagents interleaved, decisions joined with outcomes. */
    public Timeline timeline(String session) {
        return Timeline.of(records(AuditQuery.all().withSession(session)));
    }

    // ---- verify ---------------------------------------------------------------------------

    /**
     * Recomputes the whole tree from the stored entries and checks it against every signed
     * checkpoint; with {@code trusted}, also checks that the log extends that checkpoint.
     */
    public VerifyReport verify(@Nullable Checkpoint trusted) {
        return new Verifier(trusted, true, null).run();
    }

    /** {@link #verify(Checkpoint)} trusting {@code key} (a published verifier key) instead of {@code WARDEN_HOME/keys}. */
    public VerifyReport verify(@Nullable Checkpoint trusted, LogKey key) {
        return new Verifier(trusted, true, key).run();
    }

    /** Recomputes the tree from the stored leaf hashes only (no entry contents): the fast check. */
    public VerifyReport verifyTree() {
        return new Verifier(null, false, null).run();
    }

    private final class Verifier {
        private final @Nullable Checkpoint trusted;
        private final boolean contents;
        private final @Nullable LogKey givenKey;
        private final List<VerifyReport.Problem> problems = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        // open range of consecutive problems being merged
        private VerifyReport.@Nullable Kind openKind;
        private long openFrom = -1;
        private long openTo = -1;
        private String openMessage = "";

        Verifier(@Nullable Checkpoint trusted, boolean contents, @Nullable LogKey givenKey) {
            this.trusted = trusted;
            this.contents = contents;
            this.givenKey = givenKey;
        }

        void problem(VerifyReport.Kind kind, long index, String message) {
            if (openKind == kind && index == openTo + 1) {
                openTo = index;
                return;
            }
            flush();
            openKind = kind;
            openFrom = index;
            openTo = index;
            openMessage = message;
        }

        void flush() {
            if (openKind != null) {
                String m = openTo > openFrom ? openMessage + " (and the " + (openTo - openFrom) + " entries after it)" : openMessage;
                add(new VerifyReport.Problem(openKind, openFrom, openTo, m));
                openKind = null;
            }
        }

        void add(VerifyReport.Problem p) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(p);
            } else if (problems.size() == MAX_PROBLEMS) {
                problems.add(new VerifyReport.Problem(p.kind(), -1, -1, "more problems not listed"));
            }
        }

        VerifyReport run() {
            if (!store.exists()) {
                return new VerifyReport(0, 0, 0, 0, List.of(), List.of("the audit log is empty"));
            }
            LogKey key = trustedKeyOrProblem();
            Optional<String> origin = store.meta("origin");
            Optional<String> vkey = store.meta("vkey");
            if (key != null && vkey.isPresent() && !vkey.get().equals(key.vkey())) {
                add(new VerifyReport.Problem(VerifyReport.Kind.FOREIGN, -1, -1, "the log was signed with key "
                        + vkey.get() + " but " + AuditKeys.keysDir(home) + " trusts " + key.vkey() + " (wrong key)"));
            }
            // Checkpoints: parse and check signatures first; remember the roots to compare.
            TreeMap<Long, Checkpoint> expect = new TreeMap<>();
            int sigOk = 0;
            for (LogStore.StoredCheckpoint sc : store.checkpoints()) {
                Checkpoint cp;
                try {
                    cp = Checkpoint.parse(sc.note());
                } catch (WardenException e) {
                    add(new VerifyReport.Problem(VerifyReport.Kind.BAD_SIGNATURE, -1, -1,
                            "stored checkpoint for size " + sc.size() + " is malformed: " + e.getMessage()));
                    continue;
                }
                if (cp.size() != sc.size()) {
                    add(new VerifyReport.Problem(VerifyReport.Kind.BAD_SIGNATURE, -1, -1,
                            "stored checkpoint row for size " + sc.size() + " holds a checkpoint for size " + cp.size()));
                    continue;
                }
                if (origin.isPresent() && !cp.origin().equals(origin.get())) {
                    add(new VerifyReport.Problem(VerifyReport.Kind.FOREIGN, -1, -1, "checkpoint at size " + cp.size()
                            + " is from another log (origin " + cp.origin() + ", this log is " + origin.get() + ")"));
                    continue;
                }
                if (key != null && !cp.signedBy(key)) {
                    add(new VerifyReport.Problem(VerifyReport.Kind.BAD_SIGNATURE, -1, -1, "checkpoint at size " + cp.size()
                            + (cp.claimsKey(key) ? ": its signature does not verify" : " is not signed by the trusted key " + key.name())));
                    continue;
                }
                expect.put(cp.size(), cp);
                sigOk++;
            }
            if (trusted != null) {
                checkTrustedHeader(trusted, key, origin);
            }
            long[] prunedRanges = prunedUnion();
            Scan s = new Scan(expect, prunedRanges);
            store.scan(0, contents, s);
            flush();
            lastRoot = s.broken ? null : s.root();
            long size = s.expected;
            // Signed sizes beyond the end: truncation.
            for (Checkpoint cp : expect.tailMap(size, false).values()) {
                add(new VerifyReport.Problem(VerifyReport.Kind.TRUNCATED, size, cp.size() - 1, "the log ends at " + size
                        + " entries but a signed checkpoint covers " + cp.size() + ": the entries after " + (size - 1) + " were removed"));
            }
            if (trusted != null) {
                checkTrusted(trusted, s, size);
            }
            if (contents) {
                for (long i : store.columnMismatches()) {
                    problem(VerifyReport.Kind.ALTERED, i, "its query columns (session, agent, tool, decision, ...) disagree with its hashed content");
                }
                flush();
            }
            checkFrontierNodes(size);
            long lastSigned = expect.isEmpty() ? 0 : Math.min(size, expect.lastKey());
            if (size > lastSigned) {
                notes.add((size - lastSigned) + " entries after size " + lastSigned + " are not yet covered by a signed checkpoint");
            }
            for (LogStore.Pruned p : store.pruned()) {
                notes.add("entries " + p.start() + ".." + (p.end() - 1) + " were pruned (archive sha256 " + p.archiveSha256()
                        + ", recorded by entry " + p.entry() + ")");
            }
            problems.sort((a, b) -> Long.compare(a.from(), b.from()));
            return new VerifyReport(size, s.checkpointsMatched, s.pruned, size - lastSigned, problems, notes);
        }

        private @Nullable LogKey trustedKeyOrProblem() {
            if (givenKey != null) {
                return givenKey;
            }
            try {
                return trustedKey();
            } catch (WardenException e) {
                add(new VerifyReport.Problem(VerifyReport.Kind.FOREIGN, -1, -1,
                        "no trusted key to check checkpoint signatures with: " + e.getMessage()));
                return null;
            }
        }

        private void checkTrustedHeader(Checkpoint cp, @Nullable LogKey key, Optional<String> origin) {
            if (origin.isPresent() && !cp.origin().equals(origin.get())) {
                add(new VerifyReport.Problem(VerifyReport.Kind.FOREIGN, -1, -1, "the given checkpoint is from another log (origin "
                        + cp.origin() + ", this log is " + origin.get() + ")"));
            } else if (key != null && !cp.signedBy(key)) {
                add(new VerifyReport.Problem(VerifyReport.Kind.BAD_SIGNATURE, -1, -1, "the given checkpoint "
                        + (cp.claimsKey(key) ? "has a signature that does not verify" : "is not signed by the trusted key " + key.name())));
            }
        }

        private void checkTrusted(Checkpoint cp, Scan s, long size) {
            if (cp.size() > size) {
                add(new VerifyReport.Problem(VerifyReport.Kind.TRUNCATED, size, cp.size() - 1, "the given checkpoint covers "
                        + cp.size() + " entries but the log has " + size + ": the log was truncated"));
                return;
            }
            byte[] r = s.rootsAt.get(cp.size());
            if (r == null && cp.size() == 0) {
                r = Merkle.EMPTY_ROOT;
            }
            if (r == null || !MessageDigest.isEqual(r, cp.root())) {
                add(new VerifyReport.Problem(VerifyReport.Kind.ROOT_MISMATCH, 0, Math.max(0, cp.size() - 1),
                        "the log is not an extension of the given checkpoint: its first " + cp.size()
                        + " entries hash to a different root (rewritten history)"));
                return;
            }
            try {
                ConsistencyProof p = consistencyProof(cp.size(), size);
                if (!Merkle.verifyConsistency(cp.size(), size, cp.root(), p.root2(), p.path())) {
                    add(new VerifyReport.Problem(VerifyReport.Kind.BAD_NODE, -1, -1,
                            "the consistency proof from the given checkpoint does not verify (stored tree nodes are damaged)"));
                } else {
                    notes.add("the log (" + size + " entries) is a consistent extension of the given checkpoint (" + cp.size() + " entries)");
                }
            } catch (WardenException e) {
                add(new VerifyReport.Problem(VerifyReport.Kind.BAD_NODE, -1, -1, "cannot build a consistency proof: " + e.getMessage()));
            }
        }

        /** The stored right edge feeds every future append and checkpoint: it must match the entries. */
        private void checkFrontierNodes(long size) {
            if (problems.stream().anyMatch(p -> p.kind() != VerifyReport.Kind.FOREIGN)) {
                return; // the entries are already in doubt
            }
            try {
                byte[] fromNodes = Merkle.root(store::perfect, size);
                byte[] fromLeaves = lastRoot;
                if (fromLeaves != null && !MessageDigest.isEqual(fromNodes, fromLeaves)) {
                    add(new VerifyReport.Problem(VerifyReport.Kind.BAD_NODE, -1, -1,
                            "the stored tree nodes give a different root than the entries (proofs and future checkpoints would be wrong)"));
                }
            } catch (WardenException e) {
                add(new VerifyReport.Problem(VerifyReport.Kind.BAD_NODE, -1, -1, e.getMessage()));
            }
        }

        private byte @Nullable [] lastRoot;

        /** The pruned ranges that a signed pruning record vouches for, as [start, end) pairs. */
        private long[] prunedUnion() {
            List<LogStore.Pruned> rows = store.pruned();
            if (rows.isEmpty()) {
                return new long[0];
            }
            // The ranges each audit.pruned entry vouches for (each record restates all earlier ones).
            Map<Long, String> vouched = new LinkedHashMap<>();
            query(AuditQuery.all().withKind(PRUNED_KIND), r -> {
                if (r.data().get("ranges") instanceof List<?> l) {
                    for (Object o : l) {
                        if (o instanceof Map<?, ?> m && m.get("from") instanceof Number f && m.get("to") instanceof Number t) {
                            vouched.put(f.longValue(), t.longValue() + "/" + m.get("archive_sha256"));
                        }
                    }
                }
            });
            ArrayList<Long> ok = new ArrayList<>();
            for (LogStore.Pruned p : rows) {
                String v = vouched.get(p.start());
                if (v != null && v.equals(p.end() + "/" + p.archiveSha256())) {
                    ok.add(p.start());
                    ok.add(p.end());
                } else {
                    notes.add("a pruned-range row " + p.start() + ".." + (p.end() - 1) + " has no matching signed pruning record");
                }
            }
            long[] out = new long[ok.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ok.get(i);
            }
            return out;
        }

        /** The pass over the entries: hashes, positions, tree roots at checkpoint sizes. */
        private final class Scan implements LogStore.RowVisitor {
            final TreeMap<Long, Checkpoint> expect;
            final long[] prunedRanges;
            final Map<Long, byte[]> rootsAt = new java.util.HashMap<>();
            final MessageDigest md = Merkle.sha256();
            final int[] levels = new int[64];
            final byte[][] hashes = new byte[64][];
            int top;
            long expected;
            long prevSigned;
            boolean broken;
            int checkpointsMatched;
            long pruned;

            Scan(TreeMap<Long, Checkpoint> expect, long[] prunedRanges) {
                this.expect = expect;
                this.prunedRanges = prunedRanges;
            }

            @Override
            public boolean visit(long index, byte[] leaf, byte @Nullable [] body) {
                if (index != expected) {
                    problem(VerifyReport.Kind.REMOVED, expected, index == expected + 1
                            ? "entry " + expected + " is missing (removed)"
                            : "entries " + expected + ".." + (index - 1) + " are missing (removed)");
                    if (index > expected + 1) {
                        // one problem for the whole gap
                        openTo = index - 1;
                    }
                    broken = true;
                    expected = index;
                }
                if (leaf == null || leaf.length != Merkle.HASH_BYTES) {
                    problem(VerifyReport.Kind.CORRUPT, index, "its stored hash is malformed");
                    leaf = new byte[Merkle.HASH_BYTES];
                }
                if (contents) {
                    if (body == null) {
                        if (inPruned(index)) {
                            pruned++;
                        } else {
                            problem(VerifyReport.Kind.REMOVED, index, "entry " + index + " has no content and no signed pruning record covers it (removed)");
                        }
                    } else {
                        byte[] h = Merkle.leafHash(md, body);
                        if (!MessageDigest.isEqual(h, leaf)) {
                            problem(VerifyReport.Kind.ALTERED, index, "entry " + index + " was altered: its content does not match its hash");
                        } else {
                            long claimed = EntryCodec.claimedIndex(new String(body, StandardCharsets.UTF_8));
                            if (claimed != index) {
                                problem(VerifyReport.Kind.REORDERED, index, "entry " + index + " holds the entry written at index " + claimed + " (moved, reordered, inserted or removed)");
                            }
                        }
                    }
                }
                push(leaf);
                expected = index + 1;
                Checkpoint cp = expect.get(expected);
                if (cp != null || expected == (trusted == null ? -1 : trusted.size())) {
                    byte[] root = root();
                    rootsAt.put(expected, root);
                    if (cp != null) {
                        if (broken) {
                            add(new VerifyReport.Problem(VerifyReport.Kind.ROOT_MISMATCH, prevSigned, expected - 1,
                                    "cannot check the checkpoint at size " + expected + ": entries before it are missing"));
                        } else if (!MessageDigest.isEqual(root, cp.root())) {
                            flush();
                            add(new VerifyReport.Problem(VerifyReport.Kind.ROOT_MISMATCH, prevSigned, expected - 1,
                                    "the signed checkpoint at size " + expected + " does not match the recomputed tree: an entry in "
                                    + prevSigned + ".." + (expected - 1) + " was altered, inserted, removed or reordered"));
                        } else {
                            checkpointsMatched++;
                        }
                        prevSigned = expected;
                    }
                }
                return true;
            }

            boolean inPruned(long index) {
                for (int i = 0; i < prunedRanges.length; i += 2) {
                    if (index >= prunedRanges[i] && index < prunedRanges[i + 1]) {
                        return true;
                    }
                }
                return false;
            }

            void push(byte[] leaf) {
                levels[top] = 0;
                hashes[top] = leaf;
                top++;
                while (top >= 2 && levels[top - 1] == levels[top - 2]) {
                    byte[] h = Merkle.nodeHash(md, hashes[top - 2], hashes[top - 1]);
                    top -= 2;
                    levels[top] = levels[top] + 1;
                    hashes[top] = h;
                    top++;
                }
            }

            byte[] root() {
                if (top == 0) {
                    return Merkle.EMPTY_ROOT.clone();
                }
                byte[] r = hashes[top - 1];
                for (int i = top - 2; i >= 0; i--) {
                    r = Merkle.nodeHash(md, hashes[i], r);
                }
                return r;
            }
        }
    }

    // ---- prune ----------------------------------------------------------------------------

    /**
     * What a prune did.
     *
     * @param from          first pruned index
     * @param to            one past the last pruned index
     * @param archive       where the pruned entries went (JSON Lines, one canonical entry per line)
     * @param archiveSha256 SHA-256 of the archive file
     * @param recordIndex   the index of the {@code audit.pruned} entry that records it
     */
    public record PruneResult(long from, long to, Path archive, String archiveSha256, long recordIndex) {
        /** Entries pruned. */
        public long count() {
            return to - from;
        }
    }

    /**
     * Moves the entries older than {@code before} (a prefix of the log, after any earlier prune) to
     * {@code archive}, records the pruning as a signed log entry, then drops their contents. Their
     * leaf hashes stay, so every checkpoint and proof still verifies; verify reports the range as
     * pruned. Refuses to overwrite an existing archive.
     */
    public PruneResult prune(Instant before, Path archive) {
        long size = size();
        List<LogStore.Pruned> earlier = store.pruned();
        long from = earlier.isEmpty() ? 0 : earlier.get(earlier.size() - 1).end();
        long[] to = {from};
        store.scan(from, true, (i, leaf, body) -> {
            if (body == null) {
                return false;
            }
            Instant t = EntryCodec.decode(i, new String(body, StandardCharsets.UTF_8)).time();
            if (!t.isBefore(before)) {
                return false;
            }
            to[0] = i + 1;
            return true;
        });
        if (to[0] <= from) {
            return new PruneResult(from, from, archive, "", -1);
        }
        if (to[0] > size) {
            throw new WardenException(WardenException.Kind.INTERNAL, "prune range beyond the log");
        }
        String sha = writeArchive(from, to[0], archive);
        List<Map<String, Object>> ranges = new ArrayList<>();
        for (LogStore.Pruned p : earlier) {
            ranges.add(Map.of("from", p.start(), "to", p.end(), "archive_sha256", p.archiveSha256()));
        }
        ranges.add(Map.of("from", from, "to", to[0], "archive_sha256", sha));
        Map<String, @Nullable Object> data = new LinkedHashMap<>();
        data.put("from", from);
        data.put("to", to[0]);
        data.put("before", before.toString());
        data.put("archive", archive.getFileName().toString());
        data.put("archive_sha256", sha);
        data.put("root_at_to", HexFormat.of().formatHex(root(to[0])));
        data.put("ranges", ranges);
        MerkleAuditLog w = writer();
        long record;
        try {
            w.checkpointNow(); // a signature over everything that is about to lose its content
            record = w.append(new AuditEntry(PRUNED_KIND, clock.instant(), "", null, null, null, data));
            long end = to[0];
            store.inWriteTransaction(tx -> {
                tx.prune(from, end, record, sha, clock.millis());
                return null;
            });
            w.checkpointNow();
        } finally {
            w.close();
        }
        return new PruneResult(from, to[0], archive, sha, record);
    }

    private String writeArchive(long from, long to, Path archive) {
        MessageDigest md = Merkle.sha256();
        try (OutputStream raw = Files.newOutputStream(archive, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                DigestOutputStream dig = new DigestOutputStream(raw, md)) {
            long[] next = {from};
            RuntimeException[] fail = {null};
            store.scan(from, true, (i, leaf, body) -> {
                if (i >= to) {
                    return false;
                }
                if (i != next[0] || body == null || !MessageDigest.isEqual(Merkle.leafHash(body), leaf)) {
                    fail[0] = new WardenException(WardenException.Kind.INTEGRITY,
                            "entry " + i + " does not verify; run 'warden audit verify' before pruning");
                    return false;
                }
                try {
                    dig.write(body);
                    dig.write('\n');
                } catch (IOException e) {
                    fail[0] = new WardenException(WardenException.Kind.UNAVAILABLE, "cannot write " + archive + ": " + e.getMessage(), e);
                    return false;
                }
                next[0] = i + 1;
                return true;
            });
            if (fail[0] == null && next[0] != to) {
                fail[0] = new WardenException(WardenException.Kind.INTEGRITY, "entries " + next[0] + ".." + (to - 1) + " are missing");
            }
            if (fail[0] != null) {
                throw fail[0];
            }
            dig.flush();
        } catch (FileAlreadyExistsException e) {
            throw new WardenException(WardenException.Kind.CONFLICT, "archive " + archive + " already exists; choose a new file");
        } catch (IOException e) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "cannot write " + archive + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(archive);
            } catch (IOException ignored) {
                // best effort
            }
            throw e;
        }
        try (var ch = java.nio.channels.FileChannel.open(archive, StandardOpenOption.WRITE)) {
            ch.force(true); // the archive is durable before the contents leave the log
        } catch (IOException e) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "cannot sync " + archive + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    // ---- export ---------------------------------------------------------------------------

    /** Export formats. */
    public enum ExportFormat {
        /** OCSF 1.x API Activity (class 6003) events, one JSON object per line. */
        OCSF,
        /** OpenTelemetry GenAI {@code execute_tool} spans as one OTLP/JSON {@code resourceSpans} document. */
        OTEL
    }

    /**
     * Streams the records matching {@code q} to {@code out} in {@code format}, with constant memory.
     *
     * @return the number of events or spans written
     */
    public long export(ExportFormat format, AuditQuery q, OutputStream out) {
        try {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            long n;
            if (format == ExportFormat.OCSF) {
                OcsfExport x = new OcsfExport(origin().orElse("warden"));
                long[] c = {0};
                query(q, r -> {
                    Map<String, Object> e = x.event(r);
                    if (e != null) {
                        write(w, CanonicalJson.write(e));
                        write(w, "\n");
                        c[0]++;
                    }
                });
                n = c[0];
            } else {
                OtelExport x = new OtelExport(span -> write(w, span), () -> write(w, OtelExport.HEADER), () -> write(w, OtelExport.FOOTER));
                query(q, x::accept);
                n = x.finish();
            }
            w.flush();
            return n;
        } catch (IOException e) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "cannot write export: " + e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "cannot write export: " + e.getCause().getMessage(), e);
        }
    }

    private static void write(BufferedWriter w, String s) {
        try {
            w.write(s);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    LogStore store() {
        return store;
    }

    /** The home this trail reads. */
    public Path home() {
        return home;
    }

    @Override
    public void close() {
        store.close();
    }
}
