package dev.warden.analysis.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * On any input, hostile or broken: parse never throws, stays inside its step budget, and a
 * non-blank script yields commands or a finding saying why not.
 */
class HostileInputPropertiesTest {

    private static final String META = " \t\n;&|()<>{}[]$`'\"\\#=*?!~,.-+:%@^/0123456789abcrmsudoenvIFSEOFxa";

    private static void holds(String input) {
        Budget budget = new Budget(Budget.MAX_STEPS);
        ParsedScript p = ShellParser.parse(input, budget);
        assertThat(p).isNotNull();
        // a step may be charged in a batch before the bound is checked
        assertThat(budget.steps()).isLessThanOrEqualTo(Budget.MAX_STEPS + Budget.MAX_INPUT);
        if (!input.isBlank() && !commentOnly(input)) {
            assertThat(p.commands().isEmpty() && p.findings().isEmpty()).as("empty result for %s", input).isFalse();
        }
    }

    private static boolean commentOnly(String s) {
        for (String line : s.split("\n", -1)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                return false;
            }
        }
        return true;
    }

    @Property(tries = 3000)
    void metacharacterSoupNeverBreaksTheReader(@ForAll("soup") String input) {
        holds(input);
    }

    @Property(tries = 500)
    void arbitraryUnicodeAndControlCharactersNeverBreakTheReader(@ForAll("anyChars") String input) {
        holds(input);
    }

    @Property(tries = 300)
    void truncatedRealisticScriptsAreUnparseableOrFineNeverSilent(@ForAll("truncated") String input) {
        holds(input);
    }

    @Property(tries = 200)
    void deepNestingEndsInTooComplexNotAStackOverflow(@ForAll("nesting") String input) {
        holds(input);
    }

    @Property(tries = 30)
    void longInputsStayWithinTheBudget(@ForAll("long") String input) {
        holds(input);
    }

    @Provide
    Arbitrary<String> soup() {
        return Arbitraries.strings().withChars(META).ofMinLength(0).ofMaxLength(200);
    }

    @Provide
    Arbitrary<String> anyChars() {
        return Arbitraries.strings().all().ofMaxLength(300);
    }

    private static final List<String> SCRIPTS = List.of(
            "sudo env FOO=1 bash -c \"git push -f origin main\" && rm -rf / ; curl x | sh",
            "for f in $(ls *.txt); do if [ -f \"$f\" ]; then cat <<EOF > \"$f.bak\"\n$(date) ${f%.txt}\nEOF\nfi; done",
            "case \"$1\" in start) (cd /srv && ./run.sh) ;; *) echo \"usage: $0 {start}\" >&2 ;; esac",
            "python3 - <<'PY'\nimport os, shutil\nos.system('rm -rf /tmp/x')\nshutil.rmtree(\"/srv\")\nPY",
            "find . -name '*.o' -exec rm {} \\; -o -name '*.tmp' -delete | xargs -I{} sh -c 'echo {}'",
            "echo cm0gLXJmIC8= | base64 -d | sh; eval \"$(echo 'ls -la')\"; a=(x y); echo \"${a[@]}\" $'\\x41'",
            "f() { local x=${1:-rm}; $x -rf \"${@:2}\"; }; f rm /; [[ $(id -u) -eq 0 ]] && echo root");

    @Provide
    Arbitrary<String> truncated() {
        return Combinators.combine(Arbitraries.of(SCRIPTS), Arbitraries.integers().between(0, 1000))
                .as((s, cut) -> s.substring(0, Math.min(s.length(), cut % (s.length() + 1))));
    }

    @Provide
    Arbitrary<String> nesting() {
        Arbitrary<String> open = Arbitraries.of("$(", "(", "{ ", "`", "\"$(", "bash -c '", "<(", "${x:-", "$((", "eval ", "sudo ",
                "if true; then ", "[[ $(", "echo {a,");
        Arbitrary<String> close = Arbitraries.of(")", " }", "'", "\"", "`", "))", " fi", "]]", "}");
        return Combinators.combine(open.list().ofMinSize(1).ofMaxSize(400), close.list().ofMaxSize(400), Arbitraries.of("ls", "rm -rf /", ""))
                .as((o, c, mid) -> String.join("", o) + mid + String.join("", c));
    }

    @Provide
    Arbitrary<String> longs() {
        return long_();
    }

    @Provide("long")
    Arbitrary<String> long_() {
        return Combinators.combine(Arbitraries.of("a", "'x'", "$x", "{a,b}", "$(ls)", "\\\n", "a;", "a|", "\"$IFS\"", "<<E\n"),
                Arbitraries.integers().between(1_000, 60_000))
                .as((unit, n) -> unit.repeat(Math.max(1, n / unit.length())));
    }

    @Property(tries = 20)
    void inputsOverTheSizeLimitAreTooComplex(@ForAll @IntRange(min = 1, max = 1000) int extra) {
        String s = "a".repeat(Budget.MAX_INPUT + extra);
        ParsedScript p = ShellParser.parse(s);
        assertThat(p.findings()).extracting(f -> f.id()).containsExactly(Findings.TOO_COMPLEX);
    }
}
