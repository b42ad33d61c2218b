package dev.warden.supply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The inventory over a fixture machine with every configuration location populated
 * (src/test/resources/supply/fixture): each item is found, each risk flagged, and no planted
 * secret value (every one contains {@code PLANTED}) appears in any output format.
 */
class InventoryTest {

    @TempDir Path tmp;
    private Path home;
    private Path project;
    private Path managed;
    private Inventory inv;

    @BeforeEach
    void copyFixture() throws Exception {
        Path root = tmp.resolve("fixture");
        copyTree(fixture(), root);
        home = root.resolve("home");
        project = root.resolve("project");
        managed = root.resolve("managed");
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).toList()) {
                String text = Files.readString(f);
                Files.writeString(f, text.replace("@PROJECT@", project.toString()).replace("@HOME@", home.toString()));
            }
        }
        inv = Inventory.scan(machine());
    }

    private Machine machine() {
        return new Machine(project, home, Map.of("PATH", "/usr/bin:/bin", "HOME", home.toString(),
                "GITHUB_TOKEN", "ghp_PLANTEDenv5Tt9Yy3Uu7Ii1Oo4Pp8", "AWS_SECRET_ACCESS_KEY", "PLANTEDenvAws",
                "EDITOR", "vim"), List.of(managed));
    }

    @Test
    void findsEveryClaudeCodeSettingsLayerWithItsRules() {
        assertThat(inv.of(Item.Settings.class)).extracting(Item.Settings::scope)
                .containsExactly("managed", "managed", "user", "project", "local");
        Item.Settings user = inv.of(Item.Settings.class).get(2);
        assertThat(user.allow()).containsExactly("Bash(*)", "Read", "mcp__github");
        assertThat(user.envNames()).containsExactly("EDITOR", "OPENAI_API_KEY");
        Item.Settings proj = inv.of(Item.Settings.class).get(3);
        assertThat(proj.defaultMode()).isEqualTo("bypassPermissions");
        assertThat(proj.runs()).containsExactly("apiKeyHelper", "statusLine");
        assertThat(inv.of(Item.Settings.class).get(1).deny()).containsExactly("Read(~/.ssh/**)");
    }

    @Test
    void findsHooksOfEveryLayerAndPlugin() {
        assertThat(inv.of(Item.Hook.class)).extracting(h -> h.scope() + ":" + h.event())
                .containsExactly("managed:PreToolUse", "user:PostToolUse", "project:SessionStart",
                        "plugin:formatter@acme-tools:PostToolUse");
    }

    @Test
    void findsMcpServersInEveryLocation() {
        assertThat(inv.of(Item.McpServer.class)).extracting(s -> s.client() + "/" + s.scope() + "/" + s.name())
                .containsExactlyInAnyOrder(
                        "claude-code/user/github", "claude-code/user/shared-docs", "claude-code/local/local-db",
                        "claude-code/project/parent-notes", "claude-code/project/linear", "claude-code/project/pinned",
                        "claude-code/project/sentry", "claude-code/managed/company-kb",
                        "claude-code/plugin:formatter@acme-tools/plugin_formatter_fmt",
                        "cursor/cursor-user/browser", "cursor/cursor-project/figma",
                        "vscode/vscode-user/jira", "vscode/vscode-user/time", "vscode/vscode-project/playwright",
                        "claude-desktop/claude-desktop/aws", "claude-desktop/claude-desktop/mac-notes",
                        "windsurf/windsurf/search");
        Item.McpServer parent = server("parent-notes");
        assertThat(parent.location()).isEqualTo(project.getParent().resolve(".mcp.json").toString());
        assertThat(server("jira").transport()).isEqualTo("http");
        assertThat(server("search").url()).startsWith("https://search.example/mcp");
    }

    @Test
    void aManagedMcpFileTakesExclusiveControlOfClaudeCodeServers() {
        assertThat(inv.claudeServers()).extracting(Item.McpServer::name)
                .containsExactlyInAnyOrder("company-kb", "plugin_formatter_fmt");
        assertThat(server("linear").id()).isEqualTo("mcp:linear@project");
        assertThat(flagIds("mcp:linear@project")).contains(Scanner.SHADOWED);
    }

    @Test
    void findsSubagentsSkillsPluginsAndMarketplaces() {
        assertThat(inv.of(Item.Subagent.class)).extracting(Item::id)
                .containsExactly("agent:project/deployer", "agent:user/reviewer", "agent:plugin:formatter@acme-tools/fmt-agent");
        assertThat(inv.of(Item.Subagent.class).get(1).tools()).containsExactly("Read", "Grep", "Glob");
        assertThat(inv.of(Item.Subagent.class).get(1).model()).isEqualTo("sonnet");
        assertThat(inv.of(Item.Skill.class)).extracting(Item::id)
                .containsExactly("skill:project/deploy", "skill:user/notes", "skill:plugin:formatter@acme-tools/fmt");
        assertThat(inv.of(Item.Skill.class).get(2).allowedTools()).containsExactly("Bash(prettier:*)");
        assertThat(inv.of(Item.Plugin.class)).singleElement().satisfies(p -> {
            assertThat(p.pluginId()).isEqualTo("formatter@acme-tools");
            assertThat(p.enabled()).isTrue();
            assertThat(p.version()).isEqualTo("1.2.0");
            assertThat(p.source()).isEqualTo("github:acme/claude-plugins");
        });
        assertThat(inv.of(Item.Marketplace.class)).extracting(Item::id)
                .containsExactly("marketplace:acme-tools@user", "marketplace:acme-tools@known");
    }

    @Test
    void findsCredentialsByNameAndLocationOnly() {
        assertThat(inv.of(Item.Credential.class)).extracting(Item.Credential::name).contains(
                "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN",
                home.resolve(".aws/credentials").toString(), home.resolve(".ssh/id_ed25519").toString(),
                home.resolve(".kube/config").toString(), home.resolve(".config/gh/hosts.yml").toString(),
                home.resolve(".npmrc").toString(), home.resolve(".docker/config.json").toString(),
                home.resolve(".netrc").toString(), project.resolve(".env").toString(),
                project.resolve("config/service-account.json").toString());
        assertThat(inv.of(Item.Credential.class)).extracting(Item.Credential::name)
                .doesNotContain("EDITOR", home.resolve(".ssh/id_ed25519.pub").toString());
    }

    @Test
    void flagsUnpinnedLaunches() {
        assertThat(flagIds("mcp:github@user")).contains(Pinning.NPX);
        assertThat(flagIds("mcp:linear@project")).contains(Pinning.LATEST);
        assertThat(flagIds("cursor:mcp:browser@cursor-user")).contains(Pinning.LATEST);
        assertThat(flagIds("vscode:mcp:playwright@vscode-project")).contains(Pinning.NPX);
        assertThat(flagIds("mcp:shared-docs@user")).contains(Pinning.UVX);
        assertThat(flagIds("claude-desktop:mcp:mac-notes@claude-desktop")).contains(Pinning.UVX);
        assertThat(flagIds("mcp:local-db@local")).contains(Pinning.IMAGE);
        assertThat(flagIds("claude-desktop:mcp:aws@claude-desktop")).contains(Pinning.IMAGE);
        assertThat(flagIds("plugin:formatter@acme-tools")).contains(Pinning.PLUGIN);
        assertThat(flagIds("marketplace:acme-tools@user")).contains(Scanner.MARKETPLACE);
        assertThat(flagIds("mcp:pinned@project")).doesNotContain(Pinning.NPX, Pinning.LATEST);
        assertThat(flagIds("mcp:parent-notes@project")).doesNotContain(Pinning.NPX, Pinning.LATEST);
        assertThat(flagIds("vscode:mcp:time@vscode-user")).doesNotContain(Pinning.UVX, Scanner.SECRET);
        assertThat(server("time").summary()).isEqualTo("uvx mcp-server-time==0.6.2");
    }

    @Test
    void flagsBroadGrants() {
        assertThat(flagIds(settingsId("user"))).contains(Scanner.BROAD);
        assertThat(flagIds(settingsId("local"))).contains(Scanner.BROAD);
        assertThat(flagIds(settingsId("project"))).contains(Scanner.BYPASS);
        assertThat(flagIds("skill:user/notes")).contains(Scanner.BROAD);
        assertThat(flagIds("skill:project/deploy")).contains(Scanner.BROAD);
        assertThat(flagIds("agent:project/deployer")).contains(Scanner.BROAD);
        assertThat(flagIds("agent:user/reviewer")).doesNotContain(Scanner.BROAD);
    }

    @Test
    void flagsSecretsInlineByNameOnly() {
        assertThat(flagIds("mcp:github@user")).contains(Scanner.SECRET);
        assertThat(flagIds("mcp:sentry@project")).contains(Scanner.SECRET);
        assertThat(flagIds("mcp:local-db@local")).contains(Scanner.SECRET);
        assertThat(flagIds("vscode:mcp:jira@vscode-user")).contains(Scanner.SECRET);
        assertThat(flagIds("claude-desktop:mcp:aws@claude-desktop")).contains(Scanner.SECRET);
        assertThat(flagIds("windsurf:mcp:search@windsurf")).contains(Scanner.SECRET);
        assertThat(flagIds(settingsId("user"))).contains(Scanner.SECRET);
        assertThat(flagIds("mcp:linear@project")).as("${VAR} references are not inline secrets").doesNotContain(Scanner.SECRET);
        assertThat(inv.flags()).filteredOn(f -> f.finding().id().equals(Scanner.SECRET)).isNotEmpty()
                .allSatisfy(f -> assertThat(f.finding().message() + f.finding().evidence()).doesNotContain("PLANTED"));
        assertThat(inv.flags()).anySatisfy(f -> assertThat(f.finding().message()).contains("GITHUB_PERSONAL_ACCESS_TOKEN"));
    }

    @Test
    void flagsProjectConfigurationThatRunsCodeOnOpen() {
        assertThat(inv.flags()).filteredOn(f -> f.finding().id().equals(Scanner.ON_OPEN))
                .extracting(f -> f.finding().message())
                .anyMatch(m -> m.contains("apiKeyHelper"))
                .anyMatch(m -> m.contains("statusLine"))
                .anyMatch(m -> m.contains("enableAllProjectMcpServers"))
                .anyMatch(m -> m.contains("project hook on SessionStart"));
        assertThat(flagIds("hook:user/PostToolUse/0")).doesNotContain(Scanner.ON_OPEN);
    }

    @Test
    void flagsHiddenInstructionsAndInvisibleCharactersInSkillsAndSubagents() {
        assertThat(flagIds("agent:project/deployer")).contains(TextChecks.HIDDEN);
        assertThat(flagIds("skill:project/deploy")).contains(TextChecks.INVISIBLE);
        assertThat(flagIds("agent:user/reviewer")).doesNotContain(TextChecks.HIDDEN, TextChecks.INVISIBLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"table", "json", "markdown"})
    void noOutputFormatPrintsASecretValue(String format) {
        String out = cli("inventory", project.toString(), "--home", home.toString(), "--managed-dir", managed.toString(),
                "--format", format);
        assertThat(out).doesNotContain("PLANTED");
        assertThat(out).contains("github").contains("GITHUB_PERSONAL_ACCESS_TOKEN").contains("supply.inline-secret")
                .contains(".aws/credentials").contains("supply.unpinned-latest");
    }

    @Test
    void theRenderersNeverPrintPlantedValuesEvenWithTheRealEnvironmentNames() {
        for (Reports.Format f : Reports.Format.values()) {
            assertThat(Reports.inventory(inv, f)).doesNotContain("PLANTED");
        }
        assertThat(Reports.inventory(inv, Reports.Format.JSON)).contains("\"kind\" : \"mcp-server\"");
    }

    private String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).doesNotContain("PLANTED");
        return out.toString();
    }

    private Item.McpServer server(String name) {
        return inv.of(Item.McpServer.class).stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private String settingsId(String scope) {
        return inv.of(Item.Settings.class).stream().filter(s -> s.scope().equals(scope)).findFirst().orElseThrow().id();
    }

    private List<String> flagIds(String itemId) {
        assertThat(inv.items()).as("item " + itemId).anyMatch(i -> i.id().equals(itemId));
        return inv.flagsOf(itemId).stream().map(f -> f.finding().id()).toList();
    }

    static Path fixture() throws URISyntaxException {
        return Path.of(InventoryTest.class.getResource("/supply/fixture").toURI());
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.write(t, Files.readAllBytes(p));
                }
            }
        }
        assertThat(Files.readString(to.resolve("home/.claude/settings.json"), StandardCharsets.UTF_8)).contains("hooks");
    }
}
