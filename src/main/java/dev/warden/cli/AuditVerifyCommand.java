package dev.warden.cli;

import dev.warden.audit.AuditTrail;
import dev.warden.audit.Checkpoint;
import dev.warden.audit.LogKey;
import dev.warden.audit.VerifyReport;
import dev.warden.call.WardenException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden audit verify}: exit 0 only when the whole log verifies. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Recompute the whole Merkle tree and check it against every signed checkpoint. "
                + "Exit 0 when the log verifies, 1 with the offending entry or range otherwise.")
public final class AuditVerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AuditCli.Home home;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "An earlier published checkpoint: also prove the log is a consistent extension of it.")
    @Nullable Path checkpoint;

    @Option(names = "--key", paramLabel = "VKEY|FILE",
            description = "Trust this verifier key (name+id+key, or a file holding one) instead of WARDEN_HOME/keys.")
    @Nullable String key;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Checkpoint trusted = checkpoint == null ? null : readCheckpoint(checkpoint);
        LogKey k = key == null ? null : LogKey.parseVkey(readKey(key));
        try (AuditTrail t = AuditTrail.open(home.resolve())) {
            long t0 = System.nanoTime();
            VerifyReport r = k == null ? t.verify(trusted) : t.verify(trusted, k);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            out.println("audit log: " + AuditTrail.databaseFile(t.home()));
            out.println("entries: " + r.size() + ", signed checkpoints matched: " + r.checkpoints()
                    + (r.prunedEntries() > 0 ? ", pruned entries: " + r.prunedEntries() : "") + " (" + ms + " ms)");
            for (String n : r.notes()) {
                out.println("note: " + n);
            }
            if (r.ok()) {
                out.println("OK: the log verifies" + (r.size() > 0 ? " (root " + HexFormat.of().formatHex(t.root(r.size())) + " at size " + r.size() + ")" : ""));
                return ExitCodes.OK;
            }
            out.println("FAILED: " + r.problems().size() + " problem" + (r.problems().size() == 1 ? "" : "s"));
            for (VerifyReport.Problem p : r.problems()) {
                out.println("  " + p);
            }
            return ExitCodes.FAILED;
        }
    }

    static Checkpoint readCheckpoint(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            try {
                return Checkpoint.parse(text);
            } catch (WardenException e) {
                throw new WardenException(WardenException.Kind.INVALID_INPUT, "checkpoint file " + file + ": " + e.getMessage());
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "checkpoint file " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "cannot read checkpoint file " + file + ": " + e.getMessage());
        }
    }

    static String readKey(String keyOrFile) {
        if (keyOrFile.contains("+")) {
            return keyOrFile;
        }
        try {
            return Files.readString(Path.of(keyOrFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "cannot read verifier key " + keyOrFile + ": " + e.getMessage());
        }
    }
}
