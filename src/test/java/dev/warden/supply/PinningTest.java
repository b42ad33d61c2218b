package dev.warden.supply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.call.Finding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pinning checks on MCP server launch lines. */
class PinningTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "npx | -y @modelcontextprotocol/server-github                 | supply.unpinned-npx",
            "npx | -y @modelcontextprotocol/server-github@latest          | supply.unpinned-latest",
            "npx | -y server@^1.2.0                                       | supply.unpinned-npx",
            "npx | --yes -p @acme/tool@1 acme-tool                        | supply.unpinned-npx",
            "npx | -y github:acme/mcp                                     | supply.unpinned-npx",
            "npx | -y @modelcontextprotocol/server-github@2025.4.8        | ",
            "npx | -y -p @acme/tool@1.2.3 acme-tool                       | ",
            "pnpm | dlx mcp-thing                                         | supply.unpinned-npx",
            "uvx | mcp-server-git                                         | supply.unpinned-uvx",
            "uvx | mcp-server-git@latest                                  | supply.unpinned-uvx",
            "uvx | mcp-server-git==0.6.2                                  | ",
            "uvx | --from mcp-server-git==0.6.2 mcp-server-git            | ",
            "uv  | tool run mcp-server-fetch                              | supply.unpinned-uvx",
            "docker | run -i --rm -e TOKEN ghcr.io/acme/mcp:1.0           | supply.unpinned-image",
            "docker | run -i --rm mcp/fetch                               | supply.unpinned-image",
            "docker | run -i --rm mcp/fetch@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | ",
            "node | /opt/servers/fs/index.js                              | "})
    void launchLines(String command, String args, String expected) {
        Item.McpServer s = TestServers.stdio("x", command, List.of(args.trim().split("\\s+")), Map.of());
        List<String> ids = Pinning.check(s).stream().map(Finding::id).toList();
        if (expected == null) {
            assertThat(ids).isEmpty();
        } else {
            assertThat(ids).containsExactly(expected);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "npx | -y @modelcontextprotocol/server-github@2025.4.8 | npm:@modelcontextprotocol/server-github@2025.4.8",
            "uvx | mcp-server-git==0.6.2                           | pypi:mcp-server-git@0.6.2"})
    void theExactPinIsThePackageIdentity(String command, String args, String pkg) {
        Item.McpServer s = TestServers.stdio("x", command, List.of(args.trim().split("\\s+")), Map.of());
        assertThat(Identity.packageOf(s, TestServers.machine(java.nio.file.Path.of("/tmp"), java.nio.file.Path.of("/tmp"))))
                .contains(pkg);
    }
}
