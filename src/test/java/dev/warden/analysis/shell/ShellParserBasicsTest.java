package dev.warden.analysis.shell;

import static dev.warden.analysis.shell.Parsed.argvs;
import static dev.warden.analysis.shell.Parsed.command;
import static dev.warden.analysis.shell.Parsed.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.call.Command;
import dev.warden.call.Command.Redirect;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The everyday shapes: simple commands, lists, pipelines, quoting, redirects. */
class ShellParserBasicsTest {

    @Test
    void simpleCommandYieldsItsArgv() {
        ParsedScript p = parse("git status");
        assertThat(p.commands()).containsExactly(new Command(List.of("git", "status"), "git status", List.of(), List.of(), false));
        assertThat(p.findings()).isEmpty();
    }

    @Test
    void quotedArgumentThatLooksLikeACommandIsOnlyAnArgument() {
        assertThat(argvs("grep \"rm -rf\" notes.md")).containsExactly(List.of("grep", "rm -rf", "notes.md"));
    }

    @Test
    void commitMessageWithSqlIsOneGitCommand() {
        assertThat(argvs("git commit -m \"DROP TABLE users\"")).containsExactly(List.of("git", "commit", "-m", "DROP TABLE users"));
    }

    @Test
    void commandSubstitutionInsideQuotesRunsToo() {
        assertThat(argvs("echo \"$(date)\"")).containsExactlyInAnyOrder(List.of("echo", "$(date)"), List.of("date"));
    }

    @Test
    void listsAndPipelinesYieldEveryCommandInOrder() {
        assertThat(argvs("cd src && ls -la | head -n 5; echo done || true & wait"))
                .containsExactly(List.of("cd", "src"), List.of("ls", "-la"), List.of("head", "-n", "5"),
                        List.of("echo", "done"), List.of("true"), List.of("wait"));
    }

    @Test
    void redirectsAnywhereInTheCommandAreCollected() {
        ParsedScript p = parse(">out.txt 2>&1 sort -u in.txt &>>all.log");
        Command c = p.commands().get(0);
        assertThat(c.argv()).containsExactly("sort", "-u", "in.txt");
        assertThat(c.redirects()).containsExactly(new Redirect(">", "out.txt"), new Redirect("2>&", "1"),
                new Redirect("&>>", "all.log"));
    }

    @Test
    void bareRedirectionIsReportedAsACommandWithoutProgram() {
        ParsedScript p = parse(">| important.db");
        assertThat(p.commands()).singleElement().satisfies(c -> {
            assertThat(c.argv()).isEmpty();
            assertThat(c.redirects()).containsExactly(new Redirect(">|", "important.db"));
        });
    }

    @Test
    void commentsAndBlankInputYieldNothingAndNoFinding() {
        assertThat(parse("  # just a comment\n\n").commands()).isEmpty();
        assertThat(parse("  # just a comment\n\n").findings()).isEmpty();
        assertThat(parse("").findings()).isEmpty();
    }

    @Test
    void lineContinuationJoinsWords() {
        assertThat(argvs("git \\\n  push \\\n  origin")).containsExactly(List.of("git", "push", "origin"));
    }

    @Test
    void assignmentPrefixIsNotTheProgram() {
        assertThat(argvs("FOO=1 BAR=\"x y\" make test")).containsExactly(List.of("make", "test"));
    }

    @Test
    void absoluteProgramPathKeepsThePathAndProgramIsTheBaseName() {
        ParsedScript p = parse("/bin/rm -rf build");
        assertThat(p.commands().get(0).argv()).containsExactly("/bin/rm", "-rf", "build");
        assertThat(p.commands().get(0).program()).isEqualTo("rm");
    }

    @Test
    void sudoEnvBashDashCIsUnwrappedToGitPush() {
        ParsedScript p = parse("sudo env FOO=1 bash -c \"git push -f\"");
        assertThat(p.commands()).singleElement().satisfies(c -> {
            assertThat(c.argv()).containsExactly("git", "push", "-f");
            assertThat(c.via()).containsExactly("sudo", "env", "bash -c");
        });
    }

    @Test
    void findDeleteIsAlsoAnRmOfItsRoots() {
        ParsedScript p = parse("find /x -name '*.tmp' -delete");
        assertThat(command(p, "rm", "-rf", "/x")).hasValueSatisfying(c -> assertThat(c.via()).containsExactly("find -delete"));
    }
}
