package dev.warden.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One scripted model turn: either text, or one or more {@code tool_use} blocks (several blocks
 * in one turn are parallel tool calls). A turn with a tool_use ends with
 * {@code stop_reason: tool_use}, a text-only turn with {@code end_turn}.
 *
 * <p>An {@link #agent} turn carries the script of the subagent it starts: the fake API serves
 * those turns to the conversation whose first user message contains the agent's prompt, so the
 * prompt must be unique within one script.
 *
 * <pre>{@code
 * api.script(
 *     Turn.agent("toolu_a", "narrow", "SUB-1: list the files",
 *         Turn.bash("toolu_s", "ls"),
 *         Turn.text("sub done")),
 *     Turn.text("parent done"));
 * }</pre>
 *
 * @param blocks the content blocks, in order; never empty
 */
public record Turn(List<Block> blocks) {

    /** A content block of an assistant turn. */
    public sealed interface Block permits Text, ToolUse {}

    /** A text block. */
    public record Text(String text) implements Block {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A tool_use block.
     *
     * @param id the tool_use id, e.g. {@code toolu_01}; the tool_result refers to it
     * @param name the tool name as the CLI knows it ({@code Bash}, {@code Write}, {@code Agent})
     * @param input the tool input; values are anything Jackson can serialise
     * @param subagent for an {@code Agent} call, the subagent's own turns; empty otherwise
     */
    public record ToolUse(String id, String name, Map<String, ?> input, List<Turn> subagent)
            implements Block {
        public ToolUse {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            input = Collections.unmodifiableMap(new LinkedHashMap<>(input));
            subagent = List.copyOf(subagent);
        }
    }

    public Turn {
        blocks = List.copyOf(blocks);
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("a turn needs at least one block");
        }
    }

    /** A turn that answers with text and ends the conversation ({@code end_turn}). */
    public static Turn text(String text) {
        return new Turn(List.of(new Text(text)));
    }

    /** A turn with one tool call. */
    public static Turn tool(String id, String name, Map<String, ?> input) {
        return new Turn(List.of(new ToolUse(id, name, input, List.of())));
    }

    /** A turn with several tool calls at once (parallel tool use). */
    public static Turn tools(ToolUse... uses) {
        return new Turn(List.of(uses));
    }

    /** A tool_use block, for {@link #tools}. */
    public static ToolUse use(String id, String name, Map<String, ?> input) {
        return new ToolUse(id, name, input, List.of());
    }

    /** A turn with one {@code Bash} call. */
    public static Turn bash(String id, String command) {
        return tool(id, "Bash", bashInput(command));
    }

    /** A {@code Bash} tool_use block, for {@link #tools}. */
    public static ToolUse bashUse(String id, String command) {
        return use(id, "Bash", bashInput(command));
    }

    /** A turn with one {@code Write} call. */
    public static Turn write(String id, String filePath, String content) {
        return tool(id, "Write", Map.of("file_path", filePath, "content", content));
    }

    /**
     * A turn that starts a subagent in the foreground ({@code run_in_background: false}: the
     * parent waits, so hook events come in the order the README documents). The CLI 2.1.332
     * runs agents in the background by default; use {@link #agentInBackground} for that.
     *
     * @param id the tool_use id of the Agent call
     * @param subagentType e.g. {@code general-purpose}, or a project agent from
     *     {@code .claude/agents/<name>.md}
     * @param prompt the subagent's task; must be unique within the script (it identifies the
     *     subagent's conversation)
     * @param subagentTurns what the subagent's model says, in order
     */
    public static Turn agent(String id, String subagentType, String prompt, Turn... subagentTurns) {
        return agent(id, subagentType, prompt, false, subagentTurns);
    }

    /** Like {@link #agent} but with the CLI's default, a background agent. */
    public static Turn agentInBackground(String id, String subagentType, String prompt,
            Turn... subagentTurns) {
        return agent(id, subagentType, prompt, true, subagentTurns);
    }

    private static Turn agent(String id, String subagentType, String prompt, boolean background,
            Turn... subagentTurns) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("description", "scripted " + subagentType + " task");
        input.put("prompt", prompt);
        input.put("subagent_type", subagentType);
        if (!background) {
            input.put("run_in_background", false);
        }
        return new Turn(List.of(new ToolUse(id, "Agent", input, List.of(subagentTurns))));
    }

    /** The tool_use blocks of this turn. */
    public List<ToolUse> toolUses() {
        List<ToolUse> uses = new ArrayList<>();
        for (Block b : blocks) {
            if (b instanceof ToolUse u) {
                uses.add(u);
            }
        }
        return uses;
    }

    private static Map<String, Object> bashInput(String command) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("command", command);
        input.put("description", "scripted command");
        return input;
    }
}
