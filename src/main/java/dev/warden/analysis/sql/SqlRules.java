package dev.warden.analysis.sql;

import dev.warden.analysis.Pack;
import java.util.List;

/** The database pack. */
public final class SqlRules {

    private SqlRules() {}

    /** Every pack of this package. */
    public static List<Pack> packs() {
        return List.of(new SqlPack());
    }
}
