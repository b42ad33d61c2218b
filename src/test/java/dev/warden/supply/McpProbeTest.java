package dev.warden.supply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probing real MCP servers over stdio and streamable HTTP, and surviving hostile ones. */
class McpProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir Path dir;

    private Machine machine() {
        return TestServers.machine(dir, dir);
    }

    @Test
    void listsTheToolsOfTheRealEverythingServer() {
        McpProbe.Result r = McpProbe.probe(TestServers.everything(), machine(), TIMEOUT);
        assertThat(r.error()).isNull();
        assertThat(r.tools()).extracting(McpProbe.Tool::name).contains("echo", "get-sum");
        assertThat(r.serverName()).isNotEmpty();
    }

    @Test
    void listsTheToolsOfTheRealFilesystemServer() {
        McpProbe.Result r = McpProbe.probe(TestServers.filesystem(dir), machine(), TIMEOUT);
        assertThat(r.error()).isNull();
        assertThat(r.tools()).extracting(McpProbe.Tool::name).contains("read_text_file", "write_file", "list_directory");
        McpProbe.Tool read = r.tools().stream().filter(t -> t.name().equals("read_text_file")).findFirst().orElseThrow();
        assertThat(read.inputSchema()).containsKey("properties");
    }

    @Test
    void listsTheToolsOfTheProjectsOwnSdkServer() throws Exception {
        Path desc = dir.resolve("tools.txt");
        Files.writeString(desc, "Looks up a word in the dictionary.\n");
        McpProbe.Result r = McpProbe.probe(TestServers.mutable("dict", desc), machine(), TIMEOUT);
        assertThat(r.error()).isNull();
        assertThat(r.tools()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("lookup");
            assertThat(t.description()).isEqualTo("Looks up a word in the dictionary.");
        });
    }

    @Test
    void listsTheToolsOfTheEverythingServerOverStreamableHttp() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(TestServers.node(), TestServers.script("server-everything").toString(),
                "streamableHttp").redirectErrorStream(true).redirectOutput(dir.resolve("http.log").toFile());
        pb.environment().put("PORT", Integer.toString(port));
        Process server = pb.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!Files.readString(dir.resolve("http.log")).contains("listening") && System.nanoTime() < deadline) {
                assertThat(server.isAlive()).as("server started: " + Files.readString(dir.resolve("http.log"))).isTrue();
                Thread.sleep(100);
            }
            Item.McpServer remote = new Item.McpServer("everything-http", "claude-code", "project", "test", "http", null,
                    List.of(), Map.of(), "http://127.0.0.1:" + port + "/mcp", Map.of("X-Trace", "${TRACE:-probe}"), true);
            McpProbe.Result r = McpProbe.probe(remote, machine(), TIMEOUT);
            assertThat(r.error()).isNull();
            assertThat(r.tools()).extracting(McpProbe.Tool::name).contains("echo", "get-sum");
            McpProbe.Result stdio = McpProbe.probe(TestServers.everything(), machine(), TIMEOUT);
            assertThat(Identity.toolsDigest(r.tools())).as("same tools over both transports")
                    .isEqualTo(Identity.toolsDigest(stdio.tools()));
        } finally {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        }
    }

    @Test
    void anHttpServerThatIsNotThereIsReported() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Item.McpServer remote = new Item.McpServer("gone", "claude-code", "project", "test", "http", null,
                List.of(), Map.of(), "http://127.0.0.1:" + port + "/mcp", Map.of(), true);
        McpProbe.Result r = McpProbe.probe(remote, machine(), Duration.ofSeconds(5));
        assertThat(r.error()).contains("ConnectException");
        assertThat(r.millis()).isLessThan(8000);
    }

    @Test
    void followsPagination() {
        McpProbe.Result r = McpProbe.probe(scripted("paged"), machine(), TIMEOUT);
        assertThat(r.error()).isNull();
        assertThat(r.tools()).extracting(McpProbe.Tool::name)
                .containsExactly("page0_a", "page0_b", "page1_a", "page1_b", "page2_a", "page2_b");
    }

    @Test
    void aServerThatHangsIsReportedWithinTheTimeoutAndItsChildrenAreStopped() throws Exception {
        Item.McpServer hang = TestServers.shell("hang", "hang.sh", dir);
        long before = ProcessHandle.current().descendants().count();
        McpProbe.Result r = McpProbe.probe(hang, machine(), Duration.ofSeconds(2));
        assertThat(r.error()).contains("no answer within 2 s");
        assertThat(r.millis()).isLessThan(6000);
        Thread.sleep(300);
        assertThat(ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("").contains("sleep 600")))
                .isEmpty();
        assertThat(ProcessHandle.current().descendants().count()).isLessThanOrEqualTo(before);
    }

    @Test
    void aServerThatCrashesIsReportedAtOnceWithItsExitCodeAndStderr() throws Exception {
        McpProbe.Result r = McpProbe.probe(TestServers.shell("crash", "crash.sh", dir), machine(), TIMEOUT);
        assertThat(r.error()).contains("exited with code 3").contains("config file /etc/example-server.yaml not found");
        assertThat(r.millis()).isLessThan(5000);
    }

    @Test
    void aServerThatSpeaksGarbageIsReportedAtOnce() throws Exception {
        McpProbe.Result r = McpProbe.probe(TestServers.shell("garbage", "garbage.sh", dir), machine(), TIMEOUT);
        assertThat(r.error()).contains("not MCP JSON-RPC").contains("Welcome to the example server");
        assertThat(r.millis()).isLessThan(5000);
    }

    @Test
    void aProgramThatDoesNotExistIsReported() {
        McpProbe.Result r = McpProbe.probe(TestServers.stdio("ghost", "/nonexistent/mcp-server", List.of(), Map.of()),
                machine(), TIMEOUT);
        assertThat(r.error()).contains("cannot start '/nonexistent/mcp-server'");
    }

    @Test
    void aHugeToolListIsRefused() {
        McpProbe.Result r = McpProbe.probe(scripted("huge-list"), machine(), TIMEOUT);
        assertThat(r.error()).contains("more than " + McpProbe.MAX_TOOLS + " tools");
    }

    @Test
    void endlessPaginationIsCutOff() {
        McpProbe.Result r = McpProbe.probe(scripted("endless-pages"), machine(), TIMEOUT);
        assertThat(r.error()).contains("did not end after " + McpProbe.MAX_PAGES + " pages");
    }

    @Test
    void anOversizedMessageIsRefused() {
        McpProbe.Result r = McpProbe.probe(scripted("huge-message"), machine(), TIMEOUT);
        assertThat(r.error()).contains("larger than 8 MiB");
    }

    @Test
    void aToolListedTwiceIsRefused() {
        McpProbe.Result r = McpProbe.probe(scripted("duplicate-tools"), machine(), TIMEOUT);
        assertThat(r.error()).contains("lists tool 'same' twice");
    }

    @Test
    void theServerGetsOnlyPathHomeAndItsConfiguredVariables() throws Exception {
        Path script = dir.resolve("env.sh");
        Path dump = dir.resolve("env.txt");
        Files.writeString(script, "#!/bin/sh\nenv > '" + dump + "'\nexit 1\n");
        Machine m = new Machine(dir, dir, Map.of("PATH", "/usr/bin:/bin", "HOME", dir.toString(),
                "GITHUB_TOKEN", "ghp_callerSecretValue1234567890", "API_BASE", "https://example.test"), List.of());
        Item.McpServer s = TestServers.stdio("envcheck", "/bin/sh", List.of(script.toString()),
                Map.of("BASE", "${API_BASE}/v1", "MODE", "${MODE:-safe}"));
        McpProbe.probe(s, m, TIMEOUT);
        String env = Files.readString(dump);
        assertThat(env).contains("BASE=https://example.test/v1").contains("MODE=safe").contains("PATH=/usr/bin:/bin");
        assertThat(env).doesNotContain("ghp_callerSecretValue").doesNotContain("GITHUB_TOKEN");
    }

    private Item.McpServer scripted(String mode) {
        List<String> args = new java.util.ArrayList<>(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), ScriptedServer.class.getName(), mode));
        return TestServers.stdio("scripted-" + mode, TestServers.javaBin(), args, Map.of());
    }
}
