package dev.warden.analysis.publish;

import static dev.warden.call.Severity.HIGH;
import static dev.warden.call.Severity.MEDIUM;

import dev.warden.analysis.Invocation;
import dev.warden.analysis.Pack;
import dev.warden.analysis.Report;
import dev.warden.analysis.Rule;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The package supply chain: installs that change the whole machine (global npm, brew, apt),
 * and configuration that makes package managers fetch from somewhere else. Project-local
 * installs ({@code npm install}, {@code pip install -r requirements.txt}) are not findings.
 */
final class PkgPack implements Pack {

    static final Rule SYSTEM_INSTALL = new Rule("pkg.system-install", MEDIUM,
            "installs, upgrades or removes software for the whole machine (system or global packages)",
            "npm install -g typescript", "install into the project (npm install --save-dev, a virtualenv) instead");
    static final Rule REGISTRY = new Rule("pkg.registry-config", HIGH,
            "points a package manager at another registry or weakens its checks, so later installs fetch other code",
            "npm config set registry https://registry.example.com/", "leave registry configuration to the user");

    static final List<Rule> RULES = List.of(SYSTEM_INSTALL, REGISTRY);

    private static final Set<String> PROGRAMS = Set.of("npm", "pnpm", "yarn", "bun", "brew", "apt", "apt-get",
            "aptitude", "dnf", "yum", "pacman", "apk", "zypper", "snap", "flatpak", "port", "nix-env", "choco", "winget",
            "scoop", "pip", "pipx", "gem", "bundle", "cargo", "go", "poetry", "conda", "mamba", "composer", "dpkg", "rpm",
            "emerge", "xbps-install", "pkg", "mas", "softwareupdate", "uv");

    @Override
    public String name() {
        return "pkg";
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
        List<String> ops = c.operands(Set.of("--prefix", "-C", "--cwd", "--filter", "-w", "--workspace", "--registry"));
        String sub = ops.isEmpty() ? "" : ops.get(0);
        String sub2 = ops.size() > 1 ? ops.get(1) : "";
        String text = c.text();
        String prog = c.program();
        switch (prog) {
            case "npm", "pnpm", "yarn", "bun" -> {
                if ((sub.equals("config") || sub.equals("set")) && (ops.contains("set") || sub.equals("set"))) {
                    String line = String.join(" ", ops).toLowerCase(Locale.ROOT);
                    if (line.contains("registry") || line.contains("prefix") || line.contains("strict-ssl")
                            || line.contains("cafile") || line.contains("ignore-scripts false") || line.contains("proxy")
                            || line.contains("npmregistryserver") || line.contains("unsafe-perm")) {
                        out.add(REGISTRY.finding(text));
                    }
                    return;
                }
                boolean global = c.flag("-g", "--global", "--location=global") || prog.equals("yarn") && sub.equals("global");
                if (global && (sub.equals("install") || sub.equals("i") || sub.equals("add") || sub.equals("uninstall")
                        || sub.equals("remove") || sub.equals("rm") || sub.equals("update") || sub.equals("link")
                        || sub.equals("global"))) {
                    out.add(SYSTEM_INSTALL.finding(text));
                }
                if (c.option("--registry").isPresent() && (sub.equals("install") || sub.equals("i") || sub.equals("add"))) {
                    out.add(REGISTRY.finding(MEDIUM, "installs from a registry given on the command line", text));
                }
            }
            case "brew", "port", "mas", "scoop", "choco", "winget", "snap", "flatpak" -> {
                switch (sub) {
                    case "install", "reinstall", "upgrade", "uninstall", "remove", "rm", "tap", "untap", "cask", "link",
                            "unlink", "autoremove", "cleanup", "selfupdate", "purge", "update" -> {
                        if (!(sub.equals("update") && (prog.equals("brew") || prog.equals("port")))) {
                            out.add(SYSTEM_INSTALL.finding(text));
                        }
                    }
                    default -> { }
                }
            }
            case "apt", "apt-get", "aptitude", "dnf", "yum", "zypper", "emerge", "xbps-install", "pkg" -> {
                switch (sub) {
                    case "install", "reinstall", "remove", "purge", "erase", "upgrade", "dist-upgrade", "full-upgrade",
                            "autoremove", "in", "rm", "dup", "up", "localinstall", "downgrade", "swap", "delete" ->
                            out.add(SYSTEM_INSTALL.finding(text));
                    default -> {
                        if (prog.equals("emerge") || prog.equals("xbps-install")) {
                            out.add(SYSTEM_INSTALL.finding(text));
                        }
                    }
                }
                if (c.option("--allow-unauthenticated").isPresent() || c.flag("--nogpgcheck", "--allow-unauthenticated",
                        "--no-gpg-checks")) {
                    out.add(REGISTRY.finding(MEDIUM, "installs packages without signature checks", text));
                }
            }
            case "pacman" -> {
                for (String a : c.args()) {
                    if (a.startsWith("-S") && !a.startsWith("-Ss") && !a.startsWith("-Si") || a.startsWith("-R")
                            || a.startsWith("-U")) {
                        out.add(SYSTEM_INSTALL.finding(text));
                        return;
                    }
                }
            }
            case "apk" -> {
                if (sub.equals("add") || sub.equals("del") || sub.equals("upgrade")) {
                    out.add(SYSTEM_INSTALL.finding(text));
                }
            }
            case "dpkg", "rpm" -> {
                if (c.flag("-i", "--install", "-r", "--remove", "-P", "--purge", "-e", "--erase", "-U", "--upgrade")) {
                    out.add(SYSTEM_INSTALL.finding(text));
                }
            }
            case "nix-env" -> {
                if (c.flag("-i", "--install", "-e", "--uninstall", "-u", "--upgrade")) {
                    out.add(SYSTEM_INSTALL.finding(text));
                }
            }
            case "softwareupdate" -> {
                if (c.flag("-i", "--install", "-a", "--all")) {
                    out.add(SYSTEM_INSTALL.finding(text));
                }
            }
            case "pip", "uv" -> {
                if (sub.equals("config") && (sub2.equals("set") || sub2.equals("edit"))) {
                    out.add(REGISTRY.finding(text));
                    return;
                }
                if (sub.equals("install") || prog.equals("uv") && sub.equals("pip") && sub2.equals("install")) {
                    if (c.flag("--break-system-packages")) {
                        out.add(SYSTEM_INSTALL.finding("installs into the system Python (--break-system-packages)", text));
                    }
                    if (c.option("--index-url", "-i", "--extra-index-url").isPresent() || c.flag("--trusted-host")) {
                        out.add(REGISTRY.finding(MEDIUM, "installs from a package index given on the command line", text));
                    }
                }
            }
            case "gem" -> {
                if (sub.equals("sources") && c.flag("--add", "-a", "--remove", "-r")) {
                    out.add(REGISTRY.finding(text));
                }
            }
            case "bundle" -> {
                if (sub.equals("config") && ops.size() > 1 && ops.get(ops.size() > 2 ? 2 : 1).startsWith("mirror")) {
                    out.add(REGISTRY.finding(text));
                }
            }
            case "cargo" -> {
                if (sub.equals("install") && (c.option("--registry", "--index", "--git").isPresent())) {
                    out.add(REGISTRY.finding(MEDIUM, "installs a program from a registry or repository given on the command line", text));
                }
            }
            case "go" -> {
                if (sub.equals("env") && c.flag("-w")) {
                    String line = String.join(" ", c.args()).toUpperCase(Locale.ROOT);
                    if (line.contains("GOPROXY") || line.contains("GONOSUMDB") || line.contains("GOSUMDB")
                            || line.contains("GOINSECURE") || line.contains("GOFLAGS") || line.contains("GONOSUMCHECK")
                            || line.contains("GOPRIVATE") || line.contains("GONOPROXY")) {
                        out.add(REGISTRY.finding(text));
                    }
                }
            }
            case "poetry" -> {
                if (sub.equals("source") && sub2.equals("add") || sub.equals("config") && String.join(" ", ops).contains("repositories")) {
                    out.add(REGISTRY.finding(MEDIUM, "adds a package source", text));
                }
            }
            case "conda", "mamba" -> {
                if (sub.equals("config") && c.flag("--add", "--set", "--prepend", "--append")) {
                    out.add(REGISTRY.finding(MEDIUM, "changes package channels", text));
                }
            }
            case "composer" -> {
                if (sub.equals("config") && ops.toString().contains("repo")) {
                    out.add(REGISTRY.finding(MEDIUM, "changes package repositories", text));
                } else if (sub.equals("global") && (sub2.equals("require") || sub2.equals("remove"))) {
                    out.add(SYSTEM_INSTALL.finding(text));
                }
            }
            default -> { }
        }
    }
}
