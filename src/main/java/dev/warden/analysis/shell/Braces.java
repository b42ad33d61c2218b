package dev.warden.analysis.shell;

import dev.warden.analysis.shell.Syntax.Lit;
import dev.warden.analysis.shell.Syntax.Part;
import java.util.ArrayList;
import java.util.List;

/**
 * Brace expansion ({@code a{b,c}d}, {@code {1..5}}) on the unquoted text of a word, before any
 * other expansion, as Bash does. The number of results is capped ({@link Budget#MAX_FIELDS})
 * and every token scanned costs a step, so {@code {a,b}{a,b}{a,b}...} cannot blow up.
 */
final class Braces {

    private Braces() {}

    /** A structural brace character from unquoted text. */
    private record B(char c) {}

    static List<List<Part>> expand(List<Part> parts, Budget budget) {
        List<Object> toks = new ArrayList<>();
        for (Part p : parts) {
            if (p instanceof Lit l && !l.quoted()) {
                String t = l.text();
                int last = 0;
                for (int i = 0; i < t.length(); i++) {
                    char c = t.charAt(i);
                    if (c == '{' || c == ',' || c == '}') {
                        if (i > last) {
                            toks.add(new Lit(t.substring(last, i), false));
                        }
                        toks.add(new B(c));
                        last = i + 1;
                    }
                }
                if (last < t.length()) {
                    toks.add(new Lit(t.substring(last), false));
                }
            } else {
                toks.add(p);
            }
        }
        budget.step(toks.size());
        List<List<Object>> out = new ArrayList<>();
        expand(toks, out, budget);
        List<List<Part>> result = new ArrayList<>(out.size());
        for (List<Object> alt : out) {
            result.add(toParts(alt));
        }
        return result;
    }

    private static void expand(List<Object> toks, List<List<Object>> out, Budget budget) {
        budget.enter();
        try {
            int start = 0;
            while (true) {
                int open = -1;
                for (int i = start; i < toks.size(); i++) {
                    if (toks.get(i) instanceof B b && b.c == '{') {
                        open = i;
                        break;
                    }
                }
                if (open < 0) {
                    out.add(toks);
                    check(out);
                    return;
                }
                int depth = 0;
                int close = -1;
                List<Integer> commas = new ArrayList<>();
                for (int i = open; i < toks.size(); i++) {
                    budget.step();
                    if (toks.get(i) instanceof B b) {
                        if (b.c == '{') {
                            depth++;
                        } else if (b.c == '}') {
                            depth--;
                            if (depth == 0) {
                                close = i;
                                break;
                            }
                        } else if (depth == 1) {
                            commas.add(i);
                        }
                    }
                }
                if (close < 0) {
                    // no matching brace: this one is literal, look further right
                    start = open + 1;
                    continue;
                }
                List<Object> prefix = toks.subList(0, open);
                List<Object> suffix = toks.subList(close + 1, toks.size());
                if (commas.isEmpty()) {
                    List<String> seq = close == open + 2 && toks.get(open + 1) instanceof Lit l ? sequence(l.text()) : null;
                    if (seq == null) {
                        start = open + 1;
                        continue;
                    }
                    for (String s : seq) {
                        List<Object> alt = new ArrayList<>(prefix);
                        alt.add(new Lit(s, false));
                        alt.addAll(suffix);
                        expand(alt, out, budget);
                    }
                    return;
                }
                int from = open + 1;
                commas.add(close);
                for (int c : commas) {
                    List<Object> alt = new ArrayList<>(prefix.size() + (c - from) + suffix.size());
                    alt.addAll(prefix);
                    alt.addAll(toks.subList(from, c));
                    alt.addAll(suffix);
                    budget.step(alt.size());
                    expand(alt, out, budget);
                    from = c + 1;
                }
                return;
            }
        } finally {
            budget.exit();
        }
    }

    private static void check(List<?> out) {
        if (out.size() > Budget.MAX_FIELDS) {
            throw new Budget.Exceeded("a word expands to more than " + Budget.MAX_FIELDS + " words");
        }
    }

    /** {@code 1..5}, {@code a..e}, {@code 1..10..2}, {@code 01..10}; null when not a sequence. */
    private static List<String> sequence(String t) {
        int dots = t.indexOf("..");
        if (dots <= 0) {
            return null;
        }
        String a = t.substring(0, dots);
        String rest = t.substring(dots + 2);
        int dots2 = rest.indexOf("..");
        String b = dots2 < 0 ? rest : rest.substring(0, dots2);
        long step = 1;
        try {
            if (dots2 >= 0) {
                step = Math.abs(Long.parseLong(rest.substring(dots2 + 2)));
                if (step == 0) {
                    step = 1;
                }
            }
            List<String> out = new ArrayList<>();
            if (a.length() == 1 && b.length() == 1 && !Character.isDigit(a.charAt(0)) && !Character.isDigit(b.charAt(0))) {
                char x = a.charAt(0);
                char y = b.charAt(0);
                int dir = x <= y ? 1 : -1;
                for (long c = x; dir > 0 ? c <= y : c >= y; c += dir * step) {
                    out.add(String.valueOf((char) c));
                    check(out);
                }
                return out;
            }
            long x = Long.parseLong(a);
            long y = Long.parseLong(b);
            int width = (a.startsWith("0") && a.length() > 1) || (b.startsWith("0") && b.length() > 1)
                    ? Math.max(a.length(), b.length()) : 0;
            if (Math.abs(y - x) / step > Budget.MAX_FIELDS) {
                throw new Budget.Exceeded("a word expands to more than " + Budget.MAX_FIELDS + " words");
            }
            int dir = x <= y ? 1 : -1;
            for (long c = x; dir > 0 ? c <= y : c >= y; c += dir * step) {
                String s = Long.toString(c);
                while (s.length() < width) {
                    s = "0" + s;
                }
                out.add(s);
            }
            return out;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<Part> toParts(List<Object> toks) {
        List<Part> parts = new ArrayList<>(toks.size());
        StringBuilder lit = new StringBuilder();
        for (Object o : toks) {
            if (o instanceof B b) {
                lit.append(b.c);
            } else if (o instanceof Lit l && !l.quoted()) {
                lit.append(l.text());
            } else {
                if (!lit.isEmpty()) {
                    parts.add(new Lit(lit.toString(), false));
                    lit.setLength(0);
                }
                parts.add((Part) o);
            }
        }
        if (!lit.isEmpty()) {
            parts.add(new Lit(lit.toString(), false));
        }
        return parts;
    }
}
