package dev.warden.analysis.shell;

import static dev.warden.analysis.shell.Parsed.argvs;
import static dev.warden.analysis.shell.Parsed.command;
import static dev.warden.analysis.shell.Parsed.finding;
import static dev.warden.analysis.shell.Parsed.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.call.Command.Redirect;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every command inside compound commands, substitutions and heredocs is reported. */
class CompoundCommandsTest {

    @Test
    void subshellsAndGroupsYieldTheirCommandsWithTheGroupRedirects() {
        ParsedScript p = parse("(cd /tmp && rm -rf x); { git add .; git commit -m wip; } > log 2>&1");
        assertThat(p.commands()).extracting(c -> c.argv())
                .containsExactly(List.of("cd", "/tmp"), List.of("rm", "-rf", "x"), List.of("git", "add", "."),
                        List.of("git", "commit", "-m", "wip"));
        assertThat(command(p, "git", "add", ".").orElseThrow().redirects())
                .containsExactly(new Redirect(">", "log"), new Redirect("2>&", "1"));
    }

    @Test
    void ifWhileUntilForAndCaseBodiesAreAllReported() {
        String s = """
                if [ -f a ]; then rm a; elif test -d b; then rmdir b; else touch c; fi
                while read -r f; do shred "$f"; done < list
                until ping -c1 host; do sleep 1; done
                for f in *.log; do gzip "$f"; done
                for ((i=0; i<3; i++)); do echo $i; done
                case "$1" in start|up) systemctl start app ;; stop) systemctl stop app ;& *) echo usage ;; esac
                """;
        assertThat(argvs(s)).contains(List.of("[", "-f", "a", "]"), List.of("rm", "a"), List.of("test", "-d", "b"),
                List.of("rmdir", "b"), List.of("touch", "c"), List.of("read", "-r", "f"), List.of("shred", "$f"),
                List.of("ping", "-c1", "host"), List.of("sleep", "1"), List.of("gzip", "*.log"), List.of("echo", "$i"),
                List.of("systemctl", "start", "app"), List.of("systemctl", "stop", "app"), List.of("echo", "usage"));
    }

    @Test
    void functionBodyCommandsAreReported() {
        assertThat(argvs("f() { rm -rf /; }; f")).containsExactly(List.of("rm", "-rf", "/"));
        assertThat(argvs("function g { git push -f; }")).containsExactly(List.of("git", "push", "-f"));
    }

    @Test
    void aCalledFunctionRunsItsBodyWithTheCallsArguments() {
        assertThat(argvs("f() { rm -rf \"$1\" \"$2\"; }; f a b; f c d"))
                .containsExactly(List.of("rm", "-rf", "a", "b"), List.of("rm", "-rf", "c", "d"));
        assertThat(argvs("git() { rm -rf ~; }; git status")).containsExactly(List.of("rm", "-rf", "~"));
    }

    @Test
    void negationTimeAndCoprocAreTransparent() {
        assertThat(argvs("! grep -q x f && time rm -rf build; coproc nc -l 9000"))
                .containsExactly(List.of("grep", "-q", "x", "f"), List.of("rm", "-rf", "build"), List.of("nc", "-l", "9000"));
    }

    @Test
    void substitutionsInConditionsAndArithmeticRun() {
        assertThat(argvs("[[ -n $(rm -rf /) ]]")).containsExactly(List.of("rm", "-rf", "/"));
        assertThat(argvs("(( $(id -u) == 0 ))")).containsExactly(List.of("id", "-u"));
    }

    @Test
    void processSubstitutionsRun() {
        // an output process substitution reads what its command writes: it is read after it
        assertThat(argvs("diff <(sort a) >(tee b)")).containsExactly(List.of("sort", "a"),
                List.of("diff", "<(sort a)", ">(tee b)"), List.of("tee", "b"));
    }

    @Test
    void backticksInArgumentPositionRun() {
        assertThat(argvs("echo `whoami` \"`hostname`\"")).contains(List.of("whoami"), List.of("hostname"));
    }

    @Test
    void heredocBodyIsDataForCatAndStaysTheRedirectTarget() {
        ParsedScript p = parse("cat > notes.md <<'EOF'\nrm -rf /\nEOF\necho done");
        assertThat(p.commands()).extracting(c -> c.argv()).containsExactly(List.of("cat"), List.of("echo", "done"));
        assertThat(p.commands().get(0).redirects()).containsExactly(new Redirect(">", "notes.md"), new Redirect("<<", "rm -rf /\n"));
    }

    @Test
    void heredocBodyForPsqlIsKeptAsSql() {
        ParsedScript p = parse("psql -h db <<SQL\nDROP TABLE users;\nSQL");
        assertThat(p.commands()).singleElement().satisfies(c -> {
            assertThat(c.argv()).containsExactly("psql", "-h", "db");
            assertThat(c.redirects()).containsExactly(new Redirect("<<", "DROP TABLE users;\n"));
        });
    }

    @Test
    void gitCommitFromStdinHeredocIsOneGitCommand() {
        assertThat(argvs("git commit -F - <<'EOF'\nrm -rf / in a message\nEOF"))
                .containsExactly(List.of("git", "commit", "-F", "-"));
    }

    @Test
    void unquotedHeredocRunsItsSubstitutions() {
        assertThat(argvs("cat <<EOF > f\nuser: $(whoami)\nEOF")).containsExactly(List.of("whoami"), List.of("cat"));
    }

    @Test
    void heredocBodyIsCodeForAShell() {
        assertThat(command(parse("bash <<EOF\nrm -rf /\nEOF"), "rm", "-rf", "/"))
                .hasValueSatisfying(c -> assertThat(c.via()).containsExactly("bash <<"));
        assertThat(command(parse("sh -s <<-'END'\n\tgit push -f\n\tEND"), "git", "push", "-f")).isPresent();
        assertThat(command(parse("bash <<< 'rm -rf /'"), "rm", "-rf", "/")).isPresent();
    }

    @Test
    void tabStrippedHeredocEndsAtTheIndentedDelimiter() {
        assertThat(argvs("cat <<-EOF\n\tx\n\tEOF\nls")).containsExactly(List.of("cat"), List.of("ls"));
    }

    @Test
    void twoHeredocsOnOneLineAreReadInOrder() {
        ParsedScript p = parse("cat <<A; bash <<B\na\nA\nrm -rf /\nB\n");
        assertThat(command(p, "rm", "-rf", "/")).isPresent();
    }

    @Test
    void hereStringIsARedirect() {
        assertThat(parse("grep x <<< \"$(ls)\"").commands()).extracting(c -> c.argv())
                .containsExactly(List.of("ls"), List.of("grep", "x"));
    }

    @Test
    void compoundRedirectWithoutCommandsIsStillReported() {
        ParsedScript p = parse("[[ -f x ]] >&/dev/sda");
        assertThat(p.commands()).singleElement().satisfies(c -> {
            assertThat(c.argv()).isEmpty();
            assertThat(c.redirects()).containsExactly(new Redirect(">&", "/dev/sda"));
        });
    }

    @Test
    void unterminatedConstructsAreUnparseableButEarlierCommandsStay() {
        for (String s : List.of("echo 'x", "echo \"x", "echo $(ls", "echo `ls", "echo ${x", "(ls", "{ ls;", "if true; then ls",
                "case x in a) ls;;", "for x in a; do ls")) {
            assertThat(finding(parse(s), Findings.UNPARSEABLE)).as(s).isPresent();
        }
        ParsedScript p = parse("git status; rm -rf 'unterminated");
        assertThat(command(p, "git", "status")).isPresent();
        assertThat(finding(p, Findings.UNPARSEABLE)).isPresent();
    }

    @Test
    void unterminatedHeredocIsUnparseableButItsBodyIsRead() {
        ParsedScript p = parse("bash <<EOF\nrm -rf /\n");
        assertThat(finding(p, Findings.UNPARSEABLE)).isPresent();
        assertThat(command(p, "rm", "-rf", "/")).isPresent();
    }

    @Test
    void commentsAreIgnoredButHashInsideWordsIsNot() {
        assertThat(argvs("ls # rm -rf /\necho a#b")).containsExactly(List.of("ls"), List.of("echo", "a#b"));
    }

    @Test
    void aliasValuesAreReadAsCommands() {
        assertThat(command(parse("alias ll='rm -rf /'"), "rm", "-rf", "/"))
                .hasValueSatisfying(c -> assertThat(c.via()).containsExactly("alias"));
    }
}
