package dev.warden.analysis.shell;

import static dev.warden.analysis.shell.Parsed.argvs;
import static dev.warden.analysis.shell.Parsed.command;
import static dev.warden.analysis.shell.Parsed.finding;
import static dev.warden.analysis.shell.Parsed.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.call.Command;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Commands that tools run from an option, an inline script or a subcommand are read as
 * commands of their own, labelled with where they came from; the tool is still reported.
 */
class EmbeddedCommandsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            trap -- 'rm -rf /' EXIT                                       | trap
            mapfile -C 'rm -rf / #' -c 1 < f                              | mapfile -C
            readarray -c1 -C'rm -rf / #' arr < f                          | readarray -C
            hash -p /bin/sh ls; ls -c 'rm -rf /'                          | hash -p ls
            tmux new -d -s dev 'rm -rf /'                                 | tmux new
            tmux split-window -h rm -rf /                                 | tmux split-window
            tmux send-keys -t x 'rm -rf /' Enter                          | tmux send-keys
            tmux -c 'rm -rf /'                                            | tmux -c
            screen -dmS x rm -rf /                                        | screen
            screen -X stuff 'rm -rf /\\n'                                 | screen -X stuff
            ssh -o ProxyCommand='rm -rf /' h                              | ssh -o ProxyCommand
            scp -oProxyCommand='rm -rf /' a h:b                           | scp -o ProxyCommand
            rsync -e 'rm -rf /' a h:b                                     | rsync -e
            sqlite3 db '.shell rm -rf /'                                  | sqlite3 .shell
            tar --checkpoint-action=exec='rm -rf /' -cf x.tar .           | tar --checkpoint-action
            tar -cf x.tar -I 'rm -rf /' .                                 | tar --use-compress-program
            zip x.zip f -T -TT 'rm -rf / #'                               | zip -TT
            make --eval='$(shell rm -rf /)'                               | make --eval
            sed '1e rm -rf /' f                                           | sed e
            sed 's/.*/rm -rf \\//e' f                                     | sed e
            git -c core.sshCommand='rm -rf /' fetch                       | git -c core.sshCommand
            git config alias.x '!rm -rf /'                                | git config alias.x
            git fetch --upload-pack='rm -rf /' origin                     | git fetch
            git -c protocol.ext.allow=always clone 'ext::rm -rf /' x      | ext::
            git bisect run rm -rf /                                       | git bisect
            git submodule foreach --recursive 'rm -rf /'                  | foreach
            start-stop-daemon --start --exec rm -- -rf /                 | start-stop-daemon
            systemd-run --user --scope rm -rf /                           | systemd-run
            mpirun -np 4 rm -rf /                                         | mpirun
            gdb -batch -ex 'shell rm -rf /'                               | gdb -ex
            vim +'silent !rm -rf /'                                       | vim -c
            emacs --batch --eval '(shell-command "rm -rf /")'             | emacs --eval
            """)
    void theEmbeddedCommandIsReadWithWhereItCameFrom(String line, String via) {
        ParsedScript p = parse(line);
        Command rm = command(p, "rm", "-rf", "/").orElseThrow(() -> new AssertionError("no rm -rf / in " + p));
        assertThat(rm.via()).as("via of %s", line).contains(via);
    }

    @Test
    void envChdirGivesTheCommandItsDirectoryButNotTheShell() {
        ParsedScript p = parse("env -C /root rm -rf .ssh; rm -rf build");
        assertThat(command(p, "rm", "-rf", ".ssh").orElseThrow().cds()).containsExactly("/root");
        assertThat(command(p, "rm", "-rf", "build").orElseThrow().cds()).isEmpty();
    }

    @Test
    void sudoChdirGivesTheCommandItsDirectory() {
        assertThat(command(parse("sudo -D /root rm -rf .ssh"), "rm", "-rf", ".ssh").orElseThrow().cds())
                .containsExactly("/root");
    }

    @Test
    void hashToAnUnknownPathMakesTheNameUnknown() {
        ParsedScript p = parse("hash -p \"$X\" ls; ls -la");
        assertThat(finding(p, Findings.DYNAMIC)).isPresent();
    }

    @Test
    void hashDashRForgetsAndBuiltinsAreNeverReplaced() {
        assertThat(argvs("hash -p /bin/sh ls; hash -r; ls -c x")).contains(List.of("ls", "-c", "x"));
        assertThat(argvs("hash -p /bin/sh echo; echo -c x")).contains(List.of("echo", "-c", "x"));
    }

    @Test
    void sedRunningItsInputIsAFindingNotSilence() {
        assertThat(finding(parse("sed e f"), Findings.DYNAMIC)).isPresent();
        assertThat(finding(parse("sed 's/.*/&/e' f"), Findings.DYNAMIC)).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tmux ls", "tmux attach -t dev", "screen -r x", "screen -ls", "trap -p EXIT", "trap - EXIT",
        "sqlite3 db .tables", "tar -czf x.tgz dist", "sed -n '1,5p;/e/p' f", "sed 's/e/f/g' f", "make -n",
        "git -c user.name=x commit -m y", "git config alias.st status", "ssh -o StrictHostKeyChecking=no h",
        "vim -c 'set nu' f", "gdb -ex run ./a.out", "zip -r x.zip dist"})
    void benignNeighboursRunOnlyTheToolItself(String line) {
        assertThat(parse(line).commands()).hasSize(1);
    }
}
