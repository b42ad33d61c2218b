package dev.warden.analysis.self;

import static dev.warden.call.Severity.CRITICAL;
import static dev.warden.call.Severity.HIGH;

import dev.warden.analysis.AnalysisContext;
import dev.warden.analysis.Invocation;
import dev.warden.analysis.Pack;
import dev.warden.analysis.Report;
import dev.warden.analysis.Rule;
import dev.warden.call.PathUse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Self-protection: any attempt to switch Warden (or another guard) off or to go around it —
 * editing hook settings or policies, deleting its home, killing its process, calling its
 * approval endpoint, launching an agent with permissions disabled. Reading Warden's policy is
 * fine; changing it is not, whichever tool tries.
 */
final class SelfPack implements Pack {

    static final Rule TAMPER = new Rule("self.tamper", CRITICAL,
            "changes or deletes Warden's own files or the hook settings that run it",
            "echo '{}' > ~/.claude/settings.json", "ask the user to change Warden's configuration");
    static final Rule AGENT_CONFIG = new Rule("self.agent-config", HIGH,
            "changes an agent's instructions, skills, subagents, memory or MCP servers",
            "echo x > ~/.claude/skills/evil/SKILL.md", "propose the change to the user instead");
    static final Rule GUARD_TAMPER = new Rule("self.guard-tamper", CRITICAL,
            "changes, stops or removes a command guard or security monitor", "pkill warden",
            "guards are managed by the user; ask them");
    static final Rule SELF_APPROVAL = new Rule("self.self-approval", CRITICAL,
            "tries to approve its own request through Warden's approval API or CLI",
            "curl -X POST localhost:8787/v1/approvals/42/approve", "wait for a human to decide");
    static final Rule UNSUPERVISED = new Rule("self.unsupervised-agent", HIGH,
            "launches an agent with its permission checks switched off",
            "claude --dangerously-skip-permissions", "run the agent with its normal permission checks");
    static final Rule DISABLE_OVERSIGHT = new Rule("self.disable-oversight", HIGH,
            "switches off a safety, audit or oversight setting", "sed -i 's/audit_enabled: true/audit_enabled: false/' config.yaml",
            "leave safety settings as they are; ask the user");

    static final List<Rule> RULES = List.of(TAMPER, AGENT_CONFIG, GUARD_TAMPER, SELF_APPROVAL, UNSUPERVISED, DISABLE_OVERSIGHT);

    /** Command guards for coding agents, and security monitors an attacker would stop first. */
    static final Set<String> GUARDS = Set.of("warden", "rampart", "shguard", "sh-guard", "bashguard",
            "agent-command-guard", "command-guard", "dcg", "claude-guard", "cc-guard", "leash", "falco", "auditd",
            "osqueryd", "osquery", "wazuh-agent", "wazuh", "falcon-sensor", "falcond", "sentinelone", "sentinelctl",
            "clamd", "apparmor", "aide", "tripwire", "santa", "santad");
    private static final Set<String> READ_ONLY = Set.of("status", "version", "--version", "-v", "-V", "help", "--help",
            "-h", "show", "list", "ls", "get", "log", "logs", "check", "doctor", "verify", "explain", "inspect", "query",
            "report", "eval", "test", "diff", "lint", "validate", "whoami", "info", "tail", "search", "export", "hook",
            "print", "cat", "describe", "audit", "simulate", "replay", "why", "decisions", "stats", "metrics", "catalog");
    private static final Set<String> KILLERS = Set.of("kill", "pkill", "killall", "skill", "systemctl", "service",
            "launchctl", "rc-service", "sv", "supervisorctl", "pm2", "docker", "podman");
    private static final Set<String> ATTACHERS = Set.of("jcmd", "jmap", "jattach", "jhsdb", "gcore", "gdb", "lldb",
            "strace", "ltrace", "pstack", "jstack", "jinfo", "prlimit", "renice", "taskset", "cpulimit", "chrt", "ionice", "criu");
    /** Tools that change a running process's limits or scheduling when given its PID. */
    private static final Set<String> TUNERS = Set.of("prlimit", "renice", "taskset", "cpulimit", "chrt", "ionice");
    private static final Set<String> UNINSTALLERS = Set.of("npm", "pnpm", "yarn", "pip", "pipx", "brew", "apt",
            "apt-get", "dnf", "yum", "pacman", "apk", "snap", "cargo", "gem", "go", "uv", "dpkg", "rpm", "port", "nix-env");
    private static final Set<String> AGENT_CLIS = Set.of("claude", "codex", "gemini", "cursor-agent", "aider",
            "autogpt", "opencode", "amp", "goose", "openhands", "qwen", "crush", "npx", "bunx", "pnpx", "node", "cline",
            "copilot", "q", "droid", "kiro", "kiro-cli", "cursor", "claude-code", "junie", "kimi", "plandex");
    private static final Set<String> OFF_VALUES = Set.of("disabled", "disable", "off", "false", "0", "no", "none",
            "bypass", "allow", "allow-all", "permissive", "monitor", "audit", "dry-run", "dryrun", "skip", "passthrough");
    private static final String[] ENV_GUARD_NAMES = {"WARDEN", "RAMPART", "SHGUARD", "SH_GUARD", "BASHGUARD", "GUARD"};
    private static final String[] OVERSIGHT_WORDS = {"oversight", "guard", "safety", "audit", "hook", "approval",
            "sandbox", "permission", "security", "warden", "monitor", "protect", "verify", "confirm", "review"};

    @Override
    public String name() {
        return "self";
    }

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public Set<String> programs() {
        return Set.of();
    }

    @Override
    public boolean everyCommand() {
        return true;
    }

    @Override
    public boolean inspectsPaths() {
        return true;
    }

    @Override
    public void inspect(Invocation c, Report out) {
        String prog = c.program();
        if (!c.env().isEmpty()) {
            guardEnvironment(c, c.env(), out);
        }
        if (GUARDS.contains(prog)) {
            guardCli(c, out);
        } else if (KILLERS.contains(prog)) {
            stopGuard(c, out);
        } else if (prog.equals("fuser") && c.flag("-k", "--kill")) {
            // fuser -k ~/.warden/x: every process holding a file of Warden's, Warden itself; fuser -k 8787/tcp: its port
            for (String o : c.operands(Set.of("-s", "-n", "--namespace", "-SIGNAL"))) {
                java.util.Optional<java.nio.file.Path> path = o.indexOf('/') >= 0 && !o.endsWith("/tcp") && !o.endsWith("/udp")
                        ? c.path(o) : java.util.Optional.empty();
                boolean held = path.isPresent() && (under(path.get().toString(), c.context().home().resolve(".warden").toString())
                        || c.context().protectedPaths().stream().anyMatch(pp -> under(path.get().toString(), pp.toString())));
                if (held || o.equals("8787/tcp") || o.toLowerCase(Locale.ROOT).contains("warden")) {
                    out.add(GUARD_TAMPER.finding("kills the processes that hold " + o + ", Warden's own", c.text()));
                    return;
                }
            }
        } else if (ATTACHERS.contains(prog)) {
            // jcmd $(pgrep -f warden) GC.heap_dump, gdb -p PID, gcore: its memory holds keys and tokens,
            // and a debugger can change what it decides
            // prlimit --pid "$(pgrep -f warden)" --nofile=3:3: starved of files, it can no longer answer
            boolean attaches = !(prog.equals("gdb") || prog.equals("strace") || prog.equals("ltrace")
                    || prog.equals("lldb") || TUNERS.contains(prog)) || c.flag("-p", "--pid", "--attach-pid", "-t", "--tree")
                    || c.option("-p", "--pid").isPresent();
            // (pidof java | xargs prlimit --pid: the pipeline chose the process, as for kill)
            String text = dev.warden.analysis.GuardSelectors.unbracket(
                    (c.via("xargs") ? c.upstream() + c.text() : c.text()).toLowerCase(Locale.ROOT));
            String what = TUNERS.contains(prog) ? "changes the limits or scheduling of " : prog.equals("criu")
                    ? "checkpoints (and by default stops) " : "attaches to or dumps the memory of ";
            boolean found = false;
            for (String g : GUARDS) {
                if (attaches && mentionsAsWord(text, g)) {
                    out.add(GUARD_TAMPER.finding(what + g, c.text()));
                    found = true;
                    break;
                }
            }
            String pattern = attaches && !found ? dev.warden.analysis.GuardSelectors.selectsGuard(text) : null;
            if (pattern != null) {
                out.add(GUARD_TAMPER.finding(what + "processes matching '" + pattern + "', which Warden's process matches",
                        c.text()));
            }
        } else if (UNINSTALLERS.contains(prog)) {
            uninstallGuard(c, out);
        } else if (AGENT_CLIS.contains(prog) || prog.contains("gpt")) {
            unsupervised(c, out);
        } else if (prog.equals("export") || prog.equals("declare") || prog.equals("typeset") || prog.equals("env")) {
            guardEnvironment(c, assignments(c), out);
        } else if (prog.equals("alias") || prog.equals("unalias")) {
            for (String a : c.args()) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a : a.substring(0, eq);
                if (GUARDS.contains(name)) {
                    out.add(GUARD_TAMPER.finding("redefines the " + name + " command with an alias", c.text()));
                }
            }
        } else if (prog.equals("sed") || prog.equals("gsed") || prog.equals("perl")) {
            oversightEdit(c, out);
        }
        if (prog.equals("curl") || prog.equals("wget") || prog.equals("http") || prog.equals("https")
                || prog.equals("xh") || prog.equals("httpie") || prog.equals("fetch")) {
            approvalEndpoint(c, out);
        } else if (RAW_CLIENTS.contains(prog)) {
            // printf 'POST /v1/approvals/42/approve HTTP/1.0\r\n\r\n' | nc localhost 8787: the request as text
            c.stdin().ifPresent(request -> {
                if (approves(request)) {
                    out.add(SELF_APPROVAL.finding(c.text()));
                }
            });
        }
        // an agent started with checks off, whatever launcher it came through
        for (String a : c.args()) {
            if (a.equals("--dangerously-skip-permissions") || a.equals("--dangerously-bypass-approvals-and-sandbox")
                    || a.equals("--allow-dangerously-skip-permissions")) {
                out.add(UNSUPERVISED.finding(c.text()));
                break;
            }
        }
    }

    private static Map<String, String> assignments(Invocation c) {
        java.util.HashMap<String, String> m = new java.util.HashMap<>();
        for (String a : c.args()) {
            if (Invocation.isAssignment(a)) {
                int eq = a.indexOf('=');
                m.put(a.substring(0, eq), a.substring(eq + 1));
            }
        }
        return m;
    }

    private static void guardEnvironment(Invocation c, Map<String, String> env, Report out) {
        for (Map.Entry<String, String> e : env.entrySet()) {
            String k = e.getKey().toUpperCase(Locale.ROOT);
            String v = e.getValue().toLowerCase(Locale.ROOT).replace("\"", "").replace("'", "");
            for (String g : ENV_GUARD_NAMES) {
                if (k.contains(g) && OFF_VALUES.contains(v)) {
                    out.add(GUARD_TAMPER.finding("switches a guard off through " + e.getKey() + "=" + e.getValue(), c.text()));
                    return;
                }
            }
        }
    }

    private static void guardCli(Invocation c, Report out) {
        for (String a : c.args()) {
            if (READ_ONLY.contains(a)) {
                return;
            }
        }
        List<String> ops = c.operands();
        if (c.program().equals("warden") && !ops.isEmpty() && (ops.contains("approve") || ops.contains("grant")
                || ops.contains("decide"))) {
            out.add(SELF_APPROVAL.finding(c.text()));
            return;
        }
        out.add(GUARD_TAMPER.finding("runs " + c.program() + " to change its setup or state", c.text()));
    }

    private static void stopGuard(Invocation c, Report out) {
        // ps aux | grep warden | awk '{print $2}' | xargs kill: the pipeline chose what xargs kills
        String text = dev.warden.analysis.GuardSelectors.unbracket(
                (c.via("xargs") ? c.upstream() + c.text() : c.text()).toLowerCase(Locale.ROOT)); // grep '[w]arden' matches warden
        String prog = c.program();
        List<String> ops = c.operands();
        if (prog.equals("systemctl") || prog.equals("service") || prog.equals("launchctl") || prog.equals("rc-service")
                || prog.equals("sv") || prog.equals("supervisorctl") || prog.equals("pm2") || prog.equals("docker")
                || prog.equals("podman")) {
            boolean stopping = false;
            for (String o : ops) {
                switch (o) {
                    case "stop", "disable", "mask", "kill", "unload", "bootout", "remove", "delete", "rm", "down",
                            "restart", "reload", "uninstall", "unregister" -> stopping = true;
                    default -> { }
                }
            }
            if (!stopping) {
                return;
            }
        }
        for (String g : GUARDS) {
            if (text.contains(g) && mentionsAsWord(text, g)) {
                out.add(GUARD_TAMPER.finding("stops or kills " + g, c.text()));
                return;
            }
        }
        String pattern = dev.warden.analysis.GuardSelectors.selectsGuard(text);
        if (pattern != null) {
            out.add(GUARD_TAMPER.finding("kills processes matching '" + pattern + "', which Warden's process matches", c.text()));
        }
    }

    private static boolean mentionsAsWord(String text, String word) {
        int i = text.indexOf(word);
        while (i >= 0) {
            boolean startOk = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '-';
            int end = i + word.length();
            boolean endOk = end >= text.length() || !Character.isLetter(text.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            i = text.indexOf(word, i + 1);
        }
        return false;
    }

    private static void uninstallGuard(Invocation c, Report out) {
        boolean removing = false;
        for (String o : c.operands()) {
            switch (o) {
                case "uninstall", "remove", "rm", "un", "r", "erase", "purge", "del", "-e", "autoremove" -> removing = true;
                default -> {
                    if (removing && GUARDS.contains(o.toLowerCase(Locale.ROOT))) {
                        out.add(GUARD_TAMPER.finding("uninstalls " + o, c.text()));
                        return;
                    }
                }
            }
        }
        if (c.program().equals("pacman") && c.flag("-R") || c.program().equals("dpkg") && c.flag("-r", "-P", "--remove", "--purge")) {
            for (String o : c.operands()) {
                if (GUARDS.contains(o)) {
                    out.add(GUARD_TAMPER.finding("uninstalls " + o, c.text()));
                    return;
                }
            }
        }
    }

    private static void unsupervised(Invocation c, Report out) {
        String prog = c.program();
        List<String> args = c.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String next = i + 1 < args.size() ? args.get(i + 1) : "";
            String l = a.toLowerCase(Locale.ROOT);
            if (a.equals("--yolo") || a.equals("--continuous") || a.equals("--yes-always")
                    || (prog.equals("gemini") && a.equals("-y")) || a.equals("bypassPermissions")
                    || a.endsWith("=bypassPermissions") || l.startsWith("--dangerously") || l.contains("skip-permissions")
                    || l.contains("trust-all") || l.startsWith("--allow-all") || l.contains("danger-full-access")
                    || a.equals("--approval-mode=yolo") || a.equals("--approval-mode") && next.equals("yolo")
                    || l.equals("approval_policy=never") || (a.equals("-a") || a.equals("--ask-for-approval"))
                    && next.equals("never") || a.equals("--ask-for-approval=never")
                    || (prog.equals("cursor-agent") || prog.equals("cursor")) && (a.equals("--force") || a.equals("-f"))) {
                out.add(UNSUPERVISED.finding(c.text()));
                return;
            }
            if (a.equals("--settings") && next.contains("disableAllHooks") || a.startsWith("--settings=")
                    && a.contains("disableAllHooks")) {
                out.add(TAMPER.finding("starts Claude Code with its hooks (Warden among them) switched off", c.text()));
                return;
            }
            if (a.equals("--setting-sources") || a.startsWith("--setting-sources=")) {
                // the settings that install Warden's hooks may be left out
                out.add(UNSUPERVISED.finding("starts Claude Code with only some of its settings files (Warden's hooks may "
                        + "not load)", c.text()));
                return;
            }
            if (a.equals("mcp") && next.equals("add") || a.equals("mcp") && next.equals("add-json")) {
                out.add(AGENT_CONFIG.finding("adds an MCP server to an agent: it runs whenever the agent starts", c.text()));
                return;
            }
        }
        Map<String, String> env = c.env();
        boolean launcher = prog.equals("npx") || prog.equals("bunx") || prog.equals("pnpx") || prog.equals("node");
        if (!launcher && (env.containsKey("HOME") || env.containsKey("CLAUDE_CONFIG_DIR") || env.containsKey("XDG_CONFIG_HOME")
                || env.containsKey("CODEX_HOME") || env.containsKey("GEMINI_CONFIG_DIR"))) {
            out.add(UNSUPERVISED.finding("starts an agent with another configuration directory, without the hooks "
                    + "installed for this user", c.text()));
        }
    }

    private static void oversightEdit(Invocation c, Report out) {
        for (String a : c.args()) {
            String l = a.toLowerCase(Locale.ROOT);
            if (l.indexOf('/') < 0 || l.length() > 2000) {
                continue;
            }
            boolean on = l.contains("true") || l.contains("enabled") || l.contains(": on") || l.contains("=on")
                    || l.contains("enforce") || l.contains("strict");
            boolean off = l.contains("false") || l.contains("disabled") || l.contains(": off") || l.contains("=off")
                    || l.contains("permissive") || l.contains("monitor") || l.contains("audit_only");
            if (on && off && mentions(l)) {
                out.add(DISABLE_OVERSIGHT.finding(c.text()));
                return;
            }
        }
    }

    private static boolean mentions(String l) {
        for (String w : OVERSIGHT_WORDS) {
            if (l.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** Programs that send whatever text they are given to a socket. */
    private static final Set<String> RAW_CLIENTS = Set.of("nc", "ncat", "netcat", "socat", "telnet", "openssl", "busybox");

    private static void approvalEndpoint(Invocation c, Report out) {
        for (String a : c.args()) {
            if (approves(a)) {
                out.add(SELF_APPROVAL.finding(c.text()));
                return;
            }
        }
    }

    /** A URL or request naming an approval and a decision ({@code /v1/approvals/42/approve}). */
    private static boolean approves(String text) {
        String l = text.toLowerCase(Locale.ROOT);
        return (l.contains("/approvals/") || l.contains("/approval/") || l.contains("/approve"))
                && (l.contains("approve") || l.contains("grant") || l.contains("decide") || l.contains("decision"));
    }

    // ---- paths -----------------------------------------------------------------------------

    @Override
    public void inspectPath(PathUse use, AnalysisContext ctx, Report out) {
        if (use.access() == PathUse.Access.READ || use.access() == PathUse.Access.EXECUTE
                || use.access() == PathUse.Access.LIST) {
            return;
        }
        String p = use.path();
        // a pattern (rm -rf .cla*) reaches this pack as each name it can match (Glob.candidates);
        // one that ends a path (.claude/*) changes what is in its directory
        int slash = p.lastIndexOf('/');
        if (slash > 0 && dev.warden.analysis.Glob.isGlob(p.substring(slash + 1))) {
            inspectPath(new PathUse(p.substring(0, slash), use.access(), use.origin()), ctx, out);
            return;
        }
        for (Path prot : ctx.protectedPaths()) {
            if (under(p, prot.toString())) {
                out.add(TAMPER.finding("changes Warden's protected file " + p, use.origin()));
                return;
            }
        }
        String home = ctx.home().toString();
        String project = ctx.projectRoot().toString();
        String homeRel = under(p, home) && p.length() > home.length() ? p.substring(home.length() + 1) : null;
        String projRel = under(p, project) && p.length() > project.length() ? p.substring(project.length() + 1) : null;
        if (homeRel != null) {
            if (homeRel.equals(".warden") || homeRel.startsWith(".warden/") || homeRel.equals(".claude/settings.json")
                    || homeRel.equals(".claude/settings.local.json") || homeRel.startsWith(".claude/hooks")
                    || homeRel.equals(".claude") || homeRel.equals(".config/warden") || homeRel.startsWith(".config/warden/")) {
                out.add(TAMPER.finding("changes Warden's or Claude Code's hook configuration: " + p, use.origin()));
                return;
            }
            if (agentConfigInHome(homeRel)) {
                out.add(AGENT_CONFIG.finding(AGENT_CONFIG.description() + ": " + p, use.origin()));
                return;
            }
            String guard = guardPath(homeRel);
            if (guard != null) {
                out.add(GUARD_TAMPER.finding("changes the files of " + guard + ": " + p, use.origin()));
                return;
            }
        }
        if (projRel != null) {
            if (projRel.equals(".warden") || projRel.startsWith(".warden/") || projRel.equals(".claude/settings.json")
                    || projRel.equals(".claude/settings.local.json") || projRel.startsWith(".claude/hooks")
                    || projRel.equals(".claude")) {
                out.add(TAMPER.finding("changes Warden's policy or the project's hook settings: " + p, use.origin()));
                return;
            }
            if (projRel.equals(".mcp.json") || projRel.startsWith(".claude/agents") || projRel.startsWith(".claude/skills")
                    || projRel.startsWith(".claude/commands") || projRel.equals(".cursor/mcp.json")
                    || projRel.equals(".cursor/hooks.json") || projRel.equals(".gemini/settings.json")
                    || projRel.equals(".codex/config.toml") || projRel.equals(".vscode/mcp.json")) {
                out.add(AGENT_CONFIG.finding(AGENT_CONFIG.description() + ": " + p, use.origin()));
                return;
            }
        }
        if (p.startsWith("/etc/claude-code") || p.startsWith("/Library/Application Support/ClaudeCode")
                || p.startsWith("/etc/warden") || p.equals("/usr/local/bin/warden")) {
            out.add(TAMPER.finding("changes managed Claude Code or Warden settings: " + p, use.origin()));
            return;
        }
        if (p.startsWith("/usr/local/bin/") || p.startsWith("/usr/bin/") || p.startsWith("/opt/") || p.startsWith("/etc/")) {
            String name = p.substring(p.lastIndexOf('/') + 1);
            for (String g : GUARDS) {
                if (name.equals(g) || name.startsWith(g + "-") || name.startsWith(g + ".") || p.contains("/" + g + "/")) {
                    out.add(GUARD_TAMPER.finding("changes the files of " + g + ": " + p, use.origin()));
                    return;
                }
            }
        }
    }

    private static boolean agentConfigInHome(String rel) {
        return rel.equals(".claude.json") || rel.equals(".claude/CLAUDE.md") || rel.startsWith(".claude/skills")
                || rel.startsWith(".claude/agents") || rel.startsWith(".claude/commands") || rel.startsWith(".claude/plugins")
                || rel.startsWith(".claude/output-styles") || rel.startsWith(".claude/rules")
                || rel.startsWith(".claude/projects/") && rel.contains("/memory") || rel.startsWith(".codex/config")
                || rel.startsWith(".codex/hooks") || rel.equals(".codex/AGENTS.md") || rel.startsWith(".codex/rules")
                || rel.equals(".codex") || rel.startsWith(".gemini/settings") || rel.equals(".gemini/GEMINI.md")
                || rel.startsWith(".cursor/mcp") || rel.startsWith(".cursor/hooks") || rel.startsWith(".cursor/rules")
                || rel.startsWith(".config/opencode") || rel.startsWith(".aider.conf") || rel.startsWith(".continue/config")
                || rel.equals(".config/claude/settings.json") || rel.startsWith(".codeium/windsurf/mcp");
    }

    private static String guardPath(String rel) {
        for (String g : GUARDS) {
            if (rel.equals("." + g) || rel.startsWith("." + g + "/") || rel.startsWith(".config/" + g + "/")
                    || rel.equals(".config/" + g) || rel.startsWith(".local/bin/" + g) || rel.startsWith(".local/share/" + g)) {
                return g;
            }
        }
        return null;
    }

    private static boolean under(String p, String root) {
        return p.equals(root) || p.length() > root.length() && p.startsWith(root) && p.charAt(root.length()) == '/';
    }
}
