package dev.warden.analysis.fs;

import dev.warden.analysis.Pack;
import java.util.List;

/** The file-system packs: destructive commands, redirections, and the files readers read. */
public final class FsRules {

    private FsRules() {}

    /** Every pack of this package. */
    public static List<Pack> packs() {
        return List.of(new FilesystemPack(), new RedirectPack(), new ReadersPack());
    }
}
