package dev.warden.analysis.shell;

import java.util.Locale;

/**
 * The string operators of {@code ${x OP word}} on literal values. Only the forms that need no
 * general pattern matching are computed (literal patterns, a single leading or trailing
 * {@code *}); anything else is unknown, which keeps every operator linear in the value's length.
 */
final class Params {

    private Params() {}

    /** The result, or {@link Env#UNKNOWN}. */
    static String apply(String v, String op, String arg) {
        return switch (op) {
            case "#", "##" -> removePrefix(v, arg, op.length() == 2);
            case "%", "%%" -> removeSuffix(v, arg, op.length() == 2);
            case "/", "//", "/#", "/%" -> replace(v, op, arg);
            case "^^" -> arg.isEmpty() ? v.toUpperCase(Locale.ROOT) : Env.UNKNOWN;
            case ",," -> arg.isEmpty() ? v.toLowerCase(Locale.ROOT) : Env.UNKNOWN;
            case "^" -> arg.isEmpty() && !v.isEmpty() ? Character.toUpperCase(v.charAt(0)) + v.substring(1) : Env.UNKNOWN;
            case "," -> arg.isEmpty() && !v.isEmpty() ? Character.toLowerCase(v.charAt(0)) + v.substring(1) : Env.UNKNOWN;
            case ":" -> substring(v, arg);
            default -> Env.UNKNOWN;
        };
    }

    private static boolean literal(String p) {
        return p.indexOf('*') < 0 && p.indexOf('?') < 0 && p.indexOf('[') < 0;
    }

    private static String removePrefix(String v, String pat, boolean longest) {
        if (literal(pat)) {
            return v.startsWith(pat) ? v.substring(pat.length()) : v;
        }
        if (pat.equals("*")) {
            return longest ? "" : v;
        }
        if (pat.startsWith("*") && literal(pat.substring(1))) {
            String x = pat.substring(1);
            int i = longest ? v.lastIndexOf(x) : v.indexOf(x);
            return i < 0 ? v : v.substring(i + x.length());
        }
        return Env.UNKNOWN;
    }

    private static String removeSuffix(String v, String pat, boolean longest) {
        if (literal(pat)) {
            return v.endsWith(pat) ? v.substring(0, v.length() - pat.length()) : v;
        }
        if (pat.equals("*")) {
            return longest ? "" : v;
        }
        if (pat.endsWith("*") && literal(pat.substring(0, pat.length() - 1))) {
            String x = pat.substring(0, pat.length() - 1);
            int i = longest ? v.indexOf(x) : v.lastIndexOf(x);
            return i < 0 ? v : v.substring(0, i);
        }
        return Env.UNKNOWN;
    }

    private static String replace(String v, String op, String arg) {
        int slash = arg.indexOf('/');
        String pat = slash < 0 ? arg : arg.substring(0, slash);
        String rep = slash < 0 ? "" : arg.substring(slash + 1);
        return replace(v, op, pat, rep);
    }

    /** {@code ${v/pat/rep}} (and {@code //}, {@code /#}, {@code /%}) with the pattern already split off. */
    static String replace(String v, String op, String pat, String rep) {
        if (pat.isEmpty()) {
            // ${x/#/TEXT} puts TEXT in front, ${x/%/TEXT} after; an empty pattern elsewhere matches nothing
            return op.equals("/#") ? rep + v : op.equals("/%") ? v + rep : v;
        }
        if (!literal(pat)) {
            return Env.UNKNOWN;
        }
        return switch (op) {
            case "//" -> v.replace(pat, rep);
            case "/#" -> v.startsWith(pat) ? rep + v.substring(pat.length()) : v;
            case "/%" -> v.endsWith(pat) ? v.substring(0, v.length() - pat.length()) + rep : v;
            default -> {
                int i = v.indexOf(pat);
                yield i < 0 ? v : v.substring(0, i) + rep + v.substring(i + pat.length());
            }
        };
    }

    private static String substring(String v, String arg) {
        try {
            int colon = arg.indexOf(':');
            int off = Integer.parseInt((colon < 0 ? arg : arg.substring(0, colon)).strip());
            if (off < 0) {
                off = Math.max(0, v.length() + off);
            }
            off = Math.min(off, v.length());
            if (colon < 0) {
                return v.substring(off);
            }
            int len = Integer.parseInt(arg.substring(colon + 1).strip());
            int stop = len < 0 ? v.length() + len : off + len;
            stop = Math.min(v.length(), stop);
            return stop < off ? Env.UNKNOWN : v.substring(off, stop);
        } catch (NumberFormatException e) {
            return Env.UNKNOWN;
        }
    }
}
