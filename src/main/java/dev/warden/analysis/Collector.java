package dev.warden.analysis;

import dev.warden.call.Analysis;
import dev.warden.call.Command;
import dev.warden.call.Finding;
import dev.warden.call.PathUse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The {@link Report} one analysis fills; turns into an {@link Analysis} at the end. */
final class Collector implements Report {

    final List<Finding> findings = new ArrayList<>(4);
    private final Set<String> findingKeys = new HashSet<>();
    final List<PathUse> paths = new ArrayList<>(4);
    private final Set<String> pathKeys = new HashSet<>();
    private final Set<String> hosts = new LinkedHashSet<>();
    private final EnumSet<Signal> signals = EnumSet.noneOf(Signal.class);

    @Override
    public void add(Finding finding) {
        if (findingKeys.add(finding.id() + '\u0000' + finding.evidence())) {
            findings.add(finding);
        }
    }

    @Override
    public void path(String path, PathUse.Access access, String origin) {
        if (pathKeys.add(access.name() + path)) {
            paths.add(new PathUse(path, access, origin));
        }
    }

    @Override
    public boolean written(String path) {
        return pathKeys.contains(PathUse.Access.WRITE.name() + path);
    }

    /** The script makes globs match leading dots ({@code shopt -s dotglob}, {@code GLOBIGNORE}). */
    boolean dotglob;

    /** Extractions by the command being read: {directory, archive or null}; cleared per command. */
    final List<String[]> extractions = new ArrayList<>(1);

    @Override
    public void extracted(String dir, @org.jspecify.annotations.Nullable String archive) {
        extractions.add(new String[] {dir, archive});
    }

    /** Files saved from the network by the commands read so far (canonical paths). */
    final Set<String> downloads = new HashSet<>(2);

    @Override
    public void downloaded(String path) {
        downloads.add(path);
    }

    @Override
    public void host(String host) {
        if (!host.isEmpty()) {
            hosts.add(host.toLowerCase(Locale.ROOT));
        }
    }

    @Override
    public void signal(Signal signal) {
        signals.add(signal);
    }

    boolean has(Signal signal) {
        return signals.contains(signal);
    }

    /** Forgets the paths recorded from {@code index} on (they were judged, but are not this machine's). */
    void dropPathsFrom(int index) {
        while (paths.size() > index) {
            PathUse p = paths.remove(paths.size() - 1);
            pathKeys.remove(p.access().name() + p.path());
        }
    }

    /** Forgets the findings from {@code index} on that {@code drop} selects. */
    void dropFindings(int index, java.util.function.Predicate<Finding> drop) {
        for (int i = findings.size() - 1; i >= index; i--) {
            Finding f = findings.get(i);
            if (drop.test(f)) {
                findings.remove(i);
                findingKeys.remove(f.id() + '\u0000' + f.evidence());
            }
        }
    }

    /** Replaces the finding at {@code index} (used to raise severity for production). */
    void replace(int index, Finding f) {
        findings.set(index, f);
    }

    Analysis toAnalysis(List<Command> commands) {
        return new Analysis(commands, paths, hosts, findings);
    }
}
