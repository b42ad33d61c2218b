package dev.warden.analysis.shell;

import static dev.warden.analysis.shell.Parsed.command;
import static dev.warden.analysis.shell.Parsed.finding;
import static dev.warden.analysis.shell.Parsed.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.call.Command;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Launchers are peeled off and recorded in {@code via}; the real program's argv is what remains. */
class LauncherUnwrappingTest {

    /** The one command whose argv is rm -rf /, with its via. */
    private static Command rm(String line) {
        ParsedScript p = parse(line);
        return command(p, "rm", "-rf", "/").orElseThrow(() -> new AssertionError("no rm -rf / in " + p));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sudo rm -rf /                                    | sudo
            sudo -u root -E -- rm -rf /                      | sudo
            sudo --user=root -H rm -rf /                     | sudo
            sudo -uroot FOO=1 rm -rf /                       | sudo
            doas -u root rm -rf /                            | doas
            env -i -u HOME FOO=bar rm -rf /                  | env
            env -S 'rm -rf /'                                | env
            command rm -rf /                                 | command
            builtin eval rm -rf /                            | builtin,eval
            exec -a name rm -rf /                            | exec
            nice -n 10 rm -rf /                              | nice
            nice -5 rm -rf /                                 | nice
            nohup rm -rf /                                   | nohup
            time -p rm -rf /                                 | time
            /usr/bin/time -v rm -rf /                        | time
            timeout -s KILL 5s rm -rf /                      | timeout
            timeout --sig KILL 5 rm -rf /                    | timeout
            stdbuf -oL -e0 rm -rf /                          | stdbuf
            ionice -c 3 rm -rf /                             | ionice
            chroot /mnt rm -rf /                             | chroot
            busybox rm -rf /                                 | busybox
            flock /tmp/lock rm -rf /                         | flock
            flock -w 5 /tmp/lock -c 'rm -rf /'               | flock
            unbuffer rm -rf /                                | unbuffer
            caffeinate -i rm -rf /                           | caffeinate
            strace -f -o /tmp/t rm -rf /                     | strace
            ltrace rm -rf /                                  | ltrace
            setsid rm -rf /                                  | setsid
            watch -n 5 rm -rf /                              | watch
            watch -n 5 'rm -rf /'                            | watch
            bash -c 'rm -rf /'                               | bash -c
            bash -x -c 'rm -rf /'                            | bash -c
            bash -lc 'rm -rf /'                              | bash -c
            sh -e -c 'rm -rf /'                              | sh -c
            zsh -o pipefail -c 'rm -rf /'                    | zsh -c
            dash -c -- 'rm -rf /'                            | dash -c
            /proc/self/root/bin/sh -c 'rm -rf /'             | sh -c
            eval rm -rf /                                    | eval
            eval 'rm' '-rf' '/'                              | eval
            eval -- "rm -rf /"                               | eval
            su -c 'rm -rf /'                                 | su
            su - root -c 'rm -rf /'                          | su
            runuser -u app -- rm -rf /                       | runuser
            script -q -c 'rm -rf /' /dev/null                | script
            trap 'rm -rf /' EXIT                             | trap
            sudo env FOO=1 nice -n 5 timeout 10 bash -c 'eval rm -rf /' | sudo,env,nice,timeout,bash -c,eval
            """)
    void launcherIsUnwrappedAndRecorded(String line, String via) {
        assertThat(rm(line).via()).containsExactly(via.split(","));
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
    void sudoOptionArgumentIsNotTakenForTheProgram() {
        assertThat(parse("sudo -u postgres psql -c 'select 1'").commands())
                .singleElement().satisfies(c -> assertThat(c.argv()).containsExactly("psql", "-c", "select 1"));
    }

    @Test
    void launcherWithoutOperandIsReportedItself() {
        assertThat(parse("sudo -i").commands()).singleElement().satisfies(c -> assertThat(c.argv()).containsExactly("sudo", "-i"));
        assertThat(parse("env").commands()).singleElement().satisfies(c -> assertThat(c.argv()).containsExactly("env"));
        assertThat(parse("command -v git").commands()).singleElement()
                .satisfies(c -> assertThat(c.argv()).containsExactly("command", "-v", "git"));
    }

    @Test
    void bashDashCPassesPositionalParameters() {
        assertThat(command(parse("bash -c 'rm -rf \"$1\"' _ /"), "rm", "-rf", "/")).isPresent();
    }

    @Test
    void prefixAssignmentIsVisibleToTheChildShell() {
        assertThat(command(parse("X=rm bash -c '$X -rf /'"), "rm", "-rf", "/")).isPresent();
    }

    @Test
    void xargsCommandGetsAPlaceholderForStandardInput() {
        ParsedScript p = parse("find . -name '*.log' | xargs rm -f");
        assertThat(command(p, "rm", "-f", "{}")).hasValueSatisfying(c -> assertThat(c.via()).containsExactly("xargs"));
        assertThat(command(parse("ls | xargs -I % cp % /backup"), "cp", "{}", "/backup")).isPresent();
        assertThat(command(parse("xargs -0 -n 1 -P 4 rm -rf"), "rm", "-rf", "{}")).isPresent();
    }

    @Test
    void parallelRunsItsCommandForEachArgument() {
        ParsedScript p = parse("parallel rm -rf ::: a b");
        assertThat(command(p, "rm", "-rf", "a")).hasValueSatisfying(c -> assertThat(c.via()).containsExactly("parallel"));
        assertThat(command(p, "rm", "-rf", "b")).isPresent();
    }

    @Test
    void findExecCommandsAreReportedWithThePlaceholderKept() {
        ParsedScript p = parse("find . -name '*.tmp' -exec rm -f {} \\; -execdir chmod 600 {} + -ok mv {} /x \\;");
        assertThat(command(p, "find", ".", "-name", "*.tmp", "-exec", "rm", "-f", "{}", ";", "-execdir", "chmod", "600",
                "{}", "+", "-ok", "mv", "{}", "/x", ";")).isPresent();
        assertThat(command(p, "rm", "-f", "{}")).hasValueSatisfying(c -> assertThat(c.via()).containsExactly("find -exec"));
        assertThat(command(p, "chmod", "600", "{}")).hasValueSatisfying(c -> assertThat(c.via()).containsExactly("find -execdir"));
        assertThat(command(p, "mv", "{}", "/x")).hasValueSatisfying(c -> assertThat(c.via()).containsExactly("find -ok"));
    }

    @Test
    void findDeleteBecomesAnRmOfTheRoots() {
        ParsedScript p = parse("find /var/log /tmp -mtime +7 -delete");
        assertThat(command(p, "rm", "-rf", "/var/log", "/tmp"))
                .hasValueSatisfying(c -> assertThat(c.via()).containsExactly("find -delete"));
        assertThat(command(parse("find -delete"), "rm", "-rf", ".")).isPresent();
    }

    @Test
    void findExecOfAShellWithTheMatchAsScriptIsDynamic() {
        assertThat(finding(parse("find . -exec {} \\;"), Findings.DYNAMIC)).isPresent();
    }

    @Test
    void sshRemoteCommandIsParsedAndMarkedRemote() {
        ParsedScript p = parse("ssh -p 2222 -i ~/.ssh/k deploy@prod 'cd /srv && rm -rf releases/old'");
        assertThat(p.commands().get(0).argv().get(0)).isEqualTo("ssh");
        assertThat(command(p, "rm", "-rf", "releases/old")).hasValueSatisfying(c -> {
            assertThat(c.remote()).isTrue();
            assertThat(c.via()).containsExactly("ssh deploy@prod");
        });
        assertThat(command(parse("ssh host git push -f"), "git", "push", "-f")).hasValueSatisfying(c -> assertThat(c.remote()).isTrue());
    }

    @Test
    void sshWithHeredocRunsTheBodyRemotely() {
        assertThat(command(parse("ssh prod <<'EOF'\nrm -rf /srv\nEOF"), "rm", "-rf", "/srv"))
                .hasValueSatisfying(c -> assertThat(c.remote()).isTrue());
    }

    @Test
    void containerExecIsUnwrappedAsRemote() {
        ParsedScript p = parse("docker exec -it -u root -e A=1 db psql -c 'DROP TABLE users'");
        assertThat(command(p, "psql", "-c", "DROP TABLE users")).hasValueSatisfying(c -> {
            assertThat(c.remote()).isTrue();
            assertThat(c.via()).containsExactly("docker exec db");
        });
        assertThat(command(parse("podman exec web sh -c 'rm -rf /app'"), "rm", "-rf", "/app"))
                .hasValueSatisfying(c -> assertThat(c.via()).containsExactly("podman exec web", "sh -c"));
        assertThat(command(parse("kubectl exec -n prod -c app api-0 -- rm -rf /data"), "rm", "-rf", "/data"))
                .hasValueSatisfying(c -> {
                    assertThat(c.remote()).isTrue();
                    assertThat(c.via()).containsExactly("kubectl exec api-0");
                });
    }

    @Test
    void gnuLongOptionPrefixesAreUnderstood() {
        assertThat(rm("timeout --kill-a 2 5 rm -rf /").via()).containsExactly("timeout");
        assertThat(rm("nice --adj 5 rm -rf /").via()).containsExactly("nice");
        assertThat(command(parse("xargs --max-a 1 rm -rf /"), "rm", "-rf", "/", "{}")).isPresent();
    }

    @Test
    void deepLauncherChainsEndInTooComplex() {
        String line = "sudo ".repeat(40) + "rm -rf /";
        assertThat(finding(parse(line), Findings.TOO_COMPLEX)).isPresent();
    }

    @Test
    void nestedShellStringsAreReadAtEveryLevel() {
        assertThat(rm("bash -c \"sh -c 'eval \\\"rm -rf /\\\"'\"").via()).containsExactly("bash -c", "sh -c", "eval");
        assertThat(List.of(parse("eval sh -c \"rm -rf /\"").commands().get(0).argv())).containsExactly(List.of("rm"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            uv run rm -rf /                                  | uv run
            uv run --with rich -- rm -rf /                   | uv run
            poetry -C api run rm -rf /                       | poetry run
            pdm run -- rm -rf /                              | pdm run
            hatch run default:rm -rf /                       | hatch run
            conda run -n base rm -rf /                       | conda run
            micromamba run -n dev rm -rf /                   | micromamba run
            bundle exec rm -rf /                             | bundle exec
            devbox run -- rm -rf /                           | devbox run
            mise exec node@20 -- rm -rf /                    | mise exec
            nix develop -c rm -rf /                          | nix develop -c
            nix-shell -p hello --run 'rm -rf /'              | nix-shell --run
            hyperfine --runs 1 'rm -rf /'                    | hyperfine
            hyperfine --prepare 'rm -rf /' 'sleep 1'         | hyperfine
            watchexec -e py -- rm -rf /                      | watchexec
            pee 'rm -rf /'                                   | pee
            lldb -b -o run -- rm -rf /                       | lldb run
            gdb -batch -ex run --args rm -rf /               | gdb run
            concurrently 'rm -rf /'                          | concurrently
            nodemon --exec 'rm -rf /'                        | nodemon --exec
            dotenv -e .env -- rm -rf /                       | dotenv
            shx rm -rf /                                     | shx
            deno run -A npm:shx rm -rf /                     | deno run npm:,shx
            mvn exec:exec -Dexec.executable=rm -Dexec.args='-rf /' | mvn exec:exec
            """)
    void projectLaunchersRunTheirOperand(String line, String via) {
        assertThat(String.join(",", rm(line).via())).startsWith(via);
    }

    @Test
    void projectLaunchersAreStillReportedAsThemselves() {
        ParsedScript p = parse("uv run --with rich rm -rf /");
        assertThat(p.commands()).extracting(Command::program).contains("uv", "rm");
        assertThat(parse("uv run pytest").commands()).extracting(Command::program).containsExactly("uv", "pytest");
    }

    @Test
    void debuggersRunTheirProgramOnlyWhenToldTo() {
        assertThat(command(parse("lldb -- rm -rf /"), "rm", "-rf", "/")).isEmpty();
        assertThat(command(parse("gdb --args rm -rf /"), "rm", "-rf", "/")).isEmpty();
    }

    @Test
    void makeReadsCommandLineVariablesMakeflagsAndStdinMakefiles() {
        assertThat(rm("make 'X:=$(shell rm -rf /)'").via()).contains("make X=");
        assertThat(rm("MAKEFLAGS='--eval=$(shell rm -rf /)' make").via()).isNotEmpty();
        assertThat(rm("make --eva='$(shell rm -rf /)'").via()).contains("make --eval");
        assertThat(rm("make -f - <<< $'all:\\n\\trm -rf /'").via()).contains("make -f -");
        assertThat(command(parse("make SHELL=/bin/rm .SHELLFLAGS='-rf /'"), "/bin/rm", "-rf", "/", "make-recipe"))
                .isPresent();
        assertThat(finding(parse("make SHELL=python3 test"), "exec.shadow-command")).isPresent();
        assertThat(finding(parse("make SHELL=/bin/bash .SHELLFLAGS=-ec test"), "exec.shadow-command")).isEmpty();
    }
}
