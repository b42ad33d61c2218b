package dev.warden.supply;

import dev.warden.call.Finding;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Renders inventories and supply reports as a terminal table, JSON or Markdown. Everything shown
 * comes from {@link Item#summary()}, {@link Item#details()} and findings, which carry names and
 * locations only — no rendering path reads a configured value.
 */
public final class Reports {

    /** Output formats. */
    public enum Format { TABLE, JSON, MARKDOWN }

    private Reports() {}

    /** An inventory in the given format. */
    public static String inventory(Inventory inv, Format format) {
        return switch (format) {
            case TABLE -> inventoryTable(inv);
            case JSON -> Json.PRETTY.writeValueAsString(inventoryJson(inv)) + "\n";
            case MARKDOWN -> inventoryMarkdown(inv);
        };
    }

    private static Map<Item.Kind, List<Item>> byKind(Inventory inv) {
        Map<Item.Kind, List<Item>> m = new EnumMap<>(Item.Kind.class);
        for (Item i : inv.items()) {
            m.computeIfAbsent(i.kind(), k -> new ArrayList<>()).add(i);
        }
        return m;
    }

    private static String inventoryTable(Inventory inv) {
        StringBuilder sb = new StringBuilder();
        sb.append("Project: ").append(inv.machine().projectDir()).append('\n');
        sb.append("Home:    ").append(inv.machine().home()).append('\n');
        for (Map.Entry<Item.Kind, List<Item>> e : byKind(inv).entrySet()) {
            sb.append('\n').append(title(e.getKey())).append(" (").append(e.getValue().size()).append(")\n");
            int idw = Math.min(48, e.getValue().stream().mapToInt(i -> i.id().length()).max().orElse(10));
            int scw = Math.min(24, e.getValue().stream().mapToInt(i -> i.scope().length()).max().orElse(6));
            for (Item i : e.getValue()) {
                sb.append("  ").append(pad(i.id(), idw)).append("  ").append(pad(i.scope(), scw)).append("  ")
                        .append(i.summary()).append('\n');
                if (!i.kind().equals(Item.Kind.CREDENTIAL) && !i.location().isEmpty()) {
                    sb.append("  ").append(" ".repeat(idw)).append("  ").append(" ".repeat(scw)).append("  at ")
                            .append(i.location()).append('\n');
                }
                for (Flag f : inv.flagsOf(i.id())) {
                    if (i.kind() == Item.Kind.CONFIG_ERROR && f.finding().id().equals(Scanner.MALFORMED)) {
                        continue; // the item already says what is wrong
                    }
                    sb.append("      ! ").append(f.finding().severity().label().toUpperCase(Locale.ROOT)).append(' ')
                            .append(f.finding().id()).append(": ").append(f.finding().message()).append('\n');
                }
            }
        }
        sb.append('\n').append(summaryLine(inv)).append('\n');
        return sb.toString();
    }

    private static String summaryLine(Inventory inv) {
        Map<String, Integer> sev = new TreeMap<>();
        inv.flags().forEach(f -> sev.merge(f.finding().severity().label(), 1, Integer::sum));
        return inv.items().size() + " items, " + inv.flags().size() + " findings" + (sev.isEmpty() ? "" : " " + sev);
    }

    private static Map<String, @Nullable Object> inventoryJson(Inventory inv) {
        Map<String, @Nullable Object> root = Json.ordered();
        root.put("project", inv.machine().projectDir().toString());
        root.put("home", inv.machine().home().toString());
        List<Map<String, @Nullable Object>> items = new ArrayList<>();
        for (Item i : inv.items()) {
            Map<String, @Nullable Object> m = Json.ordered();
            m.put("id", i.id());
            m.put("kind", i.kind().label());
            m.put("name", i.name());
            m.put("scope", i.scope());
            m.put("location", i.location());
            m.put("summary", i.summary());
            m.put("details", i.details());
            m.put("findings", inv.flagsOf(i.id()).stream().map(f -> finding(f.finding())).toList());
            items.add(m);
        }
        root.put("items", items);
        Map<String, Integer> counts = new TreeMap<>();
        inv.items().forEach(i -> counts.merge(i.kind().label(), 1, Integer::sum));
        Map<String, Integer> sev = new TreeMap<>();
        inv.flags().forEach(f -> sev.merge(f.finding().severity().label(), 1, Integer::sum));
        Map<String, @Nullable Object> summary = Json.ordered();
        summary.put("items", counts);
        summary.put("findings", sev);
        root.put("summary", summary);
        return root;
    }

    private static String inventoryMarkdown(Inventory inv) {
        StringBuilder sb = new StringBuilder("# Agent supply-chain inventory\n\n");
        sb.append("- Project: `").append(inv.machine().projectDir()).append("`\n");
        sb.append("- Home: `").append(inv.machine().home()).append("`\n");
        sb.append("- ").append(summaryLine(inv)).append("\n");
        for (Map.Entry<Item.Kind, List<Item>> e : byKind(inv).entrySet()) {
            sb.append("\n## ").append(title(e.getKey())).append("\n\n| Item | Scope | Location | Details |\n|---|---|---|---|\n");
            for (Item i : e.getValue()) {
                sb.append("| `").append(md(i.id())).append("` | ").append(md(i.scope())).append(" | `").append(md(i.location()))
                        .append("` | ").append(md(i.summary())).append(" |\n");
            }
            List<Flag> fs = e.getValue().stream().flatMap(i -> inv.flagsOf(i.id()).stream()).toList();
            if (!fs.isEmpty()) {
                sb.append("\nFindings:\n\n");
                for (Flag f : fs) {
                    sb.append("- **").append(f.finding().severity().label()).append("** `").append(f.finding().id())
                            .append("` (`").append(md(f.item())).append("`): ").append(md(f.finding().message()));
                    if (!f.finding().hint().isEmpty()) {
                        sb.append(" — ").append(md(f.finding().hint()));
                    }
                    sb.append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** A supply report (review, verify, lock failures) as text. */
    public static String changes(List<Change> changes, String header) {
        StringBuilder sb = new StringBuilder();
        if (changes.isEmpty()) {
            return header.isEmpty() ? "" : header + "\n";
        }
        if (!header.isEmpty()) {
            sb.append(header).append('\n');
        }
        for (Change c : changes) {
            sb.append("  ").append(c.item()).append("  [").append(c.status().label()).append("]\n");
            for (String w : c.what()) {
                sb.append("      ").append(w).append('\n');
            }
            for (Finding f : c.findings()) {
                sb.append("      ! ").append(f.severity().label().toUpperCase(Locale.ROOT)).append(' ').append(f.id())
                        .append(": ").append(f.message()).append('\n');
            }
        }
        return sb.toString();
    }

    /** A supply report as JSON. */
    public static String changesJson(List<Change> changes) {
        List<Map<String, @Nullable Object>> out = new ArrayList<>();
        for (Change c : changes) {
            Map<String, @Nullable Object> m = Json.ordered();
            m.put("item", c.item());
            m.put("kind", c.kind());
            m.put("status", c.status().label());
            m.put("what", c.what());
            m.put("findings", c.findings().stream().map(Reports::finding).toList());
            out.add(m);
        }
        Map<String, @Nullable Object> root = new LinkedHashMap<>();
        root.put("changes", out);
        return Json.PRETTY.writeValueAsString(root) + "\n";
    }

    private static Map<String, @Nullable Object> finding(Finding f) {
        Map<String, @Nullable Object> m = Json.ordered();
        m.put("id", f.id());
        m.put("severity", f.severity().label());
        m.put("message", f.message());
        m.put("evidence", f.evidence());
        m.put("hint", f.hint());
        return m;
    }

    private static String title(Item.Kind k) {
        return switch (k) {
            case SETTINGS -> "Claude Code settings";
            case HOOK -> "Hooks";
            case MCP_SERVER -> "MCP servers";
            case SUBAGENT -> "Subagents";
            case SKILL -> "Skills";
            case PLUGIN -> "Plugins";
            case MARKETPLACE -> "Plugin marketplaces";
            case CREDENTIAL -> "Credentials within reach (names and locations only)";
            case CONFIG_ERROR -> "Configuration that could not be read";
        };
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    private static String md(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
