package dev.warden.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.call.Analysis;
import dev.warden.call.Finding;
import dev.warden.call.ToolCall;
import dev.warden.eval.CommandEval;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the input, analysis returns a value: no exception, and no internal-error finding. */
class AnalyzerPropertiesTest {

    private static final Analyzer ANALYZER = Analyzer.standard();
    private static final AnalysisContext CTX = CommandEval.sampleContext();

    @Provide
    Arbitrary<String> shellish() {
        Arbitrary<String> words = Arbitraries.of("rm", "-rf", "/", "~", "git", "push", "-f", "origin", "main", "curl",
                "-d", "@-", "https://x.example", "cat", "~/.ssh/id_rsa", "|", "&&", ";", "$(", ")", "`", "'", "\"", "{}",
                "find", ".", "-exec", "\\;", "xargs", "sudo", "bash", "-c", "psql", "DROP TABLE t", ">", "/dev/sda",
                "<<EOF", "EOF", "\n", "*", "$HOME", "kubectl", "delete", "chmod", "777", "tar", "-xf", "-C", "ln", "-s",
                "python3", "import os; os.system('x')", "dd", "of=/dev/sda", "=", "--", "-", "${X:-y}", "%", "#");
        return words.list().ofMaxSize(40).map(l -> String.join(" ", l));
    }

    @Property(tries = 400)
    void shellInputsNeverBreakAnalysis(@ForAll("shellish") String command) {
        Analysis a = ANALYZER.analyze(call("Bash", Map.of("command", command)), CTX);
        assertThat(a.findings()).extracting(Finding::id).doesNotContain("analysis.error");
    }

    @Property(tries = 300)
    void arbitraryTextNeverBreaksAnalysis(@ForAll String text) {
        for (String tool : List.of("Bash", "Read", "Write", "Glob", "WebFetch", "mcp__s__t")) {
            Map<String, Object> input = switch (tool) {
                case "Bash" -> Map.of("command", text);
                case "Read", "Write" -> Map.of("file_path", text);
                case "Glob" -> Map.of("pattern", text);
                case "WebFetch" -> Map.of("url", text);
                default -> Map.of("q", text, "command", text, "path", "/" + text);
            };
            Analysis a = ANALYZER.analyze(call(tool, input), CTX);
            assertThat(a.findings()).extracting(Finding::id).doesNotContain("analysis.error");
        }
    }

    private static ToolCall call(String tool, Map<String, Object> input) {
        @SuppressWarnings("unchecked")
        Map<String, @org.jspecify.annotations.Nullable Object> in = (Map<String, @org.jspecify.annotations.Nullable Object>) (Map<?, ?>) input;
        return new ToolCall("claude", "p", null, null, CTX.projectRoot().toString(), tool, in, null, null, null);
    }
}
