package dev.warden.analysis.net;

import dev.warden.analysis.Pack;
import java.util.List;

/** The network packs. */
public final class NetRules {

    private NetRules() {}

    /** Every pack of this package. */
    public static List<Pack> packs() {
        return List.of(new NetPack(), new NetRedirectPack());
    }
}
