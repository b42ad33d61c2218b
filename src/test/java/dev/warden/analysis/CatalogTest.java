package dev.warden.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.call.Analysis;
import dev.warden.call.Finding;
import dev.warden.call.ToolCall;
import dev.warden.eval.CommandEval;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rule catalog: unique ids, complete entries, and examples that really trigger their rule. */
class CatalogTest {

    @Test
    void idsAreUniqueAndEntriesComplete() {
        List<Rule> rules = Packs.catalog();
        assertThat(rules).hasSizeGreaterThan(80);
        Set<String> ids = new HashSet<>();
        for (Rule r : rules) {
            assertThat(ids.add(r.id())).as("duplicate %s", r.id()).isTrue();
            assertThat(r.id()).matches("[a-z]+\\.[a-z0-9-]+");
            assertThat(r.description()).isNotBlank();
            assertThat(r.example()).as(r.id()).isNotBlank();
        }
    }

    /** Examples that are not shell commands (SQL text, tool inputs) or need a context to fire. */
    private static final Set<String> NOT_SHELL = Set.of("sql.drop", "sql.truncate", "sql.delete-all", "sql.write",
            "sql.schema-change", "sql.privileges", "prod.touch", "analysis.error", "analysis.malformed-input",
            "fs.delete-unknown-directory");

    @Test
    void everyShellExampleTriggersItsOwnRule() {
        Analyzer analyzer = Analyzer.standard();
        AnalysisContext ctx = CommandEval.sampleContext();
        List<String> failures = new java.util.ArrayList<>();
        for (Rule r : Packs.catalog()) {
            if (NOT_SHELL.contains(r.id())) {
                continue;
            }
            ToolCall call = new ToolCall("claude", "s", null, null, ctx.projectRoot().toString(), "Bash",
                    Map.of("command", r.example()), null, null, null);
            Analysis a = analyzer.analyze(call, ctx);
            if (a.findings().stream().noneMatch(f -> f.id().equals(r.id()))) {
                failures.add(r.id() + " <- " + r.example() + " " + a.findings().stream().map(Finding::id).toList());
            }
        }
        assertThat(failures).isEmpty();
    }
}
