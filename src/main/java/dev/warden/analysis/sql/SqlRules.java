package dev.warden.analysis.sql;

import dev.warden.analysis.Pack;
import java.util.List;

/** The sql packs. */
public final class SqlRules {

    private SqlRules() {}

    /** Every pack of this package. */
    public static List<Pack> packs() {
        return List.of();
    }
}
