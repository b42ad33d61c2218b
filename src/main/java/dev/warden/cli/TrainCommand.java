package dev.warden.cli;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Hidden: exercises the hook path on typical events so the launcher can record which classes
 * a hook process loads into a class-data-sharing / AOT cache (the hook's start-up cost). Run by
 * {@code ./warden build} and {@code ./warden warmup} with a throw-away WARDEN_HOME.
 */
@Command(name = "__train", hidden = true, description = "Exercise the hook path (for the start-up cache).")
final class TrainCommand implements Callable<Integer> {

    static final List<String> EVENTS = List.of(
            "{\"session_id\":\"train\",\"cwd\":\"/tmp\",\"hook_event_name\":\"SessionStart\",\"source\":\"startup\"}",
            "{\"session_id\":\"train\",\"cwd\":\"/tmp\",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\","
                    + "\"tool_input\":{\"command\":\"git status && ls -la | head\"},\"tool_use_id\":\"t1\"}",
            "{\"session_id\":\"train\",\"cwd\":\"/tmp\",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\","
                    + "\"tool_input\":{\"command\":\"sudo env X=1 bash -c 'git push -f origin main'; rm -rf ~/\"},\"tool_use_id\":\"t2\"}",
            "{\"session_id\":\"train\",\"cwd\":\"/tmp\",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Read\","
                    + "\"tool_input\":{\"file_path\":\"/tmp/x.txt\"},\"tool_use_id\":\"t3\"}",
            "{\"session_id\":\"train\",\"cwd\":\"/tmp\",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Edit\","
                    + "\"tool_input\":{\"file_path\":\"/tmp/x.txt\",\"old_string\":\"a\",\"new_string\":\"b\"},\"tool_use_id\":\"t4\"}",
            "{\"session_id\":\"train\",\"cwd\":\"/tmp\",\"agent_id\":\"a1\",\"agent_type\":\"general-purpose\","
                    + "\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"WebFetch\",\"tool_input\":{\"url\":\"https://example.com/\"}}",
            "{\"session_id\":\"train\",\"cwd\":\"/tmp\",\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Bash\","
                    + "\"tool_input\":{\"command\":\"ls\"},\"tool_response\":{\"stdout\":\"a\\nb\",\"stderr\":\"\"},\"tool_use_id\":\"t1\",\"duration_ms\":5}",
            "{\"session_id\":\"train\",\"cwd\":\"/tmp\",\"hook_event_name\":\"Stop\"}");

    @Override
    public Integer call() {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        for (String e : EVENTS) {
            HookCommand.runClaude(new ByteArrayInputStream(e.getBytes(StandardCharsets.UTF_8)), sink, sink);
        }
        return ExitCodes.OK;
    }
}
