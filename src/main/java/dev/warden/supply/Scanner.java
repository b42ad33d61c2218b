package dev.warden.supply;

import dev.warden.call.Finding;
import dev.warden.call.Severity;
import dev.warden.call.WardenException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Walks every configuration location agents read and turns what it finds into {@link Item}s and
 * {@link Flag}s.
 *
 * <p>Design note: the scan never stops at a bad file. Every file is read through {@link #json}
 * or {@link #text}, which turn a problem into a {@link Item.ConfigError} (with a finding, so
 * "could not analyse" is never silent) and let the scan go on. Values from configuration (env,
 * headers) are kept on the {@link Item.McpServer} records only for launching probes; they are
 * never rendered. Locations follow Claude Code's documented layout (settings layers, {@code .mcp.json},
 * {@code ~/.claude.json}, {@code managed-mcp.json}, plugins under {@code ~/.claude/plugins}) and the
 * MCP configuration files of Cursor, VS Code, Claude Desktop and Windsurf.
 */
final class Scanner {

    static final String MALFORMED = "supply.config-malformed";
    static final String BROAD = "supply.broad-grant";
    static final String BYPASS = "supply.bypass-permissions";
    static final String SECRET = "supply.inline-secret";
    static final String ON_OPEN = "supply.runs-on-open";
    static final String MARKETPLACE = "supply.unpinned-marketplace";
    static final String SHADOWED = "supply.mcp-shadowed";

    private static final long MAX_TEXT_BYTES = 4L << 20;
    private static final int MAX_PROJECT_ENTRIES = 50_000;
    private static final Set<String> SKIP_DIRS = Set.of(".git", "node_modules", "target", "build", "dist", ".venv",
            "venv", "vendor", ".gradle", ".idea", "__pycache__", ".tox", ".cache", ".next", ".m2");

    private final Machine m;
    private final Consumer<String> progress;
    private final boolean everything;
    private final List<Item> items = new ArrayList<>();
    private final List<Flag> flags = new ArrayList<>();
    /** Installed plugin id -> install folder, for plugin-provided servers, skills, agents, hooks. */
    private final Map<String, Path> pluginRoots = new TreeMap<>();

    /**
     * @param everything false for the fast session-start scan: Claude Code's reach only, no other
     *                   clients and no credentials
     */
    Scanner(Machine machine, Consumer<String> progress, boolean everything) {
        this.m = machine;
        this.progress = progress;
        this.everything = everything;
    }

    Inventory scan() {
        progress.accept("settings");
        settingsLayers();
        progress.accept("MCP servers");
        claudeMcp();
        progress.accept("plugins");
        plugins();
        progress.accept("subagents and skills");
        agentsAndSkills(m.projectDir().resolve(".claude"), "project");
        agentsAndSkills(m.home().resolve(".claude"), "user");
        for (Map.Entry<String, Path> p : pluginRoots.entrySet()) {
            agentsAndSkills(p.getValue(), "plugin:" + p.getKey());
        }
        resolveClaudePrecedence();
        if (everything) {
            progress.accept("other clients");
            otherClients();
            progress.accept("credentials");
            credentials();
        }
        progress.accept("done: " + items.size() + " items, " + flags.size() + " findings");
        return new Inventory(m, items, flags);
    }

    // ---------------------------------------------------------------- settings layers

    private void settingsLayers() {
        for (Path dir : m.managedDirs()) {
            settingsFile(dir.resolve("managed-settings.json"), "managed");
            Path dropIns = dir.resolve("managed-settings.d");
            for (Path f : list(dropIns)) {
                String n = f.getFileName().toString();
                if (n.endsWith(".json") && !n.startsWith(".")) {
                    settingsFile(f, "managed");
                }
            }
        }
        settingsFile(m.home().resolve(".claude/settings.json"), "user");
        settingsFile(m.projectDir().resolve(".claude/settings.json"), "project");
        settingsFile(m.projectDir().resolve(".claude/settings.local.json"), "local");
    }

    private void settingsFile(Path file, String scope) {
        JsonNode root = json(file, scope);
        if (root == null) {
            return;
        }
        if (!root.isObject()) {
            error(file, scope, "settings file is not a JSON object");
            return;
        }
        JsonNode perms = root.path("permissions");
        List<String> allow = strings(perms.path("allow"));
        List<String> ask = strings(perms.path("ask"));
        List<String> deny = strings(perms.path("deny"));
        String mode = perms.path("defaultMode").asString("");
        List<String> envNames = new ArrayList<>();
        JsonNode env = root.path("env");
        if (env.isObject()) {
            envNames.addAll(new java.util.TreeSet<>(env.propertyNames()));
        }
        List<String> runs = new ArrayList<>();
        for (String key : List.of("apiKeyHelper", "awsAuthRefresh", "awsCredentialExport", "otelHeadersHelper")) {
            if (root.path(key).isString() && !root.path(key).asString().isBlank()) {
                runs.add(key);
            }
        }
        if (root.path("statusLine").path("command").isString()) {
            runs.add("statusLine");
        }
        Item.Settings s = new Item.Settings(scope, file.toString(), allow, ask, deny, mode, envNames, runs);
        items.add(s);

        for (String rule : allow) {
            if (isBroadBash(rule) || rule.equals("*")) {
                flag(s, new Finding(BROAD, Severity.MEDIUM, scope + " settings allow '" + rule
                        + "': every shell command runs without a prompt", file.toString(),
                        "allow specific commands instead, e.g. Bash(npm test:*)"));
            }
        }
        if (mode.equals("bypassPermissions")) {
            flag(s, new Finding(BYPASS, Severity.HIGH, scope + " settings set defaultMode bypassPermissions: "
                    + "no permission prompt at all", file.toString(), "use defaultMode default or acceptEdits"));
        }
        if (env.isObject()) {
            for (Map.Entry<String, JsonNode> e : env.properties()) {
                if (e.getValue().isString() && Secrets.isInlineSecret(e.getKey(), e.getValue().asString())) {
                    flag(s, new Finding(SECRET, Severity.HIGH, scope + " settings put a secret inline in env "
                            + e.getKey(), file + " env." + e.getKey(),
                            "keep the secret out of the file; read it from a secret store at launch"));
                }
            }
        }
        if (scope.equals("project")) {
            for (String r : runs) {
                flag(s, new Finding(ON_OPEN, Severity.MEDIUM, "project settings set " + r
                        + ": a command from the repository runs when Claude Code starts here", file + " " + r,
                        "review the command; move it to user settings if it is personal"));
            }
        }
        if ((scope.equals("project") || scope.equals("local")) && root.path("enableAllProjectMcpServers").asBoolean(false)) {
            flag(s, new Finding(ON_OPEN, Severity.MEDIUM, scope + " settings set enableAllProjectMcpServers: every "
                    + "server in the project's .mcp.json starts without approval", file + " enableAllProjectMcpServers",
                    "list approved servers in enabledMcpjsonServers instead"));
        }
        hooks(root.path("hooks"), file, scope);

        JsonNode enabled = root.path("enabledPlugins");
        if (enabled.isObject()) {
            for (Map.Entry<String, JsonNode> e : enabled.properties()) {
                enabledPlugins.merge(e.getKey(), e.getValue().asBoolean(false) ? scope : "", (a, b) -> b.isEmpty() ? a : b);
            }
        } else if (enabled.isArray()) {
            for (String id : strings(enabled)) {
                enabledPlugins.put(id, scope);
            }
        }
        JsonNode markets = root.path("extraKnownMarketplaces");
        if (markets.isObject()) {
            for (Map.Entry<String, JsonNode> e : markets.properties()) {
                marketplace(e.getKey(), e.getValue(), scope, file);
            }
        }
    }

    /** Plugin id -> the settings layer enabling it ("" when some layer disables it and none enables it). */
    private final Map<String, String> enabledPlugins = new TreeMap<>();

    private static boolean isBroadBash(String rule) {
        String r = rule.replace(" ", "");
        return r.equals("Bash") || r.equals("Bash(*)") || r.equals("Bash(:*)") || r.equals("Bash(**)") || r.equals("Bash()");
    }

    private void hooks(JsonNode hooks, Path file, String scope) {
        if (hooks.isMissingNode() || hooks.isNull()) {
            return;
        }
        if (!hooks.isObject()) {
            error(file, scope, "'hooks' is not an object");
            return;
        }
        int index = 0;
        for (Map.Entry<String, JsonNode> ev : hooks.properties()) {
            if (!ev.getValue().isArray()) {
                error(file, scope, "hooks." + ev.getKey() + " is not a list");
                continue;
            }
            for (JsonNode group : ev.getValue().values()) {
                String matcher = group.path("matcher").asString("");
                for (JsonNode h : group.path("hooks").values()) {
                    String type = h.path("type").asString("command");
                    String target = h.path("command").isString() ? h.path("command").asString()
                            : h.path("url").isString() ? h.path("url").asString()
                            : h.path("prompt").isString() ? "(prompt)" : "";
                    String shown = type.equals("http") ? Secrets.redactUrl(target) : Secrets.redactText(target);
                    Item.Hook hook = new Item.Hook(scope, file.toString(), ev.getKey(), matcher, type, shown, index++);
                    items.add(hook);
                    if (scope.equals("project") && (type.equals("command") || type.equals("http"))) {
                        flag(hook, new Finding(ON_OPEN, Severity.MEDIUM, "project hook on " + ev.getKey()
                                + " runs a " + type + " from the repository", file.toString(),
                                "review the hook before trusting this folder"));
                    }
                    if (Secrets.looksLikeToken(target) || !shown.equals(target) && type.equals("command")) {
                        flag(hook, new Finding(SECRET, Severity.HIGH, scope + " hook on " + ev.getKey()
                                + " has a secret inline in its command", file.toString(),
                                "read the secret from the environment or a secret store"));
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- MCP servers (Claude Code)

    private void claudeMcp() {
        // user scope: ~/.claude.json mcpServers; local scope: ~/.claude.json projects[dir].mcpServers
        Path claudeJson = m.home().resolve(".claude.json");
        JsonNode cj = json(claudeJson, "user");
        if (cj != null && cj.isObject()) {
            servers(cj.path("mcpServers"), "claude-code", "user", claudeJson);
            JsonNode projects = cj.path("projects");
            if (projects.isObject()) {
                List<Path> chain = ancestors(m.projectDir());
                Collections.reverse(chain); // farthest first, so the project's own entry comes last and wins
                for (Path p : chain) {
                    JsonNode proj = projects.path(p.toString());
                    if (proj.isObject()) {
                        servers(proj.path("mcpServers"), "claude-code", "local", claudeJson);
                    }
                }
            }
        } else if (cj != null) {
            error(claudeJson, "user", "not a JSON object");
        }
        // project scope: .mcp.json in the project and its parents (the nearest one wins on a name clash)
        List<Path> chain = ancestors(m.projectDir());
        Collections.reverse(chain);
        for (Path dir : chain) {
            Path f = dir.resolve(".mcp.json");
            JsonNode root = json(f, "project");
            if (root != null) {
                if (root.isObject()) {
                    servers(root.has("mcpServers") ? root.path("mcpServers") : root, "claude-code", "project", f);
                } else {
                    error(f, "project", "not a JSON object");
                }
            }
        }
        for (Path dir : m.managedDirs()) {
            Path f = dir.resolve("managed-mcp.json");
            JsonNode root = json(f, "managed");
            if (root != null) {
                servers(root.has("mcpServers") ? root.path("mcpServers") : root, "claude-code", "managed", f);
            }
        }
    }

    /**
     * Claude Code reads one definition per name: local over project over user; a managed-mcp.json
     * takes exclusive control. The losers stay in the inventory, marked not effective.
     */
    private void resolveClaudePrecedence() {
        Map<String, Integer> rank = Map.of("managed", 4, "local", 3, "project", 2, "user", 1);
        boolean managedExclusive = items.stream().anyMatch(i -> i instanceof Item.McpServer s && s.claudeCode()
                && s.scope().equals("managed"));
        Map<String, Item.McpServer> winner = new LinkedHashMap<>();
        for (Item i : items) {
            if (i instanceof Item.McpServer s && s.claudeCode() && !s.scope().startsWith("plugin:")) {
                Item.McpServer cur = winner.get(s.name());
                if (cur == null || rank.getOrDefault(s.scope(), 0) >= rank.getOrDefault(cur.scope(), 0)) {
                    winner.put(s.name(), s);
                }
            }
        }
        for (int k = 0; k < items.size(); k++) {
            if (items.get(k) instanceof Item.McpServer s && s.claudeCode() && !s.scope().startsWith("plugin:")) {
                boolean eff = winner.get(s.name()) == s && (!managedExclusive || s.scope().equals("managed"));
                if (!eff) {
                    Item.McpServer loser = new Item.McpServer(s.name(), s.client(), s.scope(), s.location(), s.transport(),
                            s.command(), s.args(), s.env(), s.url(), s.headers(), false);
                    String oldId = s.id();
                    items.set(k, loser);
                    for (int f = 0; f < flags.size(); f++) {
                        if (flags.get(f).item().equals(oldId)) {
                            flags.set(f, new Flag(loser.id(), flags.get(f).finding()));
                        }
                    }
                    Item.McpServer w = winner.get(s.name());
                    String why = managedExclusive ? "managed-mcp.json takes exclusive control"
                            : "the " + w.scope() + " definition (" + w.location() + ") wins";
                    flag(loser, new Finding(SHADOWED, Severity.LOW, "MCP server '" + s.name() + "' in " + s.location()
                            + " is not used: " + why, s.location(), ""));
                }
            }
        }
    }

    private void servers(JsonNode map, String client, String scope, Path file) {
        if (map.isMissingNode() || map.isNull()) {
            return;
        }
        if (!map.isObject()) {
            error(file, scope, "the MCP server list is not an object");
            return;
        }
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            String name = e.getKey();
            JsonNode s = e.getValue();
            if (!s.isObject()) {
                error(file, scope, "MCP server '" + name + "' is not an object");
                continue;
            }
            String url = Json.text(s, "url");
            if (url == null) {
                url = Json.text(s, "serverUrl"); // Windsurf spelling
            }
            String command = Json.text(s, "command");
            String type = s.path("type").asString(s.path("transport").asString(""));
            String transport = switch (type.toLowerCase(Locale.ROOT)) {
                case "sse" -> "sse";
                case "http", "streamable-http", "streamablehttp", "streamable_http" -> "http";
                case "stdio" -> "stdio";
                default -> command != null ? "stdio" : url != null ? "http" : "";
            };
            if (transport.isEmpty() || (transport.equals("stdio") && command == null)
                    || (!transport.equals("stdio") && url == null)) {
                error(file, scope, "MCP server '" + name + "' has neither a command nor a url");
                continue;
            }
            List<String> args = new ArrayList<>();
            JsonNode a = s.path("args");
            if (a.isArray()) {
                for (JsonNode v : a.values()) {
                    args.add(v.isString() ? v.asString() : v.toString());
                }
            } else if (!a.isMissingNode() && !a.isNull()) {
                error(file, scope, "MCP server '" + name + "': args is not a list");
                continue;
            }
            Map<String, String> env = stringMap(s.path("env"));
            Map<String, String> headers = stringMap(s.path("headers"));
            Item.McpServer server = new Item.McpServer(name, client, scope, file.toString(), transport,
                    transport.equals("stdio") ? command : null, args, env,
                    transport.equals("stdio") ? null : url, headers, true);
            items.add(server);
            for (Finding f : Pinning.check(server)) {
                flag(server, f);
            }
            for (Map.Entry<String, String> ev : env.entrySet()) {
                if (Secrets.isInlineSecret(ev.getKey(), ev.getValue())) {
                    flag(server, new Finding(SECRET, Severity.HIGH, "MCP server '" + name + "' has a secret inline in env "
                            + ev.getKey(), file + " " + name + ".env." + ev.getKey(),
                            "reference it instead: \"" + ev.getKey() + "\": \"${" + ev.getKey() + "}\""));
                }
            }
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (Secrets.isInlineSecret(h.getKey(), h.getValue()) || h.getKey().equalsIgnoreCase("authorization")
                        && !h.getValue().contains("${")) {
                    flag(server, new Finding(SECRET, Severity.HIGH, "MCP server '" + name + "' has a secret inline in header "
                            + h.getKey(), file + " " + name + ".headers." + h.getKey(),
                            "reference an environment variable: ${TOKEN}"));
                }
            }
            for (int k = 0; k < args.size(); k++) {
                if (!Secrets.redactArg(args.get(k)).equals(args.get(k))) {
                    flag(server, new Finding(SECRET, Severity.HIGH, "MCP server '" + name + "' has a secret inline in argument "
                            + (k + 1), file + " " + name + ".args[" + k + "]", "pass it through env with a ${VAR} reference"));
                }
            }
            if (url != null && !Secrets.redactUrl(url).equals(url)) {
                flag(server, new Finding(SECRET, Severity.HIGH, "MCP server '" + name + "' has a secret inline in its URL",
                        file + " " + name + ".url", "send it in a header that references ${VAR}"));
            }
        }
    }

    // ---------------------------------------------------------------- plugins and marketplaces

    private final Map<String, String> marketplaceSources = new TreeMap<>();

    private void marketplace(String name, JsonNode decl, String scope, Path file) {
        JsonNode src = decl.path("source");
        String kind = src.path("source").asString("");
        String where = switch (kind) {
            case "github" -> "github:" + src.path("repo").asString("?");
            case "git" -> "git:" + Secrets.redactUrl(src.path("url").asString("?"));
            case "url" -> "url:" + Secrets.redactUrl(src.path("url").asString("?"));
            case "directory", "file" -> kind + ":" + src.path("path").asString("?");
            case "npm" -> "npm:" + src.path("package").asString("?");
            default -> kind.isEmpty() ? "unknown" : kind;
        };
        String sha = src.path("sha").asString("");
        String ref = src.path("ref").asString("");
        String pin = sha.matches("[0-9a-f]{40}") ? sha : ref.matches("[0-9a-f]{40}") ? ref : "";
        Item.Marketplace mk = new Item.Marketplace(name, scope, file.toString(), where, pin.isEmpty() ? ref : pin);
        items.add(mk);
        marketplaceSources.putIfAbsent(name, where);
        boolean remote = kind.equals("github") || kind.equals("git") || kind.equals("url") || kind.equals("npm");
        if (remote && pin.isEmpty()) {
            flag(mk, new Finding(MARKETPLACE, Severity.MEDIUM, "marketplace '" + name + "' (" + where
                    + ") is not pinned to a commit: its plugins follow whatever is pushed", file.toString(),
                    "pin the marketplace source with a commit sha"));
        }
        if (scope.equals("project") && remote) {
            flag(mk, new Finding(ON_OPEN, Severity.LOW, "project settings add marketplace '" + name
                    + "': collaborators are prompted to install from it", file.toString(), ""));
        }
    }

    private void plugins() {
        Path dir = m.home().resolve(".claude/plugins");
        Path known = dir.resolve("known_marketplaces.json");
        JsonNode km = json(known, "user");
        if (km != null && km.isObject()) {
            for (Map.Entry<String, JsonNode> e : km.properties()) {
                marketplace(e.getKey(), e.getValue(), "known", known);
            }
        }
        Path installedFile = dir.resolve("installed_plugins.json");
        JsonNode inst = json(installedFile, "user");
        Set<String> seen = new HashSet<>();
        if (inst != null) {
            JsonNode plugins = inst.has("plugins") ? inst.path("plugins") : inst;
            if (!plugins.isObject()) {
                error(installedFile, "user", "'plugins' is not an object");
            } else {
                for (Map.Entry<String, JsonNode> e : plugins.properties()) {
                    String id = e.getKey();
                    List<JsonNode> records = new ArrayList<>();
                    if (e.getValue().isArray()) {
                        e.getValue().values().forEach(records::add);
                    } else if (e.getValue().isObject()) {
                        records.add(e.getValue());
                    }
                    for (JsonNode r : records) {
                        String scope = r.path("scope").asString("user");
                        String projectPath = r.path("projectPath").asString("");
                        if (!projectPath.isEmpty() && !m.projectDir().startsWith(Path.of(projectPath).normalize())) {
                            continue; // installed for another project
                        }
                        String installPath = r.path("installPath").asString("");
                        String mkt = id.contains("@") ? id.substring(id.indexOf('@') + 1) : "";
                        String source = marketplaceSources.getOrDefault(mkt, "");
                        String commit = r.path("gitCommitSha").asString("");
                        String enabledBy = enabledPlugins.get(id);
                        Item.Plugin p = new Item.Plugin(id, scope, installPath.isEmpty() ? installedFile.toString() : installPath,
                                r.path("version").asString(""), commit, source,
                                enabledBy != null && !enabledBy.isEmpty(), true);
                        if (!seen.add(p.id())) {
                            continue;
                        }
                        items.add(p);
                        boolean local = source.startsWith("directory:") || source.startsWith("file:");
                        if (!local && !commit.matches("[0-9a-f]{7,40}")) {
                            flag(p, new Finding(Pinning.PLUGIN, Severity.HIGH, "plugin '" + id + "' from "
                                    + (source.isEmpty() ? "an unknown marketplace" : source)
                                    + " has no commit recorded: what runs cannot be tied to reviewed source",
                                    installPath, "reinstall it from a marketplace pinned to a commit"));
                        }
                        if (!installPath.isEmpty() && Files.isDirectory(Path.of(installPath))) {
                            pluginRoots.put(id, Path.of(installPath));
                        }
                    }
                }
            }
        }
        for (Map.Entry<String, String> e : enabledPlugins.entrySet()) {
            if (!seen.contains("plugin:" + e.getKey()) && !e.getValue().isEmpty()) {
                String mkt = e.getKey().contains("@") ? e.getKey().substring(e.getKey().indexOf('@') + 1) : "";
                items.add(new Item.Plugin(e.getKey(), e.getValue(), "settings", "", "",
                        marketplaceSources.getOrDefault(mkt, ""), true, false));
            }
        }
        for (Map.Entry<String, Path> p : pluginRoots.entrySet()) {
            String scope = "plugin:" + p.getKey();
            Path root = p.getValue();
            JsonNode hooksFile = json(root.resolve("hooks/hooks.json"), scope);
            if (hooksFile != null) {
                hooks(hooksFile.has("hooks") ? hooksFile.path("hooks") : hooksFile, root.resolve("hooks/hooks.json"), scope);
            }
            String pluginName = p.getKey().contains("@") ? p.getKey().substring(0, p.getKey().indexOf('@')) : p.getKey();
            JsonNode mcp = json(root.resolve(".mcp.json"), scope);
            if (mcp != null) {
                pluginServers(mcp.has("mcpServers") ? mcp.path("mcpServers") : mcp, pluginName, scope, root.resolve(".mcp.json"));
            }
            JsonNode manifest = json(root.resolve(".claude-plugin/plugin.json"), scope);
            if (manifest != null && manifest.path("mcpServers").isObject()) {
                pluginServers(manifest.path("mcpServers"), pluginName, scope, root.resolve(".claude-plugin/plugin.json"));
            }
        }
    }

    /** Plugin servers appear to the model as {@code mcp__plugin_<plugin>_<server>__<tool>}. */
    private void pluginServers(JsonNode map, String pluginName, String scope, Path file) {
        if (!map.isObject()) {
            error(file, scope, "the MCP server list is not an object");
            return;
        }
        tools.jackson.databind.node.ObjectNode renamed = Json.LENIENT.createObjectNode();
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            renamed.set("plugin_" + pluginName + "_" + e.getKey(), e.getValue());
        }
        servers(renamed, "claude-code", scope, file);
    }

    // ---------------------------------------------------------------- subagents and skills

    private void agentsAndSkills(Path base, String scope) {
        for (Path f : list(base.resolve("agents"))) {
            if (f.getFileName().toString().endsWith(".md") && Files.isRegularFile(f)) {
                agent(f, scope);
            }
        }
        for (Path d : list(base.resolve("skills"))) {
            if (Files.isDirectory(d)) {
                Path md = d.resolve("SKILL.md");
                if (Files.isRegularFile(md)) {
                    skill(d, md, scope);
                }
            }
        }
    }

    private void agent(Path f, String scope) {
        String text = text(f, scope);
        if (text == null) {
            return;
        }
        Frontmatter fm = Frontmatter.parse(text);
        String file = f.getFileName().toString();
        String name = fm.string("name");
        if (name == null || name.isBlank()) {
            name = file.substring(0, file.length() - 3);
        }
        Item.Subagent a = new Item.Subagent(name, scope, f.toString(), fm.list("tools"),
                fm.list("disallowedTools") == null ? List.of() : fm.list("disallowedTools"), fm.string("model"));
        items.add(a);
        if (fm.error() != null) {
            flag(a, new Finding(MALFORMED, Severity.MEDIUM, "subagent '" + name + "': " + fm.error(), f.toString(),
                    "fix the frontmatter; Claude Code may ignore this file"));
        }
        if (a.tools() == null) {
            flag(a, new Finding(BROAD, Severity.LOW, "subagent '" + name + "' has no tools list: it inherits every tool, "
                    + "MCP tools included", f.toString(), "list the tools it needs in its frontmatter"));
        } else {
            for (String t : a.tools()) {
                if (isBroadBash(t) || t.equals("*")) {
                    flag(a, new Finding(BROAD, Severity.MEDIUM, "subagent '" + name + "' may run any shell command ('" + t + "')",
                            f.toString(), "give it narrower tools, or a Warden profile that limits its commands"));
                    break;
                }
            }
        }
        for (Finding x : TextChecks.scan(text, "subagent '" + name + "'", Set.of())) {
            flag(a, x);
        }
    }

    private void skill(Path dir, Path md, String scope) {
        String text = text(md, scope);
        if (text == null) {
            return;
        }
        Frontmatter fm = Frontmatter.parse(text);
        String name = dir.getFileName().toString();
        String desc = fm.string("description");
        Item.Skill s = new Item.Skill(name, scope, dir.toString(), fm.list("allowed-tools"), desc == null ? "" : desc);
        items.add(s);
        if (fm.error() != null) {
            flag(s, new Finding(MALFORMED, Severity.MEDIUM, "skill '" + name + "': " + fm.error(), md.toString(),
                    "fix the frontmatter; Claude Code may ignore this skill"));
        }
        if (s.allowedTools() != null) {
            for (String t : s.allowedTools()) {
                if (isBroadBash(t) || t.equals("*")) {
                    flag(s, new Finding(BROAD, Severity.MEDIUM, "skill '" + name + "' pre-approves '" + t
                            + "': any shell command runs without a prompt while it is active", md.toString(),
                            "list the exact commands it needs, e.g. Bash(git status:*)"));
                    break;
                }
            }
        }
        for (Finding x : TextChecks.scan(text, "skill '" + name + "'", Set.of())) {
            flag(s, x);
        }
    }

    // ---------------------------------------------------------------- other clients

    private void otherClients() {
        Path h = m.home();
        Path p = m.projectDir();
        clientFile(h.resolve(".cursor/mcp.json"), "cursor", "cursor-user", "mcpServers");
        clientFile(p.resolve(".cursor/mcp.json"), "cursor", "cursor-project", "mcpServers");
        clientFile(p.resolve(".vscode/mcp.json"), "vscode", "vscode-project", "servers");
        clientFile(h.resolve(".config/Code/User/mcp.json"), "vscode", "vscode-user", "servers");
        clientFile(h.resolve("Library/Application Support/Code/User/mcp.json"), "vscode", "vscode-user", "servers");
        for (Path settings : List.of(h.resolve(".config/Code/User/settings.json"),
                h.resolve("Library/Application Support/Code/User/settings.json"))) {
            JsonNode root = json(settings, "vscode-user");
            if (root != null && root.path("mcp").isObject()) {
                servers(root.path("mcp").path("servers"), "vscode", "vscode-user", settings);
            }
        }
        clientFile(h.resolve(".config/Claude/claude_desktop_config.json"), "claude-desktop", "claude-desktop", "mcpServers");
        clientFile(h.resolve("Library/Application Support/Claude/claude_desktop_config.json"), "claude-desktop",
                "claude-desktop", "mcpServers");
        clientFile(h.resolve(".codeium/windsurf/mcp_config.json"), "windsurf", "windsurf", "mcpServers");
    }

    private void clientFile(Path f, String client, String scope, String key) {
        JsonNode root = json(f, scope);
        if (root == null) {
            return;
        }
        if (!root.isObject()) {
            error(f, scope, "not a JSON object");
            return;
        }
        servers(root.path(key), client, scope, f);
    }

    // ---------------------------------------------------------------- credentials

    private static final Map<String, String> CREDENTIAL_FILES = credentialFiles();

    private static Map<String, String> credentialFiles() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put(".aws/credentials", "AWS credentials");
        c.put(".aws/config", "AWS config (profiles, SSO, role settings)");
        c.put(".kube/config", "Kubernetes config (cluster credentials)");
        c.put(".config/gh/hosts.yml", "GitHub CLI token");
        c.put(".npmrc", "npm config (may hold registry tokens)");
        c.put(".docker/config.json", "Docker registry credentials");
        c.put(".config/gcloud/application_default_credentials.json", "Google Cloud application credentials");
        c.put(".config/gcloud/credentials.db", "Google Cloud CLI credentials");
        c.put(".azure/msal_token_cache.json", "Azure CLI tokens");
        c.put(".azure/accessTokens.json", "Azure CLI tokens");
        c.put(".netrc", "netrc (machine passwords)");
        c.put(".git-credentials", "git stored credentials");
        c.put(".pypirc", "PyPI credentials");
        c.put(".gem/credentials", "RubyGems credentials");
        c.put(".cargo/credentials.toml", "crates.io token");
        c.put(".terraform.d/credentials.tfrc.json", "Terraform Cloud token");
        c.put(".claude/.credentials.json", "Claude Code credentials");
        c.put(".config/hub", "hub (GitHub) token");
        c.put(".vault-token", "HashiCorp Vault token");
        return c;
    }

    private void credentials() {
        for (String name : new java.util.TreeSet<>(m.env().keySet())) {
            if (Secrets.isSecretName(name)) {
                items.add(new Item.Credential("env", name, "secret-like environment variable (inherited by agents and their tools)"));
            }
        }
        for (Map.Entry<String, String> e : CREDENTIAL_FILES.entrySet()) {
            Path f = m.home().resolve(e.getKey());
            if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
                items.add(new Item.Credential("file", f.toString(), e.getValue()));
            }
        }
        for (Path f : list(m.home().resolve(".ssh"))) {
            String n = f.getFileName().toString();
            if (Files.isRegularFile(f) && !n.endsWith(".pub") && !n.startsWith("known_hosts") && !n.equals("config")
                    && !n.equals("authorized_keys") && (n.startsWith("id_") || looksLikePrivateKey(f))) {
                items.add(new Item.Credential("file", f.toString(), "SSH private key"));
            }
        }
        projectSecrets();
    }

    private static boolean looksLikePrivateKey(Path f) {
        try (InputStream in = Files.newInputStream(f)) {
            byte[] head = in.readNBytes(64);
            return new String(head, StandardCharsets.US_ASCII).contains("PRIVATE KEY");
        } catch (IOException e) {
            return false;
        }
    }

    /** .env files, keys and service-account files inside the project, bounded breadth-first walk. */
    private void projectSecrets() {
        Deque<Path> queue = new ArrayDeque<>();
        queue.add(m.projectDir());
        int seen = 0;
        while (!queue.isEmpty() && seen < MAX_PROJECT_ENTRIES) {
            Path dir = queue.poll();
            for (Path f : list(dir)) {
                if (++seen >= MAX_PROJECT_ENTRIES) {
                    progress.accept("project walk stopped after " + MAX_PROJECT_ENTRIES + " entries");
                    break;
                }
                String n = f.getFileName().toString();
                if (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
                    if (!SKIP_DIRS.contains(n) && m.projectDir().relativize(f).getNameCount() < 6) {
                        queue.add(f);
                    }
                    continue;
                }
                String lower = n.toLowerCase(Locale.ROOT);
                String what = null;
                if (lower.equals(".env") || lower.startsWith(".env.") || lower.endsWith(".env")) {
                    what = lower.contains("example") || lower.contains("sample") || lower.contains("template")
                            ? "environment file (example; check it holds no real values)" : "environment file (.env)";
                } else if (lower.endsWith(".pem") || lower.endsWith(".key") || lower.endsWith(".p12") || lower.endsWith(".pfx")
                        || lower.endsWith(".jks") || lower.endsWith(".keystore")) {
                    what = "key or certificate store";
                } else if (lower.startsWith("id_rsa") || lower.startsWith("id_ed25519") || lower.startsWith("id_ecdsa")) {
                    what = lower.endsWith(".pub") ? null : "SSH private key";
                } else if ((lower.contains("service-account") || lower.contains("serviceaccount") || lower.equals("credentials.json"))
                        && lower.endsWith(".json")) {
                    what = "cloud service-account credentials";
                } else if (lower.equals(".npmrc") || lower.equals(".pypirc") || lower.equals(".netrc")) {
                    what = "package registry credentials";
                }
                if (what != null) {
                    items.add(new Item.Credential("file", f.toString(), what));
                }
            }
        }
    }

    // ---------------------------------------------------------------- reading, safely

    /** Parses a JSON file; null when absent; a {@link Item.ConfigError} (and the scan goes on) when bad. */
    private @Nullable JsonNode json(Path f, String scope) {
        if (!Files.isRegularFile(f)) {
            if (Files.exists(f)) {
                error(f, scope, "not a regular file");
            }
            return null;
        }
        try {
            return Json.read(f);
        } catch (WardenException e) {
            error(f, scope, e.getMessage().startsWith(f.toString()) ? e.getMessage().substring(f.toString().length() + 2)
                    : e.getMessage());
            return null;
        }
    }

    private @Nullable String text(Path f, String scope) {
        try {
            long size = Files.size(f);
            if (size > MAX_TEXT_BYTES) {
                error(f, scope, "too large (" + size + " bytes)");
                return null;
            }
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            error(f, scope, "cannot read as UTF-8 text (" + e.getClass().getSimpleName() + ")");
            return null;
        }
    }

    private void error(Path f, String scope, String message) {
        Item.ConfigError err = new Item.ConfigError(scope, f.toString(), message);
        if (items.stream().anyMatch(i -> i.id().equals(err.id()) && i.summary().equals(message))) {
            return;
        }
        items.add(err);
        flag(err, new Finding(MALFORMED, Severity.MEDIUM, f + ": " + message + " (skipped; agents may still read it)",
                f.toString(), "fix the file; Warden could not check what it configures"));
    }

    private void flag(Item item, Finding f) {
        flags.add(new Flag(item.id(), f));
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static List<Path> ancestors(Path dir) {
        List<Path> out = new ArrayList<>();
        for (Path p = dir; p != null; p = p.getParent()) {
            out.add(p);
        }
        return out;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            for (JsonNode v : n.values()) {
                if (v.isString()) {
                    out.add(v.asString());
                }
            }
        }
        return out;
    }

    private static Map<String, String> stringMap(JsonNode n) {
        Map<String, String> out = new TreeMap<>();
        if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                out.put(e.getKey(), e.getValue().isString() ? e.getValue().asString() : e.getValue().toString());
            }
        }
        return out;
    }
}
