package dev.warden.analysis;

import dev.warden.call.Finding;
import dev.warden.call.PathUse;

/** Where packs put what they learn about a call. Not thread-safe: one per analysis. */
public interface Report {

    /** Adds a finding (duplicates of the same id and evidence are kept once). */
    void add(Finding finding);

    /** Records a path the call touches; {@code path} must already be canonical and absolute. */
    void path(String path, PathUse.Access access, String origin);

    /** Records a network host the call contacts (lower-cased by the report). */
    void host(String host);

    /**
     * Records a file the command saves from the network ({@code curl -o}, {@code wget}), so a
     * later command of the same call that runs it is judged as running a download;
     * {@link #STDOUT} when the download goes to standard output ({@code curl URL | tar -xz}).
     */
    void downloaded(String path);

    /** The "file" a download written to standard output is saved to (see {@link #downloaded}). */
    String STDOUT = "-";

    /**
     * Records that the command extracts an archive into {@code dir} (canonical): {@code archive}
     * is the archive's canonical path, or null when it comes from standard input. A download
     * extracted and then run from is running the download.
     */
    default void extracted(String dir, @org.jspecify.annotations.Nullable String archive) {}

    /** Raises a signal that script-level rules combine (a secret read and a network send). */
    void signal(Signal signal);

    /** Whether the call has written {@code path} (canonical) in a command read before this one. */
    default boolean written(String path) {
        return false;
    }

    /**
     * A report that passes everything to {@code out}, each finding first through {@code map}
     * (which may rewrite it, or return null to drop it): how a pack re-words or re-grades what a
     * shared reader finds ({@code rsync --delete} explained, the test database's resets low).
     */
    static Report mapping(Report out, java.util.function.Function<Finding, @org.jspecify.annotations.Nullable Finding> map) {
        return new Report() {
            @Override
            public void add(Finding f) {
                Finding mapped = map.apply(f);
                if (mapped != null) {
                    out.add(mapped);
                }
            }

            @Override
            public void path(String path, PathUse.Access access, String origin) {
                out.path(path, access, origin);
            }

            @Override
            public void host(String host) {
                out.host(host);
            }

            @Override
            public void downloaded(String path) {
                out.downloaded(path);
            }

            @Override
            public void extracted(String dir, @org.jspecify.annotations.Nullable String archive) {
                out.extracted(dir, archive);
            }

            @Override
            public void signal(Signal signal) {
                out.signal(signal);
            }

            @Override
            public boolean written(String path) {
                return out.written(path);
            }
        };
    }

    /** Facts about a call that only mean something together. */
    enum Signal {
        /** Something secret was read (a key, credentials, the environment). */
        SECRET_SOURCE,
        /** Data leaves the machine (an upload, a request body, a raw socket, a remote copy). */
        NETWORK_SEND
    }
}
