package dev.warden.analysis.fs;

import dev.warden.analysis.Pack;
import java.util.List;

/** The file-system packs: destructive commands, redirections, and the files readers read. */
public final class FsRules {

    private FsRules() {}

    /**
     * True when this package records the paths {@code program} (a normalised name) reads and
     * writes itself, so other packs need not guess its operands.
     */
    public static boolean recordsPaths(String program) {
        return FilesystemPack.PROGRAMS.contains(program) || ReadersPack.PROGRAMS.contains(program);
    }

    /**
     * A path inside the project, written literally, that only holds regenerable output
     * ({@code build/}, {@code ./coverage}, {@code server.log}): deleting it is routine.
     */
    public static boolean buildOutputPath(String path) {
        return FilesystemPack.buildOutputPath(path);
    }

    /** Every pack of this package. */
    public static List<Pack> packs() {
        return List.of(new FilesystemPack(), new RedirectPack(), new ReadersPack(), new OutputsPack());
    }
}
