package dev.warden.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.call.Analysis;
import dev.warden.call.Effect;
import dev.warden.call.Finding;
import dev.warden.call.ToolCall;
import dev.warden.eval.CommandEval;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The curated command cases of every pack (src/test/resources/analysis/cases/*.jsonl), both
 * directions: what must be caught (with the effect the default severity mapping gives it and
 * the rule that must fire) and what must pass without a finding that stops it.
 */
class PackCasesTest {

    private static final String[] FILES = {"git", "fs", "secrets", "net", "self", "sql", "cloud", "publish", "sys",
            "exec", "bypass"};
    private static final AnalysisContext CONTEXT = CommandEval.sampleContext();
    private static final Analyzer ANALYZER = Analyzer.standard();

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        for (String f : FILES) {
            String resource = "/analysis/cases/" + f + ".jsonl";
            try (InputStream in = Objects.requireNonNull(PackCasesTest.class.getResourceAsStream(resource), resource);
                    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode n = json.readTree(line);
                    String rule = n.has("rule") ? n.get("rule").asString() : "";
                    all.add(Arguments.of(f, n.get("command").asString(), n.get("expect").asString(), rule));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "[{0}] {2}: {1}")
    @MethodSource("cases")
    void commandMeetsItsExpectation(String pack, String command, String expect, String rule) {
        ToolCall call = new ToolCall("claude", "test", null, null, CONTEXT.projectRoot().toString(), "Bash",
                Map.of("command", command), null, null, null);
        Analysis a = ANALYZER.analyze(call, CONTEXT);
        Effect effect = Effect.ALLOW;
        for (Finding f : a.findings()) {
            effect = effect.max(CommandEval.effectOf(f.severity()));
        }
        if (effect == Effect.LOG) {
            effect = Effect.ALLOW;
        }
        String findings = a.findings().stream().map(f -> f.id() + ":" + f.severity().label()).toList().toString();
        switch (expect) {
            case "allow" -> assertThat(effect).as("findings %s", findings).isEqualTo(Effect.ALLOW);
            case "flag" -> assertThat(effect).as("findings %s", findings).isNotEqualTo(Effect.ALLOW);
            default -> assertThat(effect.label()).as("findings %s", findings).isEqualTo(expect);
        }
        if (!rule.isEmpty()) {
            assertThat(a.findings()).as("findings %s", findings).extracting(Finding::id).contains(rule);
        }
    }
}
