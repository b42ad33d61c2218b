package dev.warden.analysis.exec;

import dev.warden.analysis.Pack;
import java.util.List;

/** The exec packs. */
public final class ExecRules {

    private ExecRules() {}

    /** Every pack of this package. */
    public static List<Pack> packs() {
        return List.of();
    }
}
