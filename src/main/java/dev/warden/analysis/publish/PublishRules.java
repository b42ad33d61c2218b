package dev.warden.analysis.publish;

import dev.warden.analysis.Pack;
import java.util.List;

/** The deploy-and-publish pack and the package supply-chain packs (commands, configuration files). */
public final class PublishRules {

    private PublishRules() {}

    /** Every pack of this package. */
    public static List<Pack> packs() {
        return List.of(new PublishPack(), new PkgPack(), new PkgFilesPack());
    }
}
