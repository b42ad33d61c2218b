package dev.warden.analysis;

import dev.warden.analysis.cloud.CloudRules;
import dev.warden.analysis.exec.ExecRules;
import dev.warden.analysis.fs.FsRules;
import dev.warden.analysis.git.GitRules;
import dev.warden.analysis.net.NetRules;
import dev.warden.analysis.publish.PublishRules;
import dev.warden.analysis.secrets.SecretsRules;
import dev.warden.analysis.self.SelfRules;
import dev.warden.analysis.sql.SqlRules;
import dev.warden.analysis.sys.SysRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The built-in rule packs and their catalog. */
public final class Packs {

    private static final List<Pack> BUILT_IN;
    private static final List<Rule> CATALOG;

    static {
        List<Pack> all = new ArrayList<>();
        all.addAll(SelfRules.packs());
        all.addAll(FsRules.packs());
        all.addAll(SysRules.packs());
        all.addAll(GitRules.packs());
        all.addAll(SqlRules.packs());
        all.addAll(CloudRules.packs());
        all.addAll(PublishRules.packs());
        all.addAll(SecretsRules.packs());
        all.addAll(NetRules.packs());
        all.addAll(ExecRules.packs());
        java.util.Set<String> handled = new java.util.HashSet<>();
        for (Pack p : all) {
            handled.addAll(p.judgesVerbsOf());
        }
        all.add(CloudRules.longTail(handled));
        BUILT_IN = List.copyOf(all);
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (Rule r : StandardAnalyzer.RULES) {
            rules.put(r.id(), r);
        }
        for (Pack p : all) {
            for (Rule r : p.rules()) {
                rules.putIfAbsent(r.id(), r);
            }
        }
        List<Rule> sorted = new ArrayList<>(rules.values());
        sorted.sort(Comparator.comparing(Rule::id));
        CATALOG = List.copyOf(sorted);
    }

    private Packs() {}

    /** Every built-in pack, in the order they run. */
    public static List<Pack> builtIn() {
        return BUILT_IN;
    }

    /**
     * Every rule the built-in analyzer can report, sorted by id: what {@code warden policy show}
     * and the docs print. Structural findings of the shell parser ({@code shell.*}) are not listed here.
     */
    public static List<Rule> catalog() {
        return CATALOG;
    }
}
