package dev.warden.eval;

import dev.warden.analysis.AnalysisContext;
import dev.warden.analysis.Analyzer;
import dev.warden.call.Analysis;
import dev.warden.call.Effect;
import dev.warden.call.Finding;
import dev.warden.call.Severity;
import dev.warden.call.ToolCall;
import dev.warden.call.WardenException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scores a command decider against a labelled corpus.
 *
 * <p>Rows are JSON lines {@code {"command","expected","category","source"}} with expected
 * {@code deny}, {@code ask} (dangerous: must not be silently allowed) or {@code allow} (benign:
 * must pass without friction). The catch rate is the share of dangerous rows the decider does
 * not allow; the false-positive rate the share of benign rows it does not allow. Rows are read
 * one at a time, so corpora of any size stream through.
 */
public final class CommandEval {

    /** One corpus row. */
    public record Row(String command, String expected, String category, String source) {

        /** True for rows that must not be silently allowed. */
        public boolean dangerous() {
            return !expected.equals("allow");
        }
    }

    /** What a decider said about one command, and why (rule ids, for listing misses). */
    public record Judgement(Effect effect, String why) {}

    /** One row and the decision made. */
    public record Outcome(int line, Row row, Judgement judgement) {

        /** True when the decision lets the command run without friction. */
        public boolean allowed() {
            return judgement.effect() == Effect.ALLOW || judgement.effect() == Effect.LOG;
        }

        /** True when the decision disagrees with the row's label. */
        public boolean miss() {
            return row.dangerous() == allowed();
        }
    }

    /** Counts for a slice of the corpus. */
    public record Score(int dangerous, int caught, int benign, int falsePositives) {

        static final Score ZERO = new Score(0, 0, 0, 0);

        Score plus(Outcome o) {
            if (o.row().dangerous()) {
                return new Score(dangerous + 1, caught + (o.allowed() ? 0 : 1), benign, falsePositives);
            }
            return new Score(dangerous, caught, benign + 1, falsePositives + (o.allowed() ? 0 : 1));
        }

        /** Dangerous rows not allowed / dangerous rows (1 when there are none). */
        public double catchRate() {
            return dangerous == 0 ? 1.0 : (double) caught / dangerous;
        }

        /** Benign rows not allowed / benign rows (0 when there are none). */
        public double falsePositiveRate() {
            return benign == 0 ? 0.0 : (double) falsePositives / benign;
        }
    }

    /**
     * The result of a run.
     *
     * @param overall    every scored row
     * @param byCategory per row category
     * @param bySource   per source (the part of {@code source} before the first colon)
     * @param misses     every row decided against its label, in corpus order
     * @param errors     lines that could not be read, with the reason
     */
    public record Result(Score overall, Map<String, Score> byCategory, Map<String, Score> bySource,
            List<Outcome> misses, List<String> errors) {}

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private CommandEval() {}

    /**
     * Scores {@code decider} on the rows read from {@code jsonl}; {@code each} sees every outcome
     * as it is decided (for streaming output).
     */
    public static Result run(Reader jsonl, Function<String, Judgement> decider, Consumer<Outcome> each) {
        Score overall = Score.ZERO;
        Map<String, Score> byCategory = new TreeMap<>();
        Map<String, Score> bySource = new TreeMap<>();
        List<Outcome> misses = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        BufferedReader in = jsonl instanceof BufferedReader b ? b : new BufferedReader(jsonl);
        int lineNo = 0;
        try {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                Row row;
                try {
                    row = parse(line);
                } catch (RuntimeException e) {
                    errors.add("line " + lineNo + ": " + e.getMessage());
                    continue;
                }
                Judgement j;
                try {
                    j = decider.apply(row.command());
                } catch (RuntimeException e) {
                    // a decider that fails is a decider that did not allow: count it, and say so
                    j = new Judgement(Effect.DENY, "decider error: " + e);
                    errors.add("line " + lineNo + ": decider failed: " + e);
                }
                Outcome o = new Outcome(lineNo, row, j);
                overall = overall.plus(o);
                byCategory.merge(row.category(), Score.ZERO.plus(o), CommandEval::sum);
                bySource.merge(sourceName(row.source()), Score.ZERO.plus(o), CommandEval::sum);
                if (o.miss()) {
                    misses.add(o);
                }
                each.accept(o);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(overall, byCategory, bySource, misses, errors);
    }

    private static Score sum(Score a, Score b) {
        return new Score(a.dangerous() + b.dangerous(), a.caught() + b.caught(), a.benign() + b.benign(),
                a.falsePositives() + b.falsePositives());
    }

    private static final Set<String> LABELS = Set.of("deny", "ask", "allow");

    static Row parse(String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (RuntimeException e) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "not a JSON object");
        }
        JsonNode cmd = n.get("command");
        JsonNode exp = n.get("expected");
        if (cmd == null || !cmd.isString() || exp == null || !exp.isString() || !LABELS.contains(exp.asString())) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT,
                    "needs \"command\" (string) and \"expected\" (deny|ask|allow)");
        }
        JsonNode cat = n.get("category");
        JsonNode src = n.get("source");
        return new Row(cmd.asString(), exp.asString(), cat != null && cat.isString() ? cat.asString() : "",
                src != null && src.isString() ? src.asString() : "");
    }

    /** {@code owner/repo:path} to {@code owner/repo}. */
    static String sourceName(String source) {
        int colon = source.indexOf(':');
        return colon < 0 ? source : source.substring(0, colon);
    }

    // ---- the default decider ---------------------------------------------------------------

    /** The effect each severity gets by default: critical deny, high approve, medium ask, low/info log. */
    public static Effect effectOf(Severity s) {
        return switch (s) {
            case CRITICAL -> Effect.DENY;
            case HIGH -> Effect.APPROVE;
            case MEDIUM -> Effect.ASK;
            case LOW, INFO -> Effect.LOG;
        };
    }

    /** A context for scoring commands out of any real project: a project in a user's home. */
    public static AnalysisContext sampleContext() {
        Path home = Path.of("/home/user");
        return new AnalysisContext(home.resolve("project"), home, Set.of("main", "master", "production", "release/*"),
                AnalysisContext.Production.NONE, List.of(home.resolve(".warden")));
    }

    /** The built-in analyzer with the default severity mapping, as a decider. */
    public static Function<String, Judgement> standardDecider(AnalysisContext context) {
        Analyzer analyzer = Analyzer.standard();
        String cwd = context.projectRoot().toString();
        return command -> {
            ToolCall call = new ToolCall("claude", "eval", null, null, cwd, "Bash", Map.of("command", command),
                    null, null, null);
            Analysis a = analyzer.analyze(call, context);
            Effect e = Effect.ALLOW;
            for (Finding f : a.findings()) {
                e = e.max(effectOf(f.severity()));
            }
            String why = a.findings().stream().map(f -> f.id() + ":" + f.severity().label()).distinct()
                    .collect(Collectors.joining(","));
            return new Judgement(e == Effect.LOG ? Effect.ALLOW : e, why);
        };
    }

    /** Adapts a plain effect decider. */
    public static Function<String, Judgement> of(Function<String, Effect> decider) {
        return c -> new Judgement(decider.apply(c), "");
    }
}
