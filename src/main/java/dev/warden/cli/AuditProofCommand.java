package dev.warden.cli;

import dev.warden.audit.AuditTrail;
import dev.warden.audit.CanonicalJson;
import dev.warden.audit.ConsistencyProof;
import dev.warden.audit.InclusionProof;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden audit proof}: inclusion ({@code --index N [--size M]}) or consistency ({@code --from A --to B}). */
@Command(name = "proof", mixinStandardHelpOptions = true,
        description = "Print an RFC 9162 inclusion proof (--index N [--size M]) or consistency proof (--from SIZE1 --to SIZE2) as JSON.")
public final class AuditProofCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AuditCli.Home home;

    @Option(names = "--index", paramLabel = "N", description = "Entry index for an inclusion proof.")
    @Nullable Long index;

    @Option(names = "--size", paramLabel = "M", description = "Tree size for the inclusion proof (default: the latest checkpoint's).")
    @Nullable Long size;

    @Option(names = "--from", paramLabel = "SIZE1", description = "Earlier tree size for a consistency proof.")
    @Nullable Long from;

    @Option(names = "--to", paramLabel = "SIZE2", description = "Later tree size (default: the latest checkpoint's).")
    @Nullable Long to;

    @Override
    public Integer call() {
        boolean inclusion = index != null;
        boolean consistency = from != null;
        if (inclusion == consistency || inclusion && to != null || consistency && size != null) {
            spec.commandLine().getErr().println("warden: give either --index N [--size M] or --from SIZE1 [--to SIZE2]");
            return ExitCodes.USAGE;
        }
        Base64.Encoder b64 = Base64.getEncoder();
        Map<String, Object> out = new LinkedHashMap<>();
        try (AuditTrail t = AuditTrail.open(home.resolve())) {
            long latest = t.latestCheckpoint().map(c -> c.size()).orElse(t.size());
            if (inclusion) {
                InclusionProof p = t.inclusionProof(index, size == null ? latest : size);
                out.put("type", "inclusion");
                out.put("index", p.index());
                out.put("size", p.size());
                out.put("leaf_hash", b64.encodeToString(p.leafHash()));
                out.put("root", b64.encodeToString(p.root()));
                out.put("path", encode(p.path()));
                out.put("verified", p.verify());
            } else {
                ConsistencyProof p = t.consistencyProof(from, to == null ? latest : to);
                out.put("type", "consistency");
                out.put("size1", p.size1());
                out.put("size2", p.size2());
                out.put("root1", b64.encodeToString(p.root1()));
                out.put("root2", b64.encodeToString(p.root2()));
                out.put("path", encode(p.path()));
                out.put("verified", p.verify());
            }
        }
        spec.commandLine().getOut().println(CanonicalJson.write(out));
        return Boolean.TRUE.equals(out.get("verified")) ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static List<String> encode(List<byte[]> path) {
        return path.stream().map(h -> Base64.getEncoder().encodeToString(h)).toList();
    }
}
