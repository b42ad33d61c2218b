package dev.warden.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code sh} command hook that saves each stdin payload it gets to its own file, then runs a
 * tail given by the test (print a decision, exit 2, ...). Made by
 * {@link ClaudeProject#recordingHook}.
 *
 * @param command the script's absolute path, to put in a settings file
 * @param log the folder of saved payloads, one file per call, named so they sort by time
 */
public record RecordingHook(Path command, Path log) {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** The raw stdin payloads, in the order the hook was called. */
    public List<String> rawPayloads() {
        if (!Files.isDirectory(log)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(log)) {
            List<String> out = new ArrayList<>();
            for (Path p : files.sorted().toList()) {
                out.add(Files.readString(p));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The payloads parsed as JSON, in call order; fails (AssertionError) if one is not JSON,
     * since the harness always sends JSON.
     */
    public List<JsonNode> payloads() {
        List<JsonNode> out = new ArrayList<>();
        for (String raw : rawPayloads()) {
            try {
                out.add(JSON.readTree(raw));
            } catch (RuntimeException e) {
                throw new AssertionError("hook stdin is not JSON: " + raw, e);
            }
        }
        return out;
    }

    /** The payloads of one hook event ({@code hook_event_name}), in call order. */
    public List<JsonNode> payloads(String event) {
        return payloads().stream()
                .filter(p -> event.equals(p.path("hook_event_name").asString("")))
                .toList();
    }
}
