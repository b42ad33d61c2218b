package dev.warden.cli;

import dev.warden.call.Decision;
import dev.warden.call.ToolCall;
import dev.warden.call.WardenException;
import dev.warden.engine.Engine;
import dev.warden.harness.Json;
import dev.warden.harness.claude.ClaudeHook;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code warden replay FILE.jsonl}: what would this policy have decided for these recorded calls?
 * Streams line by line (constant memory); doubles as the throughput benchmark.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, description = {
        "Replay recorded calls against a policy: what would it have decided?",
        "Input: Claude Code PreToolUse events (one JSON per line) or Warden's own tool.decision records.",
        "With --against, what differs from another policy. Streams: constant memory.",
        "Output --format jsonl: one JSON object per input line with line, decision",
        "(allow|deny|approve|ask, or null for lines that are not tool calls), rules, reason, profile,",
        "and with --against: baseline_decision, baseline_rules, changed.",
        "Exit codes: 0 replayed; 65 the file or a policy is invalid; 1 the file is missing."})
final class ReplayCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.jsonl", description = "Recorded events, one JSON object per line ('-' for stdin)")
    String file = "";

    @Option(names = "--policy", paramLabel = "FILE", description = "Policy to replay against (default: the policy that applies to each event's project)")
    @Nullable Path policy;

    @Option(names = "--against", paramLabel = "FILE", description = "A second policy to compare with (the baseline)")
    @Nullable Path against;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (summary and changed calls) or jsonl (one line per event)")
    String format = "text";

    @Mixin HomeOption home;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("text") && !format.equals("jsonl")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format must be text or jsonl");
        }
        PrintWriter out = spec.commandLine().getOut();
        Engine engine = Wiring.simulator(Wiring.config(home.home, policy));
        Engine baseline = against == null ? null : Wiring.simulator(Wiring.config(home.home, against));
        boolean jsonl = format.equals("jsonl");
        long lines = 0;
        long calls = 0;
        long changed = 0;
        long invalid = 0;
        Map<String, Long> counts = new TreeMap<>();
        Map<String, Long> transitions = new TreeMap<>();
        long start = System.nanoTime();
        try (BufferedReader in = file.equals("-") ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : open(Path.of(file))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines++;
                if (line.isBlank()) {
                    continue;
                }
                ObjectNode row = Json.MAPPER.createObjectNode();
                row.put("line", lines);
                ToolCall call = null;
                String recorded = null;
                try {
                    JsonNode ev = Json.MAPPER.readTree(line);
                    if (ev != null && ev.isObject() && "tool.decision".equals(Json.text(ev, "kind"))) {
                        call = fromRecord(ev);
                        recorded = ev.path("data").path("decision").asString(null);
                    } else if (ev != null && ev.isObject() && "PreToolUse".equals(Json.text(ev, "hook_event_name"))) {
                        call = ClaudeHook.toolCall(Json.object(ev), null);
                    } else {
                        row.putNull("decision");
                        row.put("skipped", ev != null && ev.isObject()
                                ? "not a tool call (" + ev.path("hook_event_name").asString(ev.path("kind").asString("unknown")) + ")"
                                : "not a JSON object");
                    }
                } catch (JacksonException | WardenException e) {
                    invalid++;
                    row.putNull("decision");
                    row.put("skipped", "invalid: " + (e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage()));
                }
                if (call != null) {
                    calls++;
                    Decision d = engine.evaluate(call).decision();
                    counts.merge(d.effect().label(), 1L, Long::sum);
                    row.put("decision", d.effect().label());
                    row.putPOJO("rules", d.rules());
                    row.put("reason", d.explain());
                    row.put("profile", d.profile());
                    row.put("tool", call.tool());
                    if (recorded != null) {
                        row.put("recorded_decision", recorded);
                    }
                    if (baseline != null) {
                        Decision b = baseline.evaluate(call).decision();
                        boolean diff = b.effect() != d.effect();
                        row.put("baseline_decision", b.effect().label());
                        row.putPOJO("baseline_rules", b.rules());
                        row.put("changed", diff);
                        if (diff) {
                            changed++;
                            transitions.merge(b.effect().label() + " -> " + d.effect().label(), 1L, Long::sum);
                            if (!jsonl) {
                                out.println("line " + lines + ": " + b.effect().label() + " -> " + d.effect().label() + "  "
                                        + summary(call) + "\n    " + d.explain());
                            }
                        }
                    } else if (!jsonl && d.effect() != dev.warden.call.Effect.ALLOW) {
                        out.println("line " + lines + ": " + d.effect().label() + "  " + summary(call) + "\n    " + d.explain());
                    }
                }
                if (jsonl) {
                    out.println(row.toString());
                }
            }
        }
        long nanos = System.nanoTime() - start;
        String rate = calls == 0 ? "" : String.format(" in %.1f ms (%.0f calls/s)", nanos / 1e6, calls / (nanos / 1e9));
        String summary = "replayed " + calls + " tool calls from " + lines + " lines" + rate + ": " + counts
                + (invalid > 0 ? ", " + invalid + " invalid lines" : "")
                + (baseline != null ? "; " + changed + " decisions differ from " + against + " " + transitions : "");
        if (jsonl) {
            spec.commandLine().getErr().println(summary);
        } else {
            out.println(summary);
        }
        return ExitCodes.OK;
    }

    private static BufferedReader open(Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            throw new WardenException(WardenException.Kind.NOT_FOUND, "no such file: " + p);
        }
        return Files.newBufferedReader(p, StandardCharsets.UTF_8);
    }

    /** A Warden audit record of a decision, back into the call it judged. */
    private static ToolCall fromRecord(JsonNode r) {
        JsonNode data = r.path("data");
        String tool = Json.text(r, "tool");
        if (tool == null || !data.path("input").isObject()) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "record has no tool or input");
        }
        String session = r.path("session").asString(r.path("session_id").asString(""));
        String cwd = data.path("cwd").asString("/");
        return new ToolCall("replay", session, r.path("agent_id").asString(null), r.path("agent_type").asString(null), cwd,
                tool, Json.object(data.path("input")), data.path("tool_use_id").asString(null), null,
                data.path("label").asString(null));
    }

    private static String summary(ToolCall c) {
        String detail = c.text("command").or(() -> c.text("file_path")).or(() -> c.text("url")).orElse("");
        if (detail.length() > 120) {
            detail = detail.substring(0, 117) + "...";
        }
        return c.tool() + (detail.isEmpty() ? "" : " " + detail.replace('\n', ' '))
                + (c.agentType() == null ? "" : "  [" + c.agentType() + "]");
    }
}
