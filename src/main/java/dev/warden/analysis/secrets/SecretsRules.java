package dev.warden.analysis.secrets;

import dev.warden.analysis.Pack;
import java.util.List;

/** The secrets packs. */
public final class SecretsRules {

    private SecretsRules() {}

    /** Every pack of this package. */
    public static List<Pack> packs() {
        return List.of(new SecretsPack());
    }
}
