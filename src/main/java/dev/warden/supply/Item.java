package dev.warden.supply;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One thing agents on this machine can reach: an MCP server, a Skill, a subagent, a plugin, a hook,
 * a settings layer, a credential. Items never expose secret values: {@link #summary()} and
 * {@link #details()} carry names and locations only.
 */
public sealed interface Item
        permits Item.McpServer, Item.Skill, Item.Subagent, Item.Plugin, Item.Marketplace, Item.Hook,
                Item.Settings, Item.Credential, Item.ConfigError {

    /** What kind of thing an item is. */
    enum Kind {
        SETTINGS, HOOK, MCP_SERVER, SUBAGENT, SKILL, PLUGIN, MARKETPLACE, CREDENTIAL, CONFIG_ERROR;

        /** Lower-case label used in output. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** Stable id: {@code mcp:github}, {@code skill:project/deploy}, {@code agent:user/reviewer}, ... */
    String id();

    /** What kind of thing this is. */
    Kind kind();

    /** Where it comes from: {@code managed}, {@code user}, {@code project}, {@code local}, {@code plugin:x@y}, {@code cursor-user}, ... */
    String scope();

    /** The file or folder it was found in. */
    String location();

    /** One line for a human; names only, never secret values. */
    String summary();

    /** Structured description for JSON output; names only, never secret values. */
    Map<String, @Nullable Object> details();

    /**
     * An MCP server definition.
     *
     * @param name      the server name as configured (tools appear as {@code mcp__<name>__<tool>})
     * @param client    which client reads it: {@code claude-code}, {@code cursor}, {@code vscode},
     *                  {@code claude-desktop}, {@code windsurf}
     * @param scope     configuration layer
     * @param location  the file it was defined in
     * @param transport {@code stdio}, {@code http} or {@code sse}
     * @param command   the program for stdio servers
     * @param args      its arguments, as configured (before {@code ${VAR}} expansion)
     * @param env       environment for the server, as configured; values stay in memory only
     * @param url       the endpoint of remote servers
     * @param headers   HTTP headers, as configured; values stay in memory only
     * @param effective for Claude Code: false when another layer defines the same name and wins
     */
    record McpServer(String name, String client, String scope, String location, String transport,
                     @Nullable String command, List<String> args, Map<String, String> env,
                     @Nullable String url, Map<String, String> headers, boolean effective) implements Item {

        public McpServer {
            args = List.copyOf(args);
            env = Map.copyOf(env);
            headers = Map.copyOf(headers);
        }

        /** True when Claude Code reads this definition (as opposed to Cursor, VS Code, ...). */
        public boolean claudeCode() {
            return client.equals("claude-code");
        }

        @Override
        public String id() {
            if (claudeCode()) {
                return effective ? "mcp:" + name : "mcp:" + name + "@" + scope;
            }
            return client + ":mcp:" + name + "@" + scope;
        }

        @Override public Kind kind() { return Kind.MCP_SERVER; }

        @Override
        public String summary() {
            String launch = transport.equals("stdio")
                    ? Secrets.redactText(String.join(" ", prepend(command, args)))
                    : transport + " " + Secrets.redactUrl(Objects.requireNonNullElse(url, ""));
            StringBuilder sb = new StringBuilder(launch);
            if (!env.isEmpty()) {
                sb.append("  env: ").append(String.join(",", new TreeSet<>(env.keySet())));
            }
            if (!headers.isEmpty()) {
                sb.append("  headers: ").append(String.join(",", new TreeSet<>(headers.keySet())));
            }
            if (claudeCode() && !effective) {
                sb.append("  (shadowed by another layer)");
            }
            return sb.toString();
        }

        @Override
        public Map<String, @Nullable Object> details() {
            Map<String, @Nullable Object> m = Json.ordered();
            m.put("client", client);
            m.put("transport", transport);
            m.put("command", command == null ? null : Secrets.redactText(command));
            m.put("args", args.stream().map(Secrets::redactArg).toList());
            m.put("env", List.copyOf(new TreeSet<>(env.keySet())));
            m.put("url", url == null ? null : Secrets.redactUrl(url));
            m.put("headers", List.copyOf(new TreeSet<>(headers.keySet())));
            m.put("effective", effective);
            return m;
        }

        private static List<String> prepend(@Nullable String head, List<String> tail) {
            if (head == null) {
                return tail;
            }
            java.util.ArrayList<String> l = new java.util.ArrayList<>();
            l.add(head);
            l.addAll(tail);
            return l;
        }
    }

    /**
     * A Skill: a folder with {@code SKILL.md}.
     *
     * @param name         the folder name
     * @param scope        {@code project}, {@code user} or {@code plugin:<plugin>}
     * @param location     the skill folder
     * @param allowedTools the frontmatter {@code allowed-tools}, or null when absent
     * @param description  the frontmatter description (may be empty)
     */
    record Skill(String name, String scope, String location, @Nullable List<String> allowedTools, String description)
            implements Item {

        public Skill {
            allowedTools = allowedTools == null ? null : List.copyOf(allowedTools);
        }

        @Override public String id() { return "skill:" + scope + "/" + name; }

        @Override public Kind kind() { return Kind.SKILL; }

        @Override
        public String summary() {
            return "allowed-tools: " + (allowedTools == null ? "(not restricted)" : String.join(", ", allowedTools));
        }

        @Override
        public Map<String, @Nullable Object> details() {
            Map<String, @Nullable Object> m = Json.ordered();
            m.put("allowedTools", allowedTools);
            m.put("description", description);
            return m;
        }
    }

    /**
     * A subagent definition: {@code .claude/agents/<name>.md}.
     *
     * @param name            frontmatter {@code name}, else the file name
     * @param scope           {@code project}, {@code user} or {@code plugin:<plugin>}
     * @param location        the file
     * @param tools           frontmatter {@code tools}, or null when absent (inherits every tool)
     * @param disallowedTools frontmatter {@code disallowedTools}
     * @param model           frontmatter {@code model}, or null
     */
    record Subagent(String name, String scope, String location, @Nullable List<String> tools,
                    List<String> disallowedTools, @Nullable String model) implements Item {

        public Subagent {
            tools = tools == null ? null : List.copyOf(tools);
            disallowedTools = List.copyOf(disallowedTools);
        }

        @Override public String id() { return "agent:" + scope + "/" + name; }

        @Override public Kind kind() { return Kind.SUBAGENT; }

        @Override
        public String summary() {
            StringBuilder sb = new StringBuilder("tools: ")
                    .append(tools == null ? "(inherits all)" : String.join(", ", tools));
            if (!disallowedTools.isEmpty()) {
                sb.append("  disallowed: ").append(String.join(", ", disallowedTools));
            }
            if (model != null) {
                sb.append("  model: ").append(model);
            }
            return sb.toString();
        }

        @Override
        public Map<String, @Nullable Object> details() {
            Map<String, @Nullable Object> m = Json.ordered();
            m.put("tools", tools);
            m.put("disallowedTools", disallowedTools);
            m.put("model", model);
            return m;
        }
    }

    /**
     * An installed or enabled Claude Code plugin.
     *
     * @param pluginId    {@code name@marketplace}
     * @param scope       the install scope ({@code user}, {@code project}, {@code local}) or the
     *                    settings layer that enables it
     * @param location    the install folder, or the settings file when not installed
     * @param version     installed version, or empty
     * @param commit      git commit it was installed from, or empty
     * @param source      where its marketplace comes from ({@code github:owner/repo}, a URL, a path), or empty
     * @param enabled     whether a settings layer enables it
     * @param installed   whether it is installed on this machine
     */
    record Plugin(String pluginId, String scope, String location, String version, String commit, String source,
                  boolean enabled, boolean installed) implements Item {

        @Override public String id() { return "plugin:" + pluginId; }

        @Override public String name() { return pluginId; }

        @Override public Kind kind() { return Kind.PLUGIN; }

        @Override
        public String summary() {
            return (enabled ? "enabled" : "disabled") + (installed ? "" : ", not installed")
                    + (version.isEmpty() ? "" : "  version " + version)
                    + (commit.isEmpty() ? "  (no commit recorded)" : "  commit " + commit)
                    + (source.isEmpty() ? "" : "  from " + source);
        }

        @Override
        public Map<String, @Nullable Object> details() {
            Map<String, @Nullable Object> m = Json.ordered();
            m.put("version", version);
            m.put("commit", commit);
            m.put("source", source);
            m.put("enabled", enabled);
            m.put("installed", installed);
            return m;
        }
    }

    /**
     * A plugin marketplace known to Claude Code.
     *
     * @param name     marketplace name
     * @param scope    where it is declared ({@code known} for known_marketplaces.json, or a settings layer)
     * @param location the declaring file
     * @param source   {@code github:owner/repo}, {@code git:<url>}, {@code url:<url>}, {@code directory:<path>}, ...
     * @param pin      the commit / ref it is pinned to, or empty
     */
    record Marketplace(String name, String scope, String location, String source, String pin) implements Item {

        @Override public String id() { return "marketplace:" + name + "@" + scope; }

        @Override public Kind kind() { return Kind.MARKETPLACE; }

        @Override
        public String summary() {
            return source + (pin.isEmpty() ? "  (not pinned)" : "  pinned " + pin);
        }

        @Override
        public Map<String, @Nullable Object> details() {
            Map<String, @Nullable Object> m = Json.ordered();
            m.put("source", source);
            m.put("pin", pin);
            return m;
        }
    }

    /**
     * A hook: code Claude Code runs on an event.
     *
     * @param scope    settings layer ({@code managed}, {@code user}, {@code project}, {@code local}, {@code plugin:x})
     * @param location the file
     * @param event    {@code PreToolUse}, {@code SessionStart}, ...
     * @param matcher  the matcher, or empty
     * @param type     {@code command}, {@code http}, {@code prompt}, ...
     * @param target   the command or URL, secret-looking words redacted
     * @param index    position among this layer's hooks, for a stable id
     */
    record Hook(String scope, String location, String event, String matcher, String type, String target, int index)
            implements Item {

        @Override public String id() { return "hook:" + scope + "/" + event + "/" + index; }

        @Override public String name() { return event + (matcher.isEmpty() ? "" : "[" + matcher + "]"); }

        @Override public Kind kind() { return Kind.HOOK; }

        @Override public String summary() { return type + ": " + target; }

        @Override
        public Map<String, @Nullable Object> details() {
            Map<String, @Nullable Object> m = Json.ordered();
            m.put("event", event);
            m.put("matcher", matcher);
            m.put("type", type);
            m.put("target", target);
            return m;
        }
    }

    /**
     * One Claude Code settings file and its permission rules.
     *
     * @param scope       {@code managed}, {@code user}, {@code project} or {@code local}
     * @param location    the file
     * @param allow       {@code permissions.allow}
     * @param ask         {@code permissions.ask}
     * @param deny        {@code permissions.deny}
     * @param defaultMode {@code permissions.defaultMode}, or empty
     * @param envNames    names set by its {@code env} block (values never kept)
     * @param runs        commands it makes Claude Code run besides hooks ({@code apiKeyHelper}, {@code statusLine}, ...), by key
     */
    record Settings(String scope, String location, List<String> allow, List<String> ask, List<String> deny,
                    String defaultMode, List<String> envNames, List<String> runs) implements Item {

        public Settings {
            allow = List.copyOf(allow);
            ask = List.copyOf(ask);
            deny = List.copyOf(deny);
            envNames = List.copyOf(envNames);
            runs = List.copyOf(runs);
        }

        @Override public String id() { return "settings:" + scope + ":" + location; }

        @Override public String name() { return scope + " settings"; }

        @Override public Kind kind() { return Kind.SETTINGS; }

        @Override
        public String summary() {
            return "allow " + allow.size() + ", ask " + ask.size() + ", deny " + deny.size()
                    + (defaultMode.isEmpty() ? "" : ", defaultMode " + defaultMode)
                    + (envNames.isEmpty() ? "" : ", env: " + String.join(",", envNames))
                    + (runs.isEmpty() ? "" : ", runs: " + String.join(",", runs));
        }

        @Override
        public Map<String, @Nullable Object> details() {
            Map<String, @Nullable Object> m = Json.ordered();
            m.put("allow", allow);
            m.put("ask", ask);
            m.put("deny", deny);
            m.put("defaultMode", defaultMode);
            m.put("env", envNames);
            m.put("runs", runs);
            return m;
        }
    }

    /**
     * A credential within reach of agents: a secret-looking environment variable NAME or a
     * credential file location. Never its value.
     *
     * @param source   {@code env} or {@code file}
     * @param name     the variable name or the file path
     * @param what     what it is ("AWS credentials", "SSH private key", "secret-like variable", ...)
     */
    record Credential(String source, String name, String what) implements Item {

        @Override public String id() { return "credential:" + source + "/" + name; }

        @Override public String scope() { return source; }

        @Override public String location() { return source.equals("env") ? "environment" : name; }

        @Override public Kind kind() { return Kind.CREDENTIAL; }

        @Override public String summary() { return what; }

        @Override
        public Map<String, @Nullable Object> details() {
            Map<String, @Nullable Object> m = Json.ordered();
            m.put("what", what);
            return m;
        }
    }

    /**
     * A configuration file that could not be read; the scan goes on without it.
     *
     * @param scope    the layer it belongs to
     * @param location the file
     * @param message  what is wrong (never the file's content)
     */
    record ConfigError(String scope, String location, String message) implements Item {

        @Override public String id() { return "config:" + location; }

        @Override public String name() { return location; }

        @Override public Kind kind() { return Kind.CONFIG_ERROR; }

        @Override public String summary() { return message; }

        @Override
        public Map<String, @Nullable Object> details() {
            Map<String, @Nullable Object> m = Json.ordered();
            m.put("message", message);
            return m;
        }
    }

    /** A short name: the server, skill, agent, plugin name. */
    String name();
}
