package dev.warden.analysis;

/**
 * Reading a command's source text for what quote removal hides: whether a run-time value is
 * left unquoted, so the shell splits it into several words (that can turn into options such as
 * {@code --force}). {@code "$(cmd)"} and {@code "$VAR"} stay one word; {@code $(cmd)},
 * {@code $VAR} and {@code "$@"} do not.
 */
public final class ShellText {

    private ShellText() {}

    /** True when the text expands a run-time value outside double quotes (or expands "$@"). */
    public static boolean unquotedExpansion(String text) {
        int n = Math.min(text.length(), 100_000);
        int i = 0;
        boolean dq = false;
        while (i < n) {
            char c = text.charAt(i);
            if (!dq) {
                switch (c) {
                    case '\\' -> i += 2;
                    case '\'' -> {
                        int end = text.indexOf('\'', i + 1);
                        if (end < 0) {
                            return false;
                        }
                        i = end + 1;
                    }
                    case '"' -> {
                        dq = true;
                        i++;
                    }
                    case '`' -> {
                        return true;
                    }
                    case '$' -> {
                        if (i + 1 < n && expansionStart(text.charAt(i + 1))) {
                            return true;
                        }
                        i++;
                    }
                    default -> i++;
                }
            } else {
                switch (c) {
                    case '\\' -> i += 2;
                    case '"' -> {
                        dq = false;
                        i++;
                    }
                    case '`' -> {
                        int end = text.indexOf('`', i + 1);
                        if (end < 0) {
                            return false;
                        }
                        i = end + 1;
                    }
                    case '$' -> {
                        if (i + 1 < n && text.charAt(i + 1) == '@') {
                            return true;
                        }
                        if (i + 1 < n && text.charAt(i + 1) == '(') {
                            int end = skipSubstitution(text, i + 2, n);
                            if (end < 0) {
                                return false; // unbalanced: cannot tell, stay quiet
                            }
                            i = end + 1;
                        } else {
                            i++;
                        }
                    }
                    default -> i++;
                }
            }
        }
        return false;
    }

    private static boolean expansionStart(char c) {
        return c == '(' || c == '{' || c == '@' || c == '*' || c == '_' || Character.isLetter(c);
    }

    /** The index of the ')' closing a command substitution that starts at {@code from}, or -1. */
    private static int skipSubstitution(String t, int from, int n) {
        int depth = 1;
        int i = from;
        while (i < n) {
            char c = t.charAt(i);
            switch (c) {
                case '\\' -> i += 2;
                case '\'' -> {
                    int end = t.indexOf('\'', i + 1);
                    if (end < 0) {
                        return -1;
                    }
                    i = end + 1;
                }
                case '"' -> {
                    int end = closingQuote(t, i + 1, n);
                    if (end < 0) {
                        return -1;
                    }
                    i = end + 1;
                }
                case '<' -> {
                    if (i + 1 < n && t.charAt(i + 1) == '<' && (i + 2 >= n || t.charAt(i + 2) != '<')) {
                        int end = skipHeredoc(t, i + 2, n);
                        if (end < 0) {
                            return -1;
                        }
                        i = end;
                    } else {
                        i++;
                    }
                }
                case '(' -> {
                    depth++;
                    i++;
                }
                case ')' -> {
                    if (--depth == 0) {
                        return i;
                    }
                    i++;
                }
                default -> i++;
            }
        }
        return -1;
    }

    private static int closingQuote(String t, int from, int n) {
        for (int i = from; i < n; i++) {
            char c = t.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    /** Skips "<<[-] 'DELIM' ... DELIM": returns the index after the closing delimiter line, or -1. */
    private static int skipHeredoc(String t, int from, int n) {
        int i = from;
        if (i < n && t.charAt(i) == '-') {
            i++;
        }
        while (i < n && t.charAt(i) == ' ') {
            i++;
        }
        StringBuilder delim = new StringBuilder();
        while (i < n && " \t\n;)|&<>".indexOf(t.charAt(i)) < 0) {
            char c = t.charAt(i);
            if (c != '\'' && c != '"' && c != '\\') {
                delim.append(c);
            }
            i++;
        }
        if (delim.isEmpty()) {
            return -1;
        }
        int nl = t.indexOf('\n', i);
        while (nl >= 0 && nl < n) {
            int next = t.indexOf('\n', nl + 1);
            String line = t.substring(nl + 1, next < 0 ? n : next).strip();
            if (line.equals(delim.toString())) {
                return next < 0 ? n : next;
            }
            nl = next;
        }
        return -1;
    }
}
