package dev.warden.supply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The YAML frontmatter of a Markdown file (Skills, subagents): fields, body, or what is wrong. */
record Frontmatter(Map<String, @Nullable Object> fields, String body, @Nullable String error) {

    private static final int MAX_YAML = 256 * 1024;

    static Frontmatter parse(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (!(t.startsWith("---\n") || t.startsWith("---\r\n"))) {
            return new Frontmatter(Map.of(), t, null);
        }
        int start = t.indexOf('\n') + 1;
        int end = -1;
        int lineStart = start;
        while (lineStart < t.length()) {
            int nl = t.indexOf('\n', lineStart);
            String line = (nl < 0 ? t.substring(lineStart) : t.substring(lineStart, nl)).stripTrailing();
            if (line.equals("---")) {
                end = lineStart;
                break;
            }
            if (nl < 0) {
                break;
            }
            lineStart = nl + 1;
        }
        if (end < 0) {
            return new Frontmatter(Map.of(), t, "frontmatter starts with --- but never ends");
        }
        String yaml = t.substring(start, end);
        int bodyFrom = t.indexOf('\n', end);
        String body = bodyFrom < 0 ? "" : t.substring(bodyFrom + 1);
        if (yaml.length() > MAX_YAML) {
            return new Frontmatter(Map.of(), body, "frontmatter is larger than " + MAX_YAML + " characters");
        }
        try {
            LoadSettings settings = LoadSettings.builder()
                    .setMaxAliasesForCollections(20)
                    .setAllowDuplicateKeys(false)
                    .setCodePointLimit(MAX_YAML * 2)
                    .build();
            Object o = new Load(settings).loadFromString(yaml);
            if (o == null) {
                return new Frontmatter(Map.of(), body, null);
            }
            if (!(o instanceof Map<?, ?> m)) {
                return new Frontmatter(Map.of(), body, "frontmatter is not a mapping");
            }
            Map<String, @Nullable Object> fields = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> fields.put(String.valueOf(k), v));
            return new Frontmatter(fields, body, null);
        } catch (RuntimeException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            return new Frontmatter(Map.of(), body, "frontmatter is not valid YAML: " + msg);
        }
    }

    /** A string field, or null. */
    @Nullable String string(String key) {
        Object v = fields.get(key);
        return v == null ? null : String.valueOf(v);
    }

    /**
     * A list field written either as a YAML list or as a comma-separated string
     * ({@code tools: Read, Grep}); null when absent.
     */
    @Nullable List<String> list(String key) {
        Object v = fields.get(key);
        if (v == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (o != null && !String.valueOf(o).isBlank()) {
                    out.add(String.valueOf(o).strip());
                }
            }
        } else {
            for (String s : splitTopLevelCommas(String.valueOf(v))) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }

    /** Splits on commas (or spaces, when there is no comma) outside parentheses: {@code Bash(git add:*, git commit:*), Read} is two entries. */
    private static List<String> splitTopLevelCommas(String s) {
        List<String> out = new ArrayList<>();
        // "Read, Grep" and "Read Grep" are both seen in the wild; spaces separate only without commas
        boolean noComma = s.indexOf(',') < 0;
        int depth = 0;
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if ((c == ',' || (c == ' ' && noComma)) && depth == 0) {
                out.add(s.substring(from, i));
                from = i + 1;
            }
        }
        out.add(s.substring(from));
        return out;
    }
}
