package dev.warden.analysis.shell;

import dev.warden.analysis.shell.Evaluator.Arg;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a shell's own command line ({@code bash -c CMD}, {@code fish --init-command CMD}, ...)
 * the way that shell does: which words are option arguments, where its script comes from (a
 * {@code -c} string, a file, standard input), and which options Warden could not read.
 *
 * <p>Design note. Misreading a shell's options hides its script: if an option that takes an
 * argument is read as a flag, its argument looks like the script file and the real
 * {@code -c} string is never read; the reverse swallows the script as an option argument. So
 * each family follows its shell's real parser, checked against bash 5.2, zsh 5.9, ksh93u+m,
 * mksh, dash and fish 3.6:
 * <ul>
 *   <li>bash: long options only before any short option, exact names only (no prefixes),
 *       also written with one dash ({@code -rcfile FILE}); {@code --rcfile}/{@code --init-file}
 *       take the next word; an unknown long option is a usage error. Each {@code o}/{@code O}
 *       in a short cluster takes the <em>next word</em> ({@code -co errexit CMD}), never attached
 *       text. With {@code -c} the first operand is the script and the rest are {@code $0 $1 ...}.</li>
 *   <li>zsh: {@code --NAME} sets an option by name and never takes an argument, except
 *       {@code --emulate MODE}; {@code -o NAME} or {@code -oNAME}; {@code -b} ends the options.</li>
 *   <li>ksh, mksh, dash and other POSIX shells: {@code -o NAME}/{@code +o NAME} ({@code -oNAME}
 *       attached); ksh93's long options ({@code --norc}, unambiguous prefixes) take no argument.</li>
 *   <li>fish: GNU {@code getopt_long} with {@code +hPilNnvc:C:p:d:f:D:o:}: {@code -c CMD} and
 *       {@code -C CMD} (init command, runs first) both take their argument (attached or next)
 *       and may repeat, and every one runs; long options accept any unambiguous prefix
 *       ({@code --com=CMD}, {@code --init CMD}); with {@code -c} the operands are
 *       {@code $argv}, without it the first operand is a script file.</li>
 * </ul>
 * Where bash or fish would stop with a usage error (an unknown option, an ambiguous prefix, an
 * argument given to an option that takes none) Warden cannot be sure which word is the script —
 * another version of the shell may know the option — so that is reported as a problem, and the
 * words are still read as far as they can be (a flag, not an argument), so a {@code -c} string
 * after it is analysed too.
 */
final class ShellOptions {

    private ShellOptions() {}

    /**
     * A shell's command line, read.
     *
     * @param scripts    the code strings it runs, in order: fish's {@code -C} then {@code -c}
     *                   strings, or bash-like shells' {@code -c} operand
     * @param command    true when {@code -c} was given: the shell runs only its strings, then exits
     * @param operand    index of the first operand after the options (the script file, or for
     *                   bash-like shells with {@code -c} the script string itself)
     * @param positional index of the first word passed as {@code $0}/{@code $argv}, when
     *                   {@code command} (else unused)
     * @param stdin      {@code -s}: commands come from standard input even with operands
     * @param problem    an option Warden could not read, or null
     * @param noExec     {@code -n}, {@code -o noexec}, fish's {@code --no-execute}: commands are
     *                   read for their syntax and never run
     */
    record Read(List<Arg> scripts, boolean command, int operand, int positional, boolean stdin,
            @Nullable String problem, boolean noExec) {}

    private enum Family { BASH, ZSH, KSH, FISH, POSIX }

    private static Family family(String prog) {
        return switch (prog) {
            case "bash", "rbash" -> Family.BASH;
            // sh is bash on some systems (macOS): bash's long options are the ones to honour there
            case "sh" -> Family.BASH;
            case "zsh" -> Family.ZSH;
            case "ksh", "ksh93", "mksh", "lksh", "pdksh", "oksh" -> Family.KSH;
            case "fish" -> Family.FISH;
            default -> Family.POSIX;
        };
    }

    private static final List<String> BASH_LONG = List.of("debug", "debugger", "dump-po-strings", "dump-strings",
            "help", "init-file", "login", "noediting", "noprofile", "norc", "posix", "pretty-print", "rcfile",
            "restricted", "verbose", "version", "wordexp");
    /** bash's set -o letters and its invocation-only flags. */
    private static final String BASH_SHORT = "abefhkmnptuvxBCEHPTcilrsDoO";

    /** fish's long options: name, then whether it takes an argument. */
    private static final String[] FISH_LONG = {
            "command", "c", "init-command", "C", "features", "f", "debug", "d", "debug-output", "o",
            "debug-stack-frames", "D", "interactive", "", "login", "", "no-execute", "", "print-rusage-self", "",
            "print-debug-categories", "", "profile", "p", "profile-startup", "-", "private", "", "help", "",
            "version", "", "no-config", ""};
    private static final String FISH_SHORT_FLAGS = "hPilNnv";
    private static final String FISH_SHORT_ARGS = "cCpdfDo";

    /** Reads {@code a} (whose first word is the shell) for the shell named {@code prog}. */
    static Read read(String prog, List<Arg> a) {
        return switch (family(prog)) {
            case FISH -> fish(a);
            case BASH -> bashLike(a, Family.BASH, prog.equals("sh"));
            case ZSH -> bashLike(a, Family.ZSH, false);
            case KSH -> bashLike(a, Family.KSH, false);
            case POSIX -> bashLike(a, Family.POSIX, false);
        };
    }

    private static Read bashLike(List<Arg> a, Family f, boolean shMaybeDash) {
        int n = a.size();
        int i = 1;
        boolean dashC = false;
        boolean dashS = false;
        boolean noExec = false;
        String problem = null;
        boolean shortSeen = false;
        while (i < n) {
            String t = a.get(i).value();
            if (t.equals("--") || t.equals("-")) {
                i++;
                break;
            }
            if (f == Family.BASH && !shortSeen && t.startsWith("-") && t.length() > 1) {
                // bash reads long options first, by exact name, with one dash or two
                boolean two = t.startsWith("--");
                String name = t.substring(two ? 2 : 1);
                if (BASH_LONG.contains(name)) {
                    i += name.equals("rcfile") || name.equals("init-file") ? 2 : 1;
                    continue;
                }
                if (two) {
                    if (!shMaybeDash && problem == null) { // sh may be dash, which rejects every long option
                        problem = "bash does not know the option '" + t + "'";
                    }
                    i++;
                    continue;
                }
            }
            if (t.startsWith("--") && t.length() > 2) {
                String name = t.substring(2);
                if (f == Family.ZSH && name.equals("emulate")) {
                    i += 2;
                } else {
                    // zsh: an option name; ksh93: a long flag; dash/mksh: a usage error. None takes the next word.
                    i++;
                }
                continue;
            }
            if ((t.startsWith("-") || t.startsWith("+")) && t.length() > 1) {
                shortSeen = true;
                int take = 0;
                for (int k = 1; k < t.length(); k++) {
                    char c = t.charAt(k);
                    boolean on = t.charAt(0) == '-';
                    if (c == 'c' && on) {
                        dashC = true;
                    } else if (c == 's' && on) {
                        dashS = true;
                    } else if (c == 'n') {
                        noExec = on;
                    } else if (f == Family.BASH && (c == 'o' || c == 'O')) {
                        take++; // bash: each takes the next word, never attached text
                        if (c == 'o' && i + take < n && a.get(i + take).value().equals("noexec")) {
                            noExec = on;
                        }
                    } else if (c == 'o' || f == Family.BASH && c == 'O') {
                        if (k == t.length() - 1) {
                            take++;
                        }
                        String name = k == t.length() - 1 ? (i + take < n ? a.get(i + take).value() : "") : t.substring(k + 1);
                        if (name.equals("noexec")) {
                            noExec = on;
                        }
                        break; // zsh, ksh, dash: -oNAME attached
                    } else if (f == Family.ZSH && c == 'b') {
                        i += 1 + take;
                        return done(a, i, dashC, dashS, problem, noExec);
                    } else if (f == Family.BASH && !shMaybeDash && BASH_SHORT.indexOf(c) < 0 && problem == null) {
                        problem = "bash does not know the option '-" + c + "' in '" + t + "'";
                    }
                }
                i += 1 + take;
                continue;
            }
            break;
        }
        return done(a, i, dashC, dashS, problem, noExec);
    }

    private static Read done(List<Arg> a, int i, boolean dashC, boolean dashS, @Nullable String problem, boolean noExec) {
        int n = a.size();
        i = Math.min(i, n);
        if (dashC) {
            List<Arg> scripts = i < n ? List.of(a.get(i)) : List.of();
            return new Read(scripts, true, i, Math.min(i + 1, n), dashS, problem, noExec);
        }
        return new Read(List.of(), false, i, i, dashS, problem, noExec);
    }

    private static Read fish(List<Arg> a) {
        int n = a.size();
        int i = 1;
        List<Arg> init = new ArrayList<>(1);
        List<Arg> cmds = new ArrayList<>(1);
        String problem = null;
        boolean noExec = false;
        while (i < n) {
            Arg x = a.get(i);
            String t = x.value();
            if (t.equals("--")) {
                i++;
                break;
            }
            if (!t.startsWith("-") || t.length() == 1) {
                break; // "+" in the option string: the first operand ends the options
            }
            if (t.startsWith("--")) {
                int eq = t.indexOf('=');
                String name = eq < 0 ? t.substring(2) : t.substring(2, eq);
                int match = fishLong(name);
                if (match == -2) {
                    problem = first(problem, "the option '" + t + "' is ambiguous for fish");
                    i++;
                    continue;
                }
                if (match < 0) {
                    problem = first(problem, "fish does not know the option '" + t + "'");
                    i++;
                    continue;
                }
                String letter = FISH_LONG[match + 1];
                noExec |= FISH_LONG[match].equals("no-execute");
                if (letter.isEmpty()) {
                    if (eq >= 0) {
                        problem = first(problem, "fish's option '--" + FISH_LONG[match] + "' takes no argument: '" + t + "'");
                    }
                    i++;
                    continue;
                }
                Arg value;
                if (eq >= 0) {
                    value = cut(x, eq + 1);
                    i++;
                } else if (i + 1 < n) {
                    value = a.get(i + 1);
                    i += 2;
                } else {
                    i++;
                    continue;
                }
                collect(letter.charAt(0), value, init, cmds);
                continue;
            }
            // a short cluster: flags, then at most one option that takes the rest or the next word
            int k = 1;
            boolean consumedNext = false;
            for (; k < t.length(); k++) {
                char c = t.charAt(k);
                if (FISH_SHORT_ARGS.indexOf(c) >= 0) {
                    Arg value = null;
                    if (k + 1 < t.length()) {
                        value = cut(x, k + 1);
                    } else if (i + 1 < n) {
                        value = a.get(i + 1);
                        consumedNext = true;
                    }
                    if (value != null) {
                        collect(c, value, init, cmds);
                    }
                    break;
                }
                noExec |= c == 'n';
                if (FISH_SHORT_FLAGS.indexOf(c) < 0) {
                    problem = first(problem, "fish does not know the option '-" + c + "' in '" + t + "'");
                }
            }
            i += consumedNext ? 2 : 1;
        }
        i = Math.min(i, n);
        List<Arg> scripts = new ArrayList<>(init.size() + cmds.size());
        scripts.addAll(init);
        scripts.addAll(cmds);
        return new Read(scripts, !cmds.isEmpty(), i, i, false, problem, noExec);
    }

    private static void collect(char letter, Arg value, List<Arg> init, List<Arg> cmds) {
        if (letter == 'c') {
            cmds.add(value);
        } else if (letter == 'C') {
            init.add(value);
        }
    }

    /** Index in {@link #FISH_LONG} of the option {@code name} names (exactly or by a unique prefix), -1 unknown, -2 ambiguous. */
    private static int fishLong(String name) {
        if (name.isEmpty()) {
            return -1;
        }
        int found = -1;
        for (int j = 0; j < FISH_LONG.length; j += 2) {
            if (FISH_LONG[j].equals(name)) {
                return j;
            }
            if (FISH_LONG[j].startsWith(name)) {
                found = found == -1 ? j : -2;
            }
        }
        return found;
    }

    private static String first(@Nullable String old, String problem) {
        return old != null ? old : problem;
    }

    private static Arg cut(Arg a, int from) {
        return new Arg(a.value().substring(from), a.dynamic(), a.opaque(), a.taint());
    }
}
