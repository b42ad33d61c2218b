package dev.warden.analysis.shell;

import static dev.warden.analysis.shell.Parsed.command;
import static dev.warden.analysis.shell.Parsed.finding;
import static dev.warden.analysis.shell.Parsed.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.analysis.shell.Evaluator.Arg;
import dev.warden.call.Command;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A shell's own options decide which word is its script; each shell family is read the way the
 * real shell reads it (bash 5.2, zsh 5.9, ksh93, dash, fish 3.6 were checked by hand). Also the
 * launchers whose option parsing hides or reveals a command: flock, emulate, coproc, exec,
 * xargs, env -S, su, script.
 */
class ShellOptionsTest {

    /** True when {@code argv} runs (with xargs' run-time arguments, {@code {}}, after it or not). */
    private static boolean runs(String line, String... argv) {
        ParsedScript p = parse(line);
        List<String> want = List.of(argv);
        return p.commands().stream().anyMatch(c -> c.argv().equals(want)
                || c.argv().size() == want.size() + 1 && c.argv().subList(0, want.size()).equals(want)
                        && c.argv().get(want.size()).equals("{}"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "fish -c'rm -rf /'", "fish -ic'rm -rf /'", "fish -c ls -c 'rm -rf /'", "fish --com='rm -rf /'",
            "fish --comm 'rm -rf /'", "fish --command='rm -rf /'", "fish --ini='rm -rf /'",
            "fish --init-command 'rm -rf /' -c ls", "fish -C 'rm -rf /'", "fish -d 3 -c 'rm -rf /'",
            "fish -p /tmp/prof -c 'rm -rf /'", "fish --debug-output=/dev/null -c 'rm -rf /'",
            "bash -rcfile /dev/null -c 'rm -rf /'", "bash --rcfile /dev/null -c 'rm -rf /'",
            "bash -init-file /dev/null -c 'rm -rf /'", "bash -co errexit 'rm -rf /'", "bash -O extglob -c 'rm -rf /'",
            "zsh --emulate sh -c 'rm -rf /'", "zsh -oerrexit -c 'rm -rf /'", "ksh --norc -c 'rm -rf /'",
            "dash -o errexit -c 'rm -rf /'", "sh -euc 'rm -rf /'",
            "flock /tmp/l --com 'rm -rf /'", "flock /tmp/l -c 'rm -rf /'", "flock -w 5 /tmp/l --command='rm -rf /'",
            "flock -c 'rm -rf /' /tmp/l", "flock -nw 5 /tmp/l rm -rf /",
            "emulate sh -c 'rm -rf /'", "emulate -L zsh -c 'rm -rf /'",
            "coproc rm -rf /", "coproc NAME { rm -rf /; }",
            "su -c'rm -rf /'", "su root --comm 'rm -rf /'", "script -qc 'rm -rf /' /dev/null",
            "script --c 'rm -rf /' /dev/null",
            "env -S 'rm\\_-rf\\_/'", "env -S 'rm -rf /'", "env -S'rm -rf /'", "env --split-string='rm\\_-rf /'",
            "env -S \"'rm' -rf\\_/\"", "env -iL FOO rm -rf /", "env -P /usr/bin rm -rf /",
            "exec -a name rm -rf /", "exec -cl rm -rf /", "xargs --max-args 1 rm -rf /", "xargs --max-a=1 rm -rf /",
    })
    void theHiddenCommandIsRead(String line) {
        assertThat(runs(line, "rm", "-rf", "/")).as("%s", parse(line)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // exec refuses options other than -c -l -a (bash, zsh, ksh, mksh): nothing runs
            "exec -xa foo rm -rf /",
            // -a takes the rest of its cluster: the program is foo, rm is only an argument
            "exec -al foo rm -rf /",
            // GNU xargs: --max is ambiguous (max-args, max-chars, max-lines, max-procs); BSD has no long options
            "xargs --max 1 rm -rf /",
            // bash: an option after -c that names the script file is not the script
            "fish -n script.fish rm -rf /",
    })
    void aLauncherThatFailsOrTakesAnotherProgramRunsNoRm(String line) {
        assertThat(runs(line, "rm", "-rf", "/")).as("%s", parse(line)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            fish --in='rm -rf /'   | ambiguous
            fish --pr -c ls        | ambiguous
            fish --frobnicate      | does not know
            fish --interactive=x   | takes no argument
            fish -éc ls            | does not know
            bash --frob -c ls      | does not know
            bash -é -c ls          | does not know
            """)
    void anOptionTheShellWouldRejectIsReportedAsUnreadable(String line, String why) {
        ParsedScript p = parse(line);
        assertThat(finding(p, "shell.unparseable")).as("%s", p).hasValueSatisfying(f -> assertThat(f.message()).contains(why));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bash --noprofile --norc -e -o pipefail -c 'npm test'", "bash -lc 'make'", "sh --x -c ls",
            "zsh --no-rcs -c ls", "zsh -f -c ls", "ksh --nor -c ls", "fish --no-config -c ls", "fish -P -l -c ls",
            "dash -e -c ls", "mksh -o posix -c ls"})
    void ordinaryShellOptionsAreNotFindings(String line) {
        ParsedScript p = parse(line);
        assertThat(p.findings()).as("%s", p).isEmpty();
        assertThat(runs(line, "ls") || runs(line, "npm", "test") || runs(line, "make")).isTrue();
    }

    @Test
    void fishRunsEveryCommandStringInitCommandsFirst() {
        ParsedScript p = parse("fish -c 'echo two' -C 'echo one' -c 'echo three'");
        assertThat(p.commands()).extracting(Command::argv).containsExactly(
                List.of("echo", "one"), List.of("echo", "two"), List.of("echo", "three"));
        assertThat(p.commands().get(0).via()).containsExactly("fish -c");
    }

    @Test
    void fishWithOnlyAnInitCommandStillReadsItsInput() {
        ParsedScript p = parse("find . -exec fish -C ls \\;");
        assertThat(command(p, "ls")).isPresent();
        assertThat(command(p, "fish", "-C", "ls")).as("the shell that then reads input").isPresent();
    }

    @Test
    void bashLongOptionsComeOnlyBeforeShortOnes() {
        // after -e, -rcfile is the cluster -r -c -f -i -l -e: the script is /dev/null
        assertThat(runs("bash -e -rcfile /dev/null -c 'rm -rf /'", "rm", "-rf", "/")).isFalse();
    }

    @Test
    void zshStopsReadingOptionsAtDashB() {
        assertThat(runs("zsh -b -c 'rm -rf /'", "rm", "-rf", "/")).isFalse();
    }

    @Test
    void coprocBashIsAShellReadingInputNobodyCanSee() {
        ParsedScript p = parse("coproc bash");
        assertThat(finding(p, "shell.pipe-to-shell")).isPresent();
        assertThat(p.commands()).extracting(Command::via).containsExactly(List.of("coproc"));
    }

    @Test
    void aNulInAnsiCQuotingIsReportedWhenTheWordGoesOnAfterIt() {
        ParsedScript p = parse("rm$'\\0'IGNOREDTAIL -rf /");
        assertThat(command(p, "rmIGNOREDTAIL", "-rf", "/")).as("what Bash runs").isPresent();
        assertThat(finding(p, "shell.unparseable")).hasValueSatisfying(f -> assertThat(f.message()).contains("NUL"));
        assertThat(parse("read -r -d $'\\0' line").findings()).isEmpty();
        assertThat(parse("printf 'a\\0b' | xargs -0 -d $'\\0' echo").findings()).isEmpty();
    }

    @Test
    void aRedirectionWordIsSplitLikeBashDoes() {
        ParsedScript p = parse("echo hi > $(echo \" /dev/sda\")");
        assertThat(p.commands().get(p.commands().size() - 1).redirects()).extracting(r -> r.target()).contains("/dev/sda");
        ParsedScript here = parse("cat <<< $(echo 'a  b')");
        assertThat(here.commands().get(here.commands().size() - 1).redirects()).extracting(r -> r.target())
                .contains("a  b");
    }

    @Test
    void envSplitStringFollowsGnuEnv() {
        assertThat(values(Unwrapper.envSplit("rm\\_-rf\\_/"))).containsExactly("rm", "-rf", "/");
        assertThat(values(Unwrapper.envSplit("echo\\_a\\tb 'c d' \"e\\_f\" #comment"))).containsExactly("echo", "a\tb",
                "c d", "e f");
        assertThat(values(Unwrapper.envSplit("a\\cb c"))).containsExactly("a");
        assertThat(values(Unwrapper.envSplit("'it''s' \"\""))).containsExactly("its", "");
        List<Arg> v = Unwrapper.envSplit("${HOME}/bin/tool x");
        assertThat(v).isNotNull();
        assertThat(v.get(0).dynamic()).isTrue();
        // errors: env runs nothing; the caller falls back to reading shell words
        assertThat(Unwrapper.envSplit("a\\qb")).isNull();
        assertThat(Unwrapper.envSplit("$HOME")).isNull();
        assertThat(Unwrapper.envSplit("'open")).isNull();
        assertThat(Unwrapper.envSplit("trailing\\")).isNull();
    }

    @Test
    void longOptionPrefixesResolveLikeGetoptLong() {
        List<String> names = List.of("max-args", "max-chars", "max-lines", "replace", "verbose", "version");
        assertThat(Unwrapper.longOption(names, "max-a")).isEqualTo("max-args");
        assertThat(Unwrapper.longOption(names, "max")).isEmpty();
        assertThat(Unwrapper.longOption(names, "ver")).isEmpty();
        assertThat(Unwrapper.longOption(names, "verb")).isEqualTo("verbose");
        assertThat(Unwrapper.longOption(names, "replace")).isEqualTo("replace");
        assertThat(Unwrapper.longOption(names, "frob")).isNull();
        assertThat(Unwrapper.longOption(names, "")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /proc/self/root/bin/sh       | true
            /proc/1/cwd/tool             | true
            ../../usr/bin/curl           | true
            ./../sbin/reboot             | true
            ../../../bin/rm              | true
            /usr/bin/../bin/rm           | true
            /usr//bin/rm                 | true
            /./bin/rm                    | true
            /usr/bin/curl                | false
            ./gradlew                    | false
            ../gradlew                   | false
            ../../bin/run.sh             | false
            node_modules/.bin/tsc        | false
            """)
    void unusualProgramPaths(String path, boolean unusual) {
        assertThat(Unwrapper.unusualPath(path) != null).isEqualTo(unusual);
    }

    @Test
    void aLauncherReachedThroughProcIsAFindingAndItsCommandStillRuns() {
        ParsedScript p = parse("/proc/self/root/bin/sh -c 'rm -rf /'");
        assertThat(command(p, "rm", "-rf", "/")).isPresent();
        assertThat(finding(p, "exec.temp-program")).hasValueSatisfying(f -> assertThat(f.message()).contains("'sh'"));
    }

    private static List<String> values(List<Arg> args) {
        assertThat(args).isNotNull();
        return args.stream().map(Arg::value).toList();
    }
}
