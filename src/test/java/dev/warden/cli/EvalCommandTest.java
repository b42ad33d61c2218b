package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden eval commands}: report, JSONL rows, thresholds and exit codes. */
class EvalCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path corpus() throws IOException {
        Path f = tmp.resolve("c.jsonl");
        Files.writeString(f, """
                {"command": "rm -rf ~", "expected": "deny", "category": "filesystem", "source": "x/y:z"}
                {"command": "ls -la", "expected": "allow", "category": "other", "source": "x/y:z"}
                {"command": "echo hello", "expected": "ask", "category": "other", "source": "q/r:s"}
                """);
        return f;
    }

    @Test
    void printsTheReportWithSlicesAndMisses() throws IOException {
        int code = run("eval", "commands", corpus().toString());
        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("overall", "catch  50.00% (1/2)", "by category", "by source", "x/y", "q/r",
                "misses (1)", "echo hello");
    }

    @Test
    void jsonlFormatPrintsEveryRowWithItsDecision() throws IOException {
        int code = run("eval", "commands", "--format", "jsonl", corpus().toString());
        assertThat(code).isEqualTo(ExitCodes.OK);
        String[] lines = out.toString().strip().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).contains("\"decision\":\"deny\"", "\"miss\":false");
        assertThat(err.toString()).contains("overall");
    }

    @Test
    void thresholdsTurnIntoExitCodeOne() throws IOException {
        assertThat(run("eval", "commands", "--min-catch", "0.98", corpus().toString())).isEqualTo(ExitCodes.FAILED);
        assertThat(run("eval", "commands", "--min-catch", "0.5", "--max-fp", "0.0", corpus().toString())).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aMissingFileIsBadInputNotACrash() {
        assertThat(run("eval", "commands", tmp.resolve("nope.jsonl").toString())).isEqualTo(ExitCodes.DATA);
        assertThat(err.toString()).contains("no such file");
    }

    @Test
    void anUnknownFormatIsAUsageError() throws IOException {
        assertThat(run("eval", "commands", "--format", "xml", corpus().toString())).isEqualTo(ExitCodes.USAGE);
    }
}
