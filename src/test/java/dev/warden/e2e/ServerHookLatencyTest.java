package dev.warden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.WardenProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Added latency per tool call of each Warden transport, measured in the real Claude Code CLI:
 * no hook; the embedded command hook ({@code warden hook claude}: a JVM per call, the whole
 * decision path in it); the thin command client to a server ({@code warden hook claude --server}:
 * a JVM per call, nothing but a socket in it); and Claude Code's http hook straight to the server.
 * Reported on stdout (surefire: {@code target/surefire-reports-packaged/...ServerHookLatencyTest-output.txt}),
 * never asserted beyond soundness: the machine is shared.
 *
 * <p>Per-call latency is the gap between consecutive main-conversation requests at the fake API
 * (see {@link ClaudeCodeHookLatencyTest}).
 */
@Tag("e2e")
class ServerHookLatencyTest {

    private static final int CALLS = 6;

    @TempDir Path tmp;

    @Test
    void eachTransportsAddedLatencyPerToolCall() throws Exception {
        ClaudeCli cli = ClaudeCli.locate();
        Path home = tmp.resolve("warden-home");
        try (FakeAnthropicApi api = FakeAnthropicApi.start();
                WardenServerProcess server = WardenServerProcess.start(home, tmp.resolve("server.log"))) {
            Map<String, ClaudeProject> projects = new LinkedHashMap<>();
            projects.put("no hook", cli.project(tmp.resolve("bare")));
            projects.put("embedded command hook", install(cli.project(tmp.resolve("embedded")), home, null, null));
            projects.put("command client -> server", install(cli.project(tmp.resolve("client")), home, server, "command"));
            projects.put("http hook -> server", install(cli.project(tmp.resolve("http")), home, server, "http"));
            for (ClaudeProject p : projects.values()) {
                p.env("WARDEN_AGENT_TOKEN", server.agentToken()).env("WARDEN_HOME", home.toString());
            }
            Map<String, List<Long>> gaps = new LinkedHashMap<>();
            projects.keySet().forEach(k -> gaps.put(k, new ArrayList<>()));
            for (int round = 0; round < 2; round++) {
                int i = 0;
                for (Map.Entry<String, ClaudeProject> e : projects.entrySet()) {
                    ClaudeRun run = e.getValue().run(api.script(calls("r" + round + "p" + (i++))), "go").requireClean();
                    for (int c = 0; c < CALLS; c++) {
                        assertThat(run.toolResult("toolu_r" + round + "p" + (i - 1) + "_" + c).isError()).as(run::diagnostics).isFalse();
                    }
                    gaps.get(e.getKey()).addAll(gaps(run));
                }
            }
            long bare = median(gaps.get("no hook"));
            for (Map.Entry<String, List<Long>> e : gaps.entrySet()) {
                assertThat(e.getValue()).hasSize(2 * CALLS);
                long m = median(e.getValue());
                System.out.printf("e2e latency: %-26s median per Bash call %.1f ms, added %.1f ms (n=%d)%n", e.getKey(), m / 1e6,
                        (m - bare) / 1e6, e.getValue().size());
            }
        }
    }

    private static ClaudeProject install(ClaudeProject p, Path home, WardenServerProcess server, String transport) {
        List<String> args = new ArrayList<>(List.of("install", "--project", p.dir().toString()));
        if (server != null) {
            args.addAll(List.of("--server", server.url().toString(), "--transport", transport));
        }
        WardenProcess.Result r = WardenProcess.run(Map.of("WARDEN_HOME", home.toString(), "HOME", p.home().toString()), p.dir(),
                new byte[0], args.toArray(String[]::new));
        assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
        return p;
    }

    private static Turn[] calls(String prefix) {
        Turn[] turns = new Turn[CALLS + 1];
        for (int i = 0; i < CALLS; i++) {
            turns[i] = Turn.bash("toolu_" + prefix + "_" + i, "echo " + i);
        }
        turns[CALLS] = Turn.text("done");
        return turns;
    }

    private static List<Long> gaps(ClaudeRun run) {
        List<ApiRequest> main = run.requests(ApiRequest.Kind.MAIN);
        List<Long> out = new ArrayList<>();
        for (int i = 1; i < main.size(); i++) {
            out.add(main.get(i).receivedNanos() - main.get(i - 1).receivedNanos());
        }
        return out;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
