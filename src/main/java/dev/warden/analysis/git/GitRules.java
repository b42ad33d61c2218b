package dev.warden.analysis.git;

import dev.warden.analysis.Pack;
import java.util.List;

/** The git packs. */
public final class GitRules {

    private GitRules() {}

    /** Every pack of this package. */
    public static List<Pack> packs() {
        return List.of(new GitPack());
    }
}
