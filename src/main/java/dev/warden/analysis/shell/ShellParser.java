package dev.warden.analysis.shell;

import dev.warden.analysis.shell.Evaluator.Ctx;
import dev.warden.call.Finding;
import dev.warden.call.Severity;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Entry point of shell analysis: reads a Bash command line or script the way Bash will run it
 * and reports every simple command that would execute, launchers unwrapped. Never throws on any
 * input: what it cannot read becomes a finding.
 *
 * <p>Design note. Three stages share one {@link Budget}: {@link Reader} turns text into a
 * syntax tree, {@link Evaluator} walks the tree expanding words as Bash does (tracking literal
 * variables), and {@link Unwrapper} peels launchers off each command, sending script strings
 * ({@code bash -c}, {@code eval}, decoded payloads, inline interpreter code) back through the
 * reader. A hand-written reader was chosen over tree-sitter-bash (JNI, ~75 µs a call here):
 * it is pure Java, allocation-light (about a microsecond for a typical command) and lets the
 * security-relevant expansion rules live next to the parsing. The bounds, all deterministic:
 * input at most {@value Budget#MAX_INPUT} chars, nesting and unwrapping at most
 * {@value Budget#MAX_DEPTH} levels, at most {@value Budget#MAX_COMMANDS} commands, and a work
 * budget of {@value Budget#MAX_STEPS} steps (roughly characters read or produced). Exceeding
 * one yields {@code shell.too-complex} with whatever was read before it; a syntax error yields
 * {@code shell.unparseable} with the commands read before it.
 *
 * <p>Conventions of the result, for rule packs:
 * <ul>
 *   <li>{@code argv} is after quote removal and expansion; a part only known at run time keeps
 *       its source text ({@code rm -rf "$DIR"} gives {@code ["rm", "-rf", "$DIR"]}); globs and
 *       {@code ~} are not expanded.</li>
 *   <li>{@code {}} stands for paths supplied at run time: {@code find -exec}'s match and the
 *       items {@code xargs} reads from standard input.</li>
 *   <li>{@code via} labels: the launcher's name ({@code sudo}, {@code env}, {@code xargs},
 *       {@code timeout}, ...), {@code bash -c} (shell name + {@code -c}), {@code eval},
 *       {@code find -exec}/{@code find -delete}, {@code ssh HOST}, {@code docker exec CONTAINER},
 *       {@code kubectl exec POD}, {@code python -c}/{@code node -e}/{@code perl -e}/
 *       {@code ruby -e}/{@code php -r}/{@code deno eval}/{@code bun -e}/{@code lua -e} for inline
 *       code, {@code bash <<} for a heredoc fed to a shell, {@code | bash} for a known payload
 *       piped into one, {@code flock -c}/{@code su -c}/{@code script -c}/{@code emulate -c} for
 *       their script strings (fish's {@code -C} init commands are {@code fish -c} too), and
 *       {@code coproc} for a coprocess, whose input the rest of the script writes.</li>
 *   <li>A shell's own options are read as that shell reads them ({@link ShellOptions}); an
 *       option it would reject ({@code fish --in=CMD}: ambiguous) is {@code shell.unparseable}.
 *       A program reached through {@code /proc} or {@code ..} up to a system directory keeps its
 *       base name and is {@code exec.temp-program}, launchers included.</li>
 *   <li>A redirect's {@code op} includes a leading descriptor ({@code 2>}, {@code 2>&}); for a
 *       heredoc the target is the body. Redirects of an enclosing group or launcher are
 *       attached to each command inside it. A command with no argv and a redirect is a bare
 *       redirection ({@code > file}) or a file write found in inline code.</li>
 *   <li>Launchers that are programs in their own right ({@code find}, {@code ssh},
 *       {@code docker exec}, {@code kubectl exec}, interpreters) are reported themselves as well
 *       as the commands they run; pure launchers ({@code sudo}, {@code env}, {@code bash -c},
 *       ...) are only in {@code via}.</li>
 *   <li>A function's body is reported where it is defined (it may be called later).</li>
 * </ul>
 */
public final class ShellParser {

    private ShellParser() {}

    /**
     * Reads a Bash command line or script.
     *
     * @param source the text Bash would be given (e.g. the {@code command} of a Claude Code Bash call)
     * @return the commands that would run and the findings; never null, never throws
     */
    public static ParsedScript parse(String source) {
        return parse(source, new Budget(Budget.MAX_STEPS), null, null);
    }

    /**
     * Reads a script that starts in {@code cwd}, for a user whose home is {@code home}: files
     * the script writes and runs are then matched however it names them (relative, absolute,
     * {@code ~/...}).
     */
    public static ParsedScript parse(String source, @Nullable String cwd, @Nullable String home) {
        return parse(source, new Budget(Budget.MAX_STEPS), cwd, home);
    }

    /** Reads with a given budget; tests use it to see the work done. */
    static ParsedScript parse(String source, Budget budget) {
        return parse(source, budget, null, null);
    }

    /**
     * {@code p=$(pgrep -f warden); kill $p}, {@code while read p; do kill "$p"; done < <(pgrep warden)}:
     * a kill whose process ids are only known at run time, in a call whose process selector picks
     * Warden's process. One command's text does not show the link; the call's does.
     */
    private static void killsSelectedGuard(List<dev.warden.call.Command> commands, String source, List<Finding> out) {
        for (dev.warden.call.Command c : commands) {
            String p = c.program();
            // a process id worked out at run time ($(pgrep x), ${p#/proc/} over a /proc glob), not a number written out
            if (!(p.equals("kill") || p.equals("skill")) || c.args().stream().allMatch(a -> a.startsWith("-")
                    || a.startsWith("%") || !a.isEmpty() && a.chars().allMatch(Character::isDigit))) {
                continue;
            }
            String pattern = dev.warden.analysis.GuardSelectors.selectsGuard(
                    dev.warden.analysis.GuardSelectors.unbracket(source.toLowerCase(java.util.Locale.ROOT)));
            if (pattern != null) {
                out.add(new Finding("self.guard-tamper", Severity.CRITICAL, "kills the processes '" + pattern
                        + "' selects, which Warden's process matches", c.text(), "guards are managed by the user; ask them"));
            }
            return;
        }
    }

    private static ParsedScript parse(String source, Budget budget, @Nullable String cwd, @Nullable String home) {
        if (source.length() > Budget.MAX_INPUT) {
            return new ParsedScript(List.of(), List.of(new Finding(Findings.TOO_COMPLEX, Severity.HIGH,
                    "the command is " + source.length() + " characters long, more than the " + Budget.MAX_INPUT
                            + " that are analysed",
                    source.substring(0, 200) + "…", Findings.TOO_COMPLEX_HINT)));
        }
        Evaluator ev = new Evaluator(budget, cwd, home);
        Syntax.Node script = new Syntax.Seq(List.of());
        try {
            if (source.indexOf('\0') >= 0) {
                ev.finding(Findings.UNPARSEABLE, Severity.HIGH,
                        "the command contains a NUL character, which Bash and the program would see differently",
                        source.replace('\0', '?'), Findings.UNPARSEABLE_HINT);
            }
            Reader r = new Reader(source, budget);
            script = r.script();
            ev.reportProblems(r, source, "the command");
            ev.run(script, new Ctx(new Env(), List.of(), false, List.of(), null));
            ev.finish();
        } catch (Budget.Exceeded e) {
            ev.finding(Findings.TOO_COMPLEX, Severity.HIGH, "the command is too complex to analyse: " + e.what,
                    source, Findings.TOO_COMPLEX_HINT);
        } catch (StackOverflowError e) {
            ev.finding(Findings.TOO_COMPLEX, Severity.HIGH, "the command is nested too deeply to analyse", source,
                    Findings.TOO_COMPLEX_HINT);
        } catch (RuntimeException e) {
            // A bug must not let a command through unanalysed: report it as unparseable.
            ev.finding(Findings.UNPARSEABLE, Severity.HIGH,
                    "the command could not be analysed (" + e.getClass().getSimpleName() + ")", source,
                    Findings.UNPARSEABLE_HINT);
        }
        List<Finding> findings = new ArrayList<>(ev.findings());
        killsSelectedGuard(ev.commands, source, findings);
        if (ev.commands.isEmpty() && findings.isEmpty() && !blank(source)) {
            // Never an empty answer for a non-blank script: say why nothing runs.
            if (ev.statements > 0) {
                findings.add(new Finding(Findings.NO_COMMAND, Severity.INFO, "the script only sets shell variables",
                        source, ""));
            } else if (empty(script)) {
                findings.add(new Finding(Findings.NO_COMMAND, Severity.INFO, "the script runs no command", source, ""));
            } else {
                findings.add(new Finding(Findings.UNPARSEABLE, Severity.HIGH,
                        "no command could be read from a non-empty input", source, Findings.UNPARSEABLE_HINT));
            }
        }
        return new ParsedScript(ev.commands, findings);
    }

    /** Only whitespace and comment lines. */
    private static boolean blank(String s) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '#') {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? n : nl;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                return false;
            }
        }
        return true;
    }

    /** A tree with no command in it ({@code !}, {@code time}, line continuations only). */
    private static boolean empty(Syntax.Node n) {
        return switch (n) {
            case Syntax.Seq s -> s.items().stream().allMatch(ShellParser::empty);
            case Syntax.Timed t -> empty(t.body());
            default -> false;
        };
    }
}
