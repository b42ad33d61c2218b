package dev.warden.analysis.sys;

import dev.warden.analysis.Pack;
import dev.warden.analysis.Rule;
import java.util.List;

/** The system-administration pack. */
public final class SysRules {

    private SysRules() {}

    /** Every pack of this package. */
    public static List<Pack> packs() {
        return List.of(new SysPack());
    }

    /** The fork-bomb rule, judged on a whole script. */
    public static Rule forkBombRule() {
        return SysPack.FORK_BOMB;
    }

    /** True when the script defines a function that pipes into itself in the background. */
    public static boolean forkBomb(String script) {
        return script.indexOf("()") >= 0 && SysPack.forkBomb(script);
    }
}
