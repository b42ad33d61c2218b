package dev.warden.analysis.cloud;

import dev.warden.analysis.Pack;
import java.util.List;

/** The cloud packs. */
public final class CloudRules {

    private CloudRules() {}

    /** Every pack of this package. */
    public static List<Pack> packs() {
        return List.of();
    }
}
