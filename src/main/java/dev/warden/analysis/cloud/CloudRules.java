package dev.warden.analysis.cloud;

import dev.warden.analysis.Pack;
import java.util.List;
import java.util.Set;

/** The cloud, infrastructure and container pack, and the long-tail destructive-verb pack. */
public final class CloudRules {

    private CloudRules() {}

    /** The cloud pack. */
    public static List<Pack> packs() {
        return List.of(new CloudPack());
    }

    /**
     * The long-tail pack: destructive verbs in any other tool's subcommands.
     *
     * @param handled programs other packs already judge (skipped here)
     */
    public static Pack longTail(Set<String> handled) {
        return new LongTailPack(handled);
    }
}
