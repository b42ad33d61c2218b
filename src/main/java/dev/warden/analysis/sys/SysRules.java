package dev.warden.analysis.sys;

import dev.warden.analysis.Pack;
import java.util.List;

/** The sys packs. */
public final class SysRules {

    private SysRules() {}

    /** Every pack of this package. */
    public static List<Pack> packs() {
        return List.of();
    }
}
