package dev.warden.analysis.sys;

import static dev.warden.call.Severity.CRITICAL;
import static dev.warden.call.Severity.HIGH;
import static dev.warden.call.Severity.LOW;
import static dev.warden.call.Severity.MEDIUM;

import dev.warden.analysis.AnalysisContext;
import dev.warden.analysis.Invocation;
import dev.warden.analysis.Pack;
import dev.warden.analysis.Report;
import dev.warden.analysis.Rule;
import dev.warden.call.PathUse;
import dev.warden.call.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The machine itself: power, processes, services, schedulers, firewalls, accounts, kernel,
 * platform security switches. Read-only forms ({@code systemctl status}, {@code crontab -l},
 * {@code iptables -L}, {@code csrutil status}) are left alone.
 */
final class SysPack implements Pack {

    static final Rule POWER = new Rule("sys.power", HIGH,
            "shuts down or reboots the machine", "sudo reboot", "ask the user to restart the machine");
    static final Rule KILL_ALL = new Rule("sys.kill-all", CRITICAL,
            "kills every process the user can signal (or init)", "kill -9 -1", "kill the specific process you started, by its pid");
    static final Rule KILL = new Rule("sys.kill", MEDIUM,
            "kills processes by name or with SIGKILL, which may hit other users' or agents' processes",
            "pkill -9 node", "kill the specific process you started, by its pid, with the default signal");
    static final Rule FORK_BOMB = new Rule("sys.fork-bomb", CRITICAL,
            "a fork bomb: a function that spawns itself until the machine stops responding", ":(){ :|:& };:",
            "never run self-replicating shell functions");
    static final Rule SERVICE = new Rule("sys.service", MEDIUM,
            "stops, disables or changes a system service", "systemctl stop nginx", "ask the user to manage services");
    static final Rule SCHEDULE = new Rule("sys.schedule", MEDIUM,
            "schedules commands to run later (cron, at, launchd), out of Warden's sight", "crontab -e",
            "run the command now, in the foreground");
    static final Rule CRON_WIPE = new Rule("sys.cron-wipe", HIGH,
            "deletes the user's whole crontab", "crontab -r", "edit the specific entry with the user");
    static final Rule FIREWALL = new Rule("sys.firewall", HIGH,
            "changes or disables the firewall", "iptables -F", "ask the user to change firewall rules");
    static final Rule ACCOUNTS = new Rule("sys.accounts", HIGH,
            "creates, changes or deletes user accounts, groups or passwords", "userdel bob",
            "ask the user to manage accounts");
    static final Rule KERNEL = new Rule("sys.kernel", HIGH,
            "loads kernel modules, changes kernel parameters or grants capabilities", "insmod /tmp/evil.ko",
            "ask the user");
    static final Rule PLATFORM_SECURITY = new Rule("sys.platform-security", CRITICAL,
            "switches off a platform security protection (SIP, Gatekeeper, SELinux, AppArmor, audit rules)",
            "csrutil disable", "never turn platform protections off");
    static final Rule MOUNT = new Rule("sys.mount", MEDIUM,
            "mounts or unmounts file systems or swap", "mount /dev/sda1 /mnt", "ask the user to mount volumes");
    static final Rule SETTINGS = new Rule("sys.settings", MEDIUM,
            "changes system or firmware settings (nvram, network, defaults, time, host name)",
            "networksetup -setdnsservers Wi-Fi 1.1.1.1", "ask the user to change system settings");
    static final Rule LOGS = new Rule("sys.logs", HIGH,
            "deletes or disables system logs or shell history (covers tracks)", "history -c",
            "leave logs and history alone");

    static final List<Rule> RULES = List.of(POWER, KILL_ALL, KILL, FORK_BOMB, SERVICE, SCHEDULE, CRON_WIPE, FIREWALL,
            ACCOUNTS, KERNEL, PLATFORM_SECURITY, MOUNT, SETTINGS, LOGS);

    private static final Set<String> PROGRAMS = Set.of("loginctl", "shutdown", "reboot", "halt", "poweroff", "init", "telinit",
            "systemctl", "service", "launchctl", "kill", "pkill", "killall", "skill", "crontab", "at", "batch", "systemd-run",
            "iptables", "ip6tables", "iptables-restore", "nft", "ufw", "pfctl", "firewall-cmd", "userdel", "deluser",
            "groupdel", "delgroup", "useradd", "adduser", "usermod", "groupadd", "groupmod", "passwd", "chpasswd",
            "gpasswd", "visudo", "vipw", "chsh", "dscl", "sysadminctl", "mount", "umount", "swapoff", "swapon",
            "insmod", "rmmod", "modprobe", "kextload", "kextunload", "sysctl", "setcap", "ldconfig", "csrutil",
            "nvram", "spctl", "networksetup", "defaults", "setenforce", "aa-disable", "aa-teardown", "aa-complain",
            "auditctl", "journalctl", "hostnamectl", "timedatectl", "scutil", "pmset", "bless", "tmutil", "history",
            "unset", "shred", "rc-service", "update-rc.d", "chkconfig", "sv", "wall", "set", "ip", "tc", "nmcli",
            "resolvectl", "rfkill", "cryptsetup", "incrontab", "anacron", "pm2", "fail2ban-client");
    private static final Set<String> CRITICAL_UNITS = Set.of("ssh", "sshd", "networking", "network", "networkmanager",
            "systemd-networkd", "systemd-resolved", "firewalld", "ufw", "auditd", "apparmor", "docker", "containerd",
            "cron", "crond", "rsyslog", "syslog", "systemd-journald", "dbus", "getty", "kubelet", "nftables", "iptables");

    @Override
    public String name() {
        return "sys";
    }

    /** Shell and REPL history files, relative to home: replacing or erasing one covers tracks. */
    private static final java.util.Set<String> HISTORY = java.util.Set.of(".bash_history", ".zsh_history",
            ".history", ".sh_history", ".ksh_history", ".local/share/fish/fish_history", ".python_history",
            ".node_repl_history", ".psql_history", ".mysql_history", ".sqlite_history", ".irb_history",
            ".lesshst", ".zhistory");

    @Override
    public boolean inspectsPaths() {
        return true;
    }

    @Override
    public void inspectPath(PathUse use, AnalysisContext context, Report out) {
        if (use.access() != PathUse.Access.WRITE && use.access() != PathUse.Access.DELETE) {
            return;
        }
        String home = context.home().toString();
        String p = use.path();
        if (p.length() > home.length() + 1 && p.startsWith(home) && p.charAt(home.length()) == '/'
                && HISTORY.contains(p.substring(home.length() + 1))) {
            out.add(LOGS.finding("erases, replaces or forges shell history: " + p, use.origin()));
        }
    }

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public Set<String> programs() {
        return PROGRAMS;
    }

    @Override
    public void inspect(Invocation c, Report out) {
        List<String> ops = c.operands();
        String sub = ops.isEmpty() ? "" : ops.get(0);
        String text = c.text();
        switch (c.program()) {
            case "shutdown", "reboot", "halt", "poweroff" -> {
                if (!c.flag("--help", "-h") || c.program().equals("shutdown")) {
                    if (!c.flag("--help", "-c")) {
                        out.add(POWER.finding(text));
                    }
                }
            }
            case "init", "telinit" -> {
                if (sub.equals("0") || sub.equals("6") || sub.equals("1") || sub.equalsIgnoreCase("s")) {
                    out.add(POWER.finding(text));
                }
            }
            case "systemctl" -> {
                if (ops.contains("set-environment") || ops.contains("import-environment")) {
                    // every user service started from now on gets these variables (LD_PRELOAD=...)
                    out.add(SERVICE.finding(c.args().stream().anyMatch(x -> x.startsWith("LD_") || x.startsWith("DYLD_"))
                            ? HIGH : MEDIUM, "sets the environment of every service the manager starts later", text));
                    return;
                }
                systemctl(c, ops, out);
            }
            case "pm2" -> {
                if (sub.equals("startup") || sub.equals("save") && c.text().contains("startup")) {
                    // pm2 startup installs a boot service that restarts every saved process
                    out.add(SERVICE.finding("makes the saved processes start at every boot (pm2 startup)", text));
                }
            }
            case "fail2ban-client" -> {
                if (sub.equals("unban") || sub.equals("stop") || ops.size() > 2 && ops.get(0).equals("set")
                        && (ops.get(2).equals("unbanip") || ops.get(2).equals("addignoreip"))) {
                    out.add(FIREWALL.finding(MEDIUM, "lifts bans or stops the intrusion blocker (fail2ban-client "
                            + String.join(" ", ops) + ")", text));
                }
            }
            case "incrontab", "anacron" -> {
                if (!c.flag("-l", "--list", "-T", "-n") || c.program().equals("anacron") && c.flag("-t")) {
                    out.add(SCHEDULE.finding("schedules commands on file events or periodic jobs (" + c.program() + ")", text));
                }
            }
            case "loginctl" -> {
                if (!ops.isEmpty() && ops.get(0).equals("enable-linger")) {
                    // the user's services start at boot and outlive every session
                    out.add(SERVICE.finding("keeps the user's services running after logout and starts them at boot "
                            + "(enable-linger)", text));
                }
            }
            case "service", "rc-service", "sv" -> {
                if (ops.size() >= 2 && isStop(ops.get(1)) || isStop(sub)) {
                    unit(c, ops.size() >= 2 ? ops.get(0) : sub, out);
                }
            }
            case "update-rc.d", "chkconfig" -> {
                if (ops.contains("disable") || ops.contains("remove") || ops.contains("off")) {
                    out.add(SERVICE.finding(text));
                }
            }
            case "launchctl" -> {
                switch (sub) {
                    case "reboot", "halt" -> out.add(POWER.finding(text));
                    case "load", "bootstrap", "submit", "enable", "kickstart" -> out.add(SCHEDULE.finding(
                            "registers a launchd job that runs outside Warden's sight", text));
                    case "unload", "bootout", "remove", "disable", "stop", "kill" -> out.add(SERVICE.finding(text));
                    default -> { }
                }
            }
            case "kill", "skill" -> kill(c, out);
            case "pkill", "killall" -> {
                if (!c.flag("--help", "-l", "--list", "-V", "--version")) {
                    if (c.flag("-u", "--user") && ops.isEmpty() || ops.contains("-1")) {
                        out.add(KILL_ALL.finding(text));
                    } else {
                        out.add(KILL.finding(text));
                    }
                }
            }
            case "systemd-run" -> {
                for (String a : c.args()) {
                    if (a.equals("--")) {
                        break;
                    }
                    if (a.startsWith("--on-") || a.startsWith("--timer-property")) {
                        // a transient timer: the command runs again later, every time it fires
                        out.add(SCHEDULE.finding("schedules a command with a systemd timer (" + a + ")", text));
                        break;
                    }
                }
            }
            case "crontab" -> {
                if (c.flag("-r")) {
                    out.add(CRON_WIPE.finding(text));
                } else if (!c.flag("-l") || !ops.isEmpty()) {
                    if (!c.flag("-l")) {
                        out.add(SCHEDULE.finding(text));
                    }
                }
            }
            case "at", "batch" -> {
                if (!c.flag("-l", "-c", "-V", "--help", "-r", "-d") || c.program().equals("batch")) {
                    out.add(SCHEDULE.finding(text));
                }
            }
            case "iptables", "ip6tables", "iptables-restore" -> {
                if (c.flag("-L", "--list", "-S", "--list-rules", "-C", "--check", "--help", "-h", "--version")) {
                    return;
                }
                boolean flush = c.flag("-F", "--flush", "-X", "--delete-chain", "-P", "--policy", "-Z");
                out.add(FIREWALL.finding(flush ? HIGH : MEDIUM, flush ? "flushes firewall rules or changes default policies"
                        : "changes firewall rules", text));
            }
            case "nft" -> {
                String line = String.join(" ", ops);
                if (!(line.startsWith("list") || line.startsWith("-a list") || c.flag("--help", "-v"))) {
                    boolean flush = line.startsWith("flush") || line.startsWith("delete");
                    out.add(FIREWALL.finding(flush ? HIGH : MEDIUM, FIREWALL.description(), text));
                }
            }
            case "ufw" -> {
                if (sub.equals("disable") || sub.equals("reset")) {
                    out.add(FIREWALL.finding(text));
                } else if (!sub.equals("status") && !sub.isEmpty() && !sub.equals("app") && !sub.equals("version")) {
                    out.add(FIREWALL.finding(MEDIUM, FIREWALL.description(), text));
                }
            }
            case "pfctl" -> {
                if (c.flag("-d", "-F", "-f", "-e")) {
                    out.add(FIREWALL.finding(c.flag("-d", "-F") ? HIGH : MEDIUM, FIREWALL.description(), text));
                }
            }
            case "firewall-cmd" -> {
                for (String a : c.args()) {
                    if (a.startsWith("--add") || a.startsWith("--remove") || a.startsWith("--set") || a.equals("--panic-on")
                            || a.startsWith("--reload") || a.startsWith("--change") || a.startsWith("--permanent")) {
                        out.add(FIREWALL.finding(MEDIUM, FIREWALL.description(), text));
                        return;
                    }
                }
            }
            case "userdel", "deluser", "groupdel", "delgroup", "useradd", "adduser", "usermod", "groupadd",
                    "groupmod", "chpasswd", "gpasswd", "visudo", "vipw", "chsh", "sysadminctl" -> {
                if (!c.flag("--help", "-h")) {
                    out.add(ACCOUNTS.finding(text));
                }
            }
            case "passwd" -> {
                if (!c.flag("-S", "--status", "--help")) {
                    out.add(ACCOUNTS.finding(text));
                }
            }
            case "dscl" -> dscl(c, out);
            case "mount", "umount", "swapoff", "swapon" -> {
                if (!(c.program().equals("mount") && (c.args().isEmpty() || c.flag("-l", "--list", "--help", "-V")))
                        && !(c.program().equals("swapon") && c.flag("--show", "-s", "--summary"))) {
                    out.add(MOUNT.finding(text));
                }
            }
            case "insmod", "rmmod", "kextload", "kextunload" -> out.add(KERNEL.finding(text));
            case "modprobe" -> {
                if (!c.flag("-n", "--dry-run", "--show-depends", "-c", "--showconfig", "--help")) {
                    out.add(KERNEL.finding(text));
                }
            }
            case "sysctl" -> {
                if (c.flag("-w", "--write", "-p", "--load", "--system") || hasAssignment(ops)) {
                    out.add(KERNEL.finding(text));
                }
            }
            case "setcap" -> {
                if (!c.flag("-v")) {
                    out.add(KERNEL.finding("grants file capabilities (privileges) to a program", text));
                }
            }
            case "ldconfig" -> {
                if (!ops.isEmpty() || c.flag("-f")) {
                    out.add(KERNEL.finding("adds library directories to the system's dynamic linker", text));
                }
            }
            case "csrutil" -> {
                if (ops.contains("disable") || ops.contains("clear") || sub.equals("netboot") && ops.contains("add")) {
                    out.add(PLATFORM_SECURITY.finding(text));
                } else if (ops.contains("enable")) {
                    out.add(SETTINGS.finding(text));
                }
            }
            case "spctl" -> {
                if (c.flag("--master-disable", "--global-disable", "--disable", "--add")) {
                    out.add(PLATFORM_SECURITY.finding(text));
                }
            }
            case "setenforce" -> {
                if (sub.equals("0") || sub.equalsIgnoreCase("permissive")) {
                    out.add(PLATFORM_SECURITY.finding(text));
                }
            }
            case "aa-disable", "aa-teardown", "aa-complain" -> out.add(PLATFORM_SECURITY.finding(text));
            case "auditctl" -> {
                if (c.flag("-D", "-e")) {
                    out.add(PLATFORM_SECURITY.finding("deletes or disables audit rules", text));
                } else if (c.flag("-a", "-w", "-A", "-W", "-d")) {
                    out.add(SETTINGS.finding(text));
                }
            }
            case "journalctl" -> {
                if (c.flag("--vacuum-time", "--vacuum-size", "--vacuum-files", "--rotate", "--flush")) {
                    out.add(LOGS.finding(MEDIUM, "deletes or rotates system journal entries", text));
                }
            }
            case "nvram" -> nvram(c, out);
            case "ip", "tc", "nmcli", "resolvectl", "rfkill" -> network(c, ops, out);
            case "cryptsetup" -> {
                if (ops.contains("luksAddKey") || ops.contains("luksChangeKey") || ops.contains("token")
                        && ops.contains("add")) {
                    out.add(ACCOUNTS.finding("adds or changes a passphrase of an encrypted disk", text));
                } else if (ops.contains("luksErase") || ops.contains("erase") || ops.contains("luksKillSlot")
                        || ops.contains("luksRemoveKey") || ops.contains("luksFormat")) {
                    out.add(ACCOUNTS.finding("removes the keys of an encrypted disk: its data can no longer be opened",
                            text));
                }
            }
            case "networksetup" -> {
                for (String a : c.args()) {
                    if (a.startsWith("-set") || a.startsWith("-delete") || a.startsWith("-remove") || a.startsWith("-add")
                            || a.startsWith("-create") || a.startsWith("-switch") || a.startsWith("-detect")) {
                        out.add(SETTINGS.finding(text));
                        return;
                    }
                }
                if (c.args().isEmpty()) {
                    out.add(SETTINGS.finding(LOW, "runs networksetup without a command", text));
                }
            }
            case "defaults" -> {
                if (sub.equals("write") || sub.equals("delete") || sub.equals("import") || sub.equals("rename")) {
                    String line = String.join(" ", ops).toLowerCase(Locale.ROOT);
                    if (line.contains("loginhook") || line.contains("logouthook") || line.contains("loginwindow")) {
                        out.add(SCHEDULE.finding(HIGH, "installs a login hook that runs a program at every login", text));
                    } else {
                        out.add(SETTINGS.finding(text));
                    }
                }
            }
            case "hostnamectl", "timedatectl", "scutil", "pmset", "bless", "tmutil" -> {
                if (sub.startsWith("set") || sub.equals("--set") || c.flag("--set") || sub.equals("delete")
                        || sub.equals("disable") || sub.startsWith("-a") || sub.equals("-c") || c.program().equals("bless")
                        || sub.equals("deletelocalsnapshots") || sub.equals("thinlocalsnapshots")) {
                    out.add(SETTINGS.finding(text));
                }
            }
            case "history" -> {
                if (c.flag("-c", "-d", "-w") && !c.flag("-a")) {
                    out.add(LOGS.finding(text));
                }
            }
            case "set" -> {
                // set +o history: nothing after it reaches the history list
                List<String> args = c.args();
                for (int i = 0; i + 1 < args.size(); i++) {
                    if (args.get(i).equals("+o") && args.get(i + 1).equals("history")) {
                        out.add(LOGS.finding(MEDIUM, "stops recording shell history (set +o history)", text));
                    }
                }
            }
            case "unset" -> {
                for (String o : ops) {
                    if (o.equals("HISTFILE")) {
                        out.add(LOGS.finding(MEDIUM, "stops recording shell history", text));
                    }
                }
            }
            case "shred" -> {
                for (String o : ops) {
                    if (o.contains("history") || o.startsWith("/var/log")) {
                        out.add(LOGS.finding(text));
                        return;
                    }
                }
            }
            case "wall" -> out.add(SETTINGS.finding(LOW, "broadcasts a message to every logged-in user", text));
            default -> { }
        }
    }

    private static boolean hasAssignment(List<String> ops) {
        for (String o : ops) {
            if (o.indexOf('=') > 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isStop(String verb) {
        return switch (verb) {
            case "stop", "disable", "mask", "kill", "restart", "reload", "down", "force-stop", "zap", "isolate" -> true;
            default -> false;
        };
    }

    private static void systemctl(Invocation c, List<String> ops, Report out) {
        if (ops.isEmpty()) {
            return;
        }
        String verb = ops.get(0);
        switch (verb) {
            case "poweroff", "reboot", "halt", "kexec", "suspend", "hibernate", "hybrid-sleep", "emergency", "rescue",
                    "soft-reboot" -> out.add(POWER.finding(c.text()));
            case "isolate", "default" -> out.add(POWER.finding(HIGH, "switches the system's run level", c.text()));
            case "stop", "disable", "mask", "kill", "restart", "reload", "try-restart", "reload-or-restart" -> {
                for (int i = 1; i < ops.size(); i++) {
                    unit(c, ops.get(i), out);
                }
                if (ops.size() == 1) {
                    out.add(SERVICE.finding(c.text()));
                }
            }
            case "enable", "link", "edit", "set-property", "set-default", "daemon-reload", "preset", "revert",
                    "unmask", "start" -> {
                if (verb.equals("start") || verb.equals("daemon-reload")) {
                    out.add(SERVICE.finding(LOW, "starts or reloads services", c.text()));
                } else {
                    out.add(SCHEDULE.finding("enables or edits a service unit, which runs outside Warden's sight", c.text()));
                }
            }
            default -> { }
        }
    }

    private static void unit(Invocation c, String unit, Report out) {
        String u = unit.toLowerCase(Locale.ROOT);
        int dot = u.indexOf('.');
        String name = dot < 0 ? u : u.substring(0, dot);
        if (CRITICAL_UNITS.contains(name)) {
            out.add(SERVICE.finding(HIGH, "stops or disables " + unit + ", which the machine or its access depends on", c.text()));
        } else {
            out.add(SERVICE.finding(c.text()));
        }
    }

    private static void kill(Invocation c, Report out) {
        List<String> args = c.args();
        String signal = "TERM";
        List<String> targets = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-l") || a.equals("-L") || a.equals("--list") || a.equals("--help")) {
                return;
            }
            if ((a.equals("-s") || a.equals("-n") || a.equals("--signal")) && i + 1 < args.size()) {
                signal = args.get(++i);
            } else if (a.equals("--")) {
                targets.addAll(args.subList(i + 1, args.size()));
                break;
            } else if (i == 0 && a.startsWith("-") && a.length() > 1) {
                signal = a.substring(1);
            } else {
                targets.add(a);
            }
        }
        String sig = signal.toUpperCase(Locale.ROOT);
        boolean sigkill = sig.equals("9") || sig.equals("KILL") || sig.equals("SIGKILL");
        for (String t : targets) {
            if (t.equals("-1")) {
                out.add(KILL_ALL.finding(c.text()));
                return;
            }
            if (t.equals("1")) {
                out.add(KILL_ALL.finding(HIGH, "signals init (pid 1), which stops the system or container", c.text()));
                return;
            }
            if (t.equals("0") || t.equals("-0")) {
                out.add(KILL.finding("signals every process in the process group", c.text()));
                return;
            }
        }
        if (sigkill && !targets.isEmpty()) {
            out.add(KILL.finding(c.text()));
        }
    }

    private static void dscl(Invocation c, Report out) {
        List<String> args = c.args();
        for (String a : args) {
            switch (a) {
                case "-create", "-delete", "-passwd", "-append", "-merge", "-change", "-changei", "-createpl",
                        "-deletepl", "-mcxset", "-mcxdelete", "-mcximport" -> {
                    out.add(ACCOUNTS.finding(Severity.HIGH, "changes directory-service accounts or passwords", c.text()));
                    return;
                }
                case "-read", "-readall", "-readpl", "-list", "-search", "-diff", "-cat", "-ls", "-readpli", "-q", "-h" -> {
                    return;
                }
                default -> { }
            }
        }
        if (!args.isEmpty() && args.size() <= 3) {
            out.add(ACCOUNTS.finding(MEDIUM, "opens an interactive directory-service shell", c.text()));
        }
    }

    /**
     * The machine cut off the network or its name resolution changed: an interface taken down
     * ({@code ip link set eth0 down}), addresses or routes flushed, all traffic dropped with
     * {@code tc ... netem loss 100%}, {@code nmcli networking off}, radios blocked, DNS servers
     * replaced ({@code resolvectl dns eth0 IP}). Reading ({@code ip addr}, {@code nmcli dev}) is no finding.
     */
    private static void network(Invocation c, List<String> ops, Report out) {
        String prog = c.program();
        String line = String.join(" ", ops);
        String what = switch (prog) {
            case "ip" -> line.startsWith("link set") && (ops.contains("down") || ops.contains("netns"))
                    ? "takes a network interface down"
                    : (line.startsWith("route del") || line.startsWith("r del") || line.startsWith("route delete")
                            || line.startsWith("r d ")) && ops.contains("default") ? "deletes the default route"
                    : (line.startsWith("addr flush") || line.startsWith("address flush") || line.startsWith("a flush")
                            || line.startsWith("route flush") || line.startsWith("r flush")) ? "flushes addresses or routes"
                    : null;
            case "tc" -> (line.contains("loss 100") || line.contains("netem") && line.contains("loss")
                    || ops.contains("blackhole") || line.contains("action drop")) && !ops.contains("show")
                    ? "drops network traffic with a queueing rule" : null;
            case "nmcli" -> line.startsWith("networking off") || line.startsWith("n off") || line.startsWith("radio")
                    && ops.contains("off") || line.startsWith("device disconnect") || line.startsWith("dev disconnect")
                    ? "switches networking or radios off" : null;
            case "resolvectl" -> !ops.isEmpty() && (ops.get(0).equals("dns") || ops.get(0).equals("domain")
                    || ops.get(0).equals("revert") || ops.get(0).equals("default-route")) && ops.size() > 2
                    ? "changes the DNS servers or domains of an interface" : null;
            default -> ops.contains("block") ? "blocks the machine's radios" : null;
        };
        if (what != null) {
            out.add(SETTINGS.finding(HIGH, what + " (" + prog + " " + line + ")", c.text()));
        }
    }

    private static void nvram(Invocation c, Report out) {
        List<String> args = c.args();
        if (args.isEmpty()) {
            return;
        }
        for (String a : args) {
            if (a.equals("-d") || a.equals("-c") || a.equals("-f") || a.indexOf('=') > 0 || Invocation.dynamic(a)) {
                out.add(SETTINGS.finding(HIGH, "changes firmware (NVRAM) variables", c.text()));
                return;
            }
        }
    }

    /** True when {@code script} defines a function that pipes into itself in the background. */
    static boolean forkBomb(String script) {
        int n = script.length();
        for (int i = script.indexOf("()"); i >= 0 && i < n; i = script.indexOf("()", i + 2)) {
            int end = i;
            while (end > 0 && script.charAt(end - 1) == ' ') {
                end--;
            }
            int start = end;
            while (start > 0 && !Character.isWhitespace(script.charAt(start - 1)) && ";&|({".indexOf(script.charAt(start - 1)) < 0) {
                start--;
            }
            String name = script.substring(start, end);
            if (name.startsWith("function")) {
                name = name.substring(8).trim();
            }
            if (name.isEmpty()) {
                continue;
            }
            int open = script.indexOf('{', i);
            int close = open < 0 ? -1 : script.indexOf('}', open);
            if (open < 0 || close < 0 || open - i > 8) {
                continue;
            }
            String body = script.substring(open + 1, close).replace(" ", "");
            if (body.contains(name + "|" + name) && body.indexOf('&') >= 0) {
                return true;
            }
        }
        return false;
    }
}
