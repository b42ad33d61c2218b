package dev.warden.supply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad configuration is reported per file, with a message that quotes no content, and the scan goes on. */
class MalformedConfigTest {

    @TempDir Path project;
    @TempDir Path home;

    @Test
    void everyBadFileIsReportedAndTheRestIsStillFound() throws Exception {
        Files.createDirectories(home.resolve(".claude/agents"));
        Files.createDirectories(home.resolve(".cursor"));
        Files.createDirectories(project.resolve(".claude/skills/broken"));
        Files.createDirectories(project.resolve(".claude/settings.local.json")); // a folder where a file belongs
        Files.writeString(home.resolve(".claude.json"), "{\"mcpServers\": {\"a\": {\"command\": \"x\", \"env\": {\"T\": \"PLANTEDq8Wm3Zx7Lp2Vn5Kr9\"}");
        Files.writeString(home.resolve(".claude/settings.json"), "");
        Files.writeString(project.resolve(".claude/settings.json"), "[1, 2, 3]");
        Files.writeString(project.resolve(".mcp.json"), """
                {"mcpServers": {
                  "good": {"command": "node", "args": ["server.js"]},
                  "nothing": {"env": {"A": "b"}},
                  "badargs": {"command": "node", "args": "server.js"},
                  "notobject": 42
                }}""");
        Files.writeString(home.resolve(".cursor/mcp.json"), "{\"mcpServers\": [\"a\", \"b\"]}");
        Files.writeString(home.resolve(".claude/agents/bad.md"), "---\nname: [unclosed\ntools: Read\n---\nbody\n");
        Files.writeString(home.resolve(".claude/agents/endless.md"), "---\nname: endless\n");
        Files.write(project.resolve(".claude/skills/broken/SKILL.md"), new byte[] {(byte) 0xC3, (byte) 0x28, 0x0A});
        Path huge = home.resolve(".codeium/windsurf/mcp_config.json");
        Files.createDirectories(huge.getParent());
        Files.writeString(huge, "{\"mcpServers\": {\"x\": {\"serverUrl\": \"" + "a".repeat((int) Json.MAX_CONFIG_BYTES) + "\"}}}");

        Inventory inv = Inventory.scan(new Machine(project, home, Map.of("PATH", "/bin"), List.of()));

        assertThat(inv.of(Item.McpServer.class)).extracting(Item.McpServer::name).containsExactly("good");
        assertThat(inv.of(Item.ConfigError.class)).extracting(e -> Path.of(e.location()).getFileName() + ": " + e.message())
                .contains(
                        ".claude.json: not valid JSON at line 1, column 79",
                        "settings.json: empty file",
                        "settings.json: settings file is not a JSON object",
                        "settings.local.json: not a regular file",
                        ".mcp.json: MCP server 'nothing' has neither a command nor a url",
                        ".mcp.json: MCP server 'badargs': args is not a list",
                        ".mcp.json: MCP server 'notobject' is not an object",
                        "mcp.json: the MCP server list is not an object",
                        "SKILL.md: cannot read as UTF-8 text (MalformedInputException)",
                        "mcp_config.json: too large to be a configuration file (" + (Json.MAX_CONFIG_BYTES + 40) + " bytes)");
        assertThat(inv.flags()).filteredOn(f -> f.finding().id().equals(Scanner.MALFORMED)).hasSizeGreaterThanOrEqualTo(10);
        assertThat(inv.of(Item.Subagent.class)).extracting(Item.Subagent::name).contains("bad", "endless");
        assertThat(inv.flagsOf("agent:user/bad")).anySatisfy(f -> assertThat(f.finding().message()).contains("not valid YAML"));
        assertThat(inv.flagsOf("agent:user/endless")).anySatisfy(f -> assertThat(f.finding().message()).contains("never ends"));
        for (Reports.Format f : Reports.Format.values()) {
            assertThat(Reports.inventory(inv, f)).doesNotContain("PLANTED").doesNotContain("aaaaaaaaaa");
        }
    }

    @Test
    void aHostileYamlFrontmatterIsRefusedNotExpanded() {
        String bomb = "---\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n"
                + "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\nbody\n";
        Frontmatter fm = Frontmatter.parse(bomb);
        assertThat(fm.error()).isNotNull();
        assertThat(fm.body()).isEqualTo("body\n");
    }
}
