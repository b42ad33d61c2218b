package dev.warden.analysis.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scripts tools read (ed, psql, sqlite3, gnuplot, vim, emacs, make, zx, inline code, arithmetic) are the
 * agent's text: their readers must stay linear on input built to make a backtracking matcher
 * explode (long runs of blanks after an opening, unclosed quotes, nested subscripts). A reading
 * that takes seconds here would let an agent stall every hook. The bound is generous (it is a
 * guard against blow-ups, not a benchmark).
 */
class ToolScriptsTimeTest {

    static Stream<String> hostile() {
        String blanks = " ".repeat(60_000);
        return Stream.of(
                "sqlite3 x.db \"select edit(" + blanks + "x\"",
                "ed -s f <<< '" + blanks + "x'",
                "ed -s f <<< '" + "1,".repeat(20_000) + "'",
                "psql -c '" + blanks + "\\\\'",
                "gnuplot -e 'system(\"" + "\\\\a".repeat(20_000) + "'",
                "emacs --batch --eval '(shell-command \"" + "\\\\\"".repeat(20_000) + "'",
                "vim -c '" + blanks + "!'",
                "zx <<< '$`" + "\\\\a".repeat(20_000) + "'",
                "make 'X=" + blanks + "='",
                "echo $(( " + "a[".repeat(20_000) + " ))",
                "x='" + "a[".repeat(20_000) + "'; echo $((x))",
                "python3 -c '" + "f(".repeat(60_000) + "'",
                "node -e '" + "f(".repeat(30_000) + ")".repeat(30_000) + "'");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void readingAToolScriptBuiltToBacktrackStaysFast(String script) {
        ParsedScript p = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> ShellParser.parse(script, new Budget(Budget.MAX_STEPS)));
        assertThat(p.commands().isEmpty() && p.findings().isEmpty()).isFalse();
    }
}
