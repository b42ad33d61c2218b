package dev.warden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures, in the real CLI, what a run and a command hook cost, and checks the measurement is
 * sound (every call ran, the hook saw every call). Timings are reported on stdout (surefire:
 * {@code target/surefire-reports/dev.warden.e2e.ClaudeCodeHookLatencyTest-output.txt}), never
 * asserted: the machine is shared.
 *
 * <p>Per-call latency is the gap between consecutive main-conversation requests at the fake
 * API: the CLI parsing the streamed turn, running PreToolUse hooks, running the tool, and
 * sending the next request. The fake answers at once, so the gap is all client-side.
 */
@Tag("e2e")
class ClaudeCodeHookLatencyTest {

    private static final int CALLS = 10;

    @TempDir Path tmp;

    @Test
    void aTrivialShCommandHookAddsAFewMillisecondsPerToolCall() throws IOException {
        ClaudeCli cli = ClaudeCli.locate();
        try (FakeAnthropicApi api = FakeAnthropicApi.start()) {
            ClaudeProject bare = cli.project(tmp.resolve("bare"));
            ClaudeProject hooked = cli.project(tmp.resolve("hooked"));
            // One process (cat) per call, like `cat > /dev/null`, but countable; echo is built in.
            Path log = tmp.resolve("hook.log");
            Path trivial = hooked.script("trivial", "cat >> '" + log + "'; echo >> '" + log + "'");
            hooked.settings(HookSettings.create()
                    .command("PreToolUse", "Bash", trivial.toString()).json());

            api.script(Turn.text("one turn"));
            ClaudeRun oneTurn = bare.run(api, "hi").requireClean();

            List<Long> bareGaps = new ArrayList<>();
            List<Long> hookedGaps = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                bareGaps.addAll(gaps(bare.run(api.script(calls("b" + round)), "go").requireClean()));
                hookedGaps.addAll(gaps(hooked.run(api.script(calls("h" + round)), "go").requireClean()));
            }

            assertThat(bareGaps).hasSize(2 * CALLS);
            assertThat(hookedGaps).hasSize(2 * CALLS);
            assertThat(Files.readAllLines(log)).filteredOn(l -> l.contains("\"PreToolUse\""))
                    .hasSize(2 * CALLS);
            long bareMedian = median(bareGaps);
            long hookedMedian = median(hookedGaps);
            System.out.printf("e2e latency: one-turn run wall %d ms%n", oneTurn.wallTime().toMillis());
            System.out.printf("e2e latency: per Bash call, median of %d: no hook %.1f ms, trivial sh "
                    + "PreToolUse hook %.1f ms, added %.1f ms%n", bareGaps.size(), bareMedian / 1e6,
                    hookedMedian / 1e6, (hookedMedian - bareMedian) / 1e6);
        }
    }

    private static Turn[] calls(String prefix) {
        Turn[] turns = new Turn[CALLS + 1];
        for (int i = 0; i < CALLS; i++) {
            turns[i] = Turn.bash("toolu_" + prefix + "_" + i, "echo " + i);
        }
        turns[CALLS] = Turn.text("done");
        return turns;
    }

    /** Nanoseconds between consecutive main-conversation requests: one per tool call. */
    private static List<Long> gaps(ClaudeRun run) {
        List<ApiRequest> main = run.requests(ApiRequest.Kind.MAIN);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < main.size(); i++) {
            gaps.add(main.get(i).receivedNanos() - main.get(i - 1).receivedNanos());
        }
        return gaps;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
