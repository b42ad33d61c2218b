package dev.warden.analysis.self;

import dev.warden.analysis.Pack;
import java.util.List;

/** The self packs. */
public final class SelfRules {

    private SelfRules() {}

    /** Every pack of this package. */
    public static List<Pack> packs() {
        return List.of(new SelfPack());
    }
}
