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
import org.jspecify.annotations.Nullable;

/**
 * The package supply chain: installs that change the whole machine (global npm, brew, apt),
 * installs that bypass the registry (a URL, an archive, a git repository, another index given
 * on the command line), and configuration that makes package managers fetch from somewhere
 * else. Project-local installs by name ({@code npm install}, {@code pip install -r
 * requirements.txt}, {@code pip install -e .}, {@code npm install ./pkg}) are not findings.
 *
 * <p>Install specs are read as each manager reads them: npm, pnpm, yarn and bun take
 * {@code user/repo} as a GitHub repository and {@code github:}, {@code git+...} as git; pip
 * takes {@code git+https://...} and {@code name @ URL}; a path ({@code ./x}, {@code /x},
 * {@code ~/x}, {@code file:}) or a bare archive name ({@code x.tgz}) is local.
 */
final class PkgPack implements Pack {

    static final Rule SYSTEM_INSTALL = new Rule("pkg.system-install", MEDIUM,
            "installs, upgrades or removes software for the whole machine (system or global packages)",
            "npm install -g typescript", "install into the project (npm install --save-dev, a virtualenv) instead");
    static final Rule REGISTRY = new Rule("pkg.registry-config", HIGH,
            "points a package manager at another registry or weakens its checks, so later installs fetch other code",
            "npm config set registry https://registry.example.com/", "leave registry configuration to the user");

    static final Rule DIRECT_SOURCE = new Rule("pkg.direct-source", MEDIUM,
            "installs a package straight from a URL, archive, git repository or another index instead of the default "
                    + "registry, skipping its name, version and integrity checks",
            "pip install git+https://github.com/example/tool.git",
            "install the published package by name and version from the registry, or ask the user to vet the source");

    static final List<Rule> RULES = List.of(SYSTEM_INSTALL, REGISTRY, DIRECT_SOURCE);

    /** The registries a manager uses when told nothing else: naming them is no redirection. */
    private static final Set<String> DEFAULT_HOSTS = Set.of("registry.npmjs.org", "registry.yarnpkg.com",
            "registry.npmjs.com", "pypi.org", "pypi.python.org", "files.pythonhosted.org", "rubygems.org",
            "index.crates.io", "crates.io", "repo.maven.apache.org", "repo1.maven.org", "registry.bun.sh");

    private static final Set<String> NPM_INSTALL = Set.of("install", "i", "in", "ins", "inst", "insta", "instal",
            "isnt", "isnta", "isntal", "isntall", "add", "a", "update", "up", "upgrade");
    private static final Set<String> NPM_VALUED = Set.of("--prefix", "-C", "--cwd", "--filter", "-w", "--workspace",
            "--registry", "--tag", "--omit", "--include", "--install-strategy", "--save-prefix", "--cache",
            "--userconfig", "--loglevel", "--scope", "--before", "--modules-folder", "--network-timeout");
    private static final Set<String> PIP_VALUED = Set.of("-r", "--requirement", "-c", "--constraint", "-i",
            "--index-url", "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--src",
            "--trusted-host", "--platform", "--python-version", "--implementation", "--abi", "--progress-bar", "--log",
            "--proxy", "--retries", "--timeout", "--exists-action", "--cert", "--client-cert", "--cache-dir",
            "--upgrade-strategy", "--global-option", "--config-settings", "-C", "--report", "--python", "-p",
            "--index", "--default-index", "--group", "--extra", "--optional", "--source", "--python-platform",
            "--with", "--suffix", "--pip-args", "--spec");

    private static final Set<String> PROGRAMS = Set.of("npm", "pnpm", "yarn", "bun", "brew", "apt", "apt-get",
            "aptitude", "dnf", "yum", "pacman", "apk", "zypper", "snap", "flatpak", "port", "nix-env", "choco", "winget",
            "scoop", "pip", "pipx", "gem", "bundle", "cargo", "go", "poetry", "conda", "mamba", "composer", "dpkg", "rpm",
            "emerge", "xbps-install", "pkg", "mas", "softwareupdate", "uv", "python", "py", "npx", "bunx", "deno", "uvx",
            "nix", "gh", "helm", "pre-commit", "code", "code-insiders", "codium", "cursor", "kubectl", "kubectl-krew",
            "ansible-pull", "ansible-galaxy", "cookiecutter", "copier", "wp", "luarocks", "cpanm", "cpan", "mix", "dart",
            "flutter", "vagrant", "dotnet", "nuget");

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
    public Set<String> judgesVerbsOf() {
        Set<String> own = new java.util.HashSet<>(PROGRAMS);
        // read here only for code run from outside a registry; their other verbs are judged elsewhere
        own.removeAll(Set.of("python", "py", "nix", "gh", "helm", "pre-commit", "code", "code-insiders", "codium", "cursor",
                "kubectl", "luarocks", "cpanm", "cpan", "mix", "dart", "flutter", "vagrant"));
        return own;
    }

    @Override
    public void inspect(Invocation c, Report out) {
        if (c.program().equals("python") || c.program().equals("py")) {
            // "python3 -m pip install ...": the module is the package manager
            List<String> args = c.args();
            for (int i = 0; i + 1 < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("-m") && (args.get(i + 1).equals("pip") || args.get(i + 1).equals("pipx")
                        || args.get(i + 1).equals("uv") || args.get(i + 1).equals("poetry"))) {
                    inspect(c.from(i + 1), out);
                    return;
                }
                if (!a.startsWith("-") || a.equals("-c")) {
                    return; // a script or inline code: not a module run
                }
            }
            return;
        }
        if (c.program().equals("kubectl") || c.program().equals("kubectl-krew")) {
            // kubectl krew install --manifest-url URL: a plugin binary from wherever the manifest points
            Invocation krew = c.program().equals("kubectl") ? (c.arg(0).equals("krew") ? c.from(0) : null) : c;
            if (krew != null && (krew.arg(0).equals("install") || krew.arg(0).equals("upgrade"))) {
                optionValues(krew, "--manifest-url", "--manifest", "--archive").stream().findFirst().ifPresent(u ->
                        out.add(DIRECT_SOURCE.finding("installs a kubectl plugin from " + u + ", not the krew index",
                                c.text())));
            }
            return;
        }
        if (c.program().equals("ansible-pull") || c.program().equals("ansible-galaxy") || c.program().equals("cookiecutter")
                || c.program().equals("copier") || c.program().equals("wp")) {
            // (wp plugin install URL: a plugin from anywhere, run by the site)
            // a playbook, collection or project template from a repository: its tasks and hooks run here
            for (String a : c.args()) {
                if (a.contains("://") || a.startsWith("gh:") || a.startsWith("gl:") || a.startsWith("git+") || a.startsWith("git@")) {
                    out.add(DIRECT_SOURCE.finding("runs the tasks or hooks of " + a + ", fetched from a repository", c.text()));
                    return;
                }
            }
            return;
        }
        if (runsFromSource(c, out)) {
            return;
        }
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
                    } else if (line.contains("script-shell") || line.contains("node-options") || line.contains("yarnpath")
                            || line.contains("onload-script") || line.contains("init-module") || line.contains(" shell ")
                            || line.contains(" git ") || line.contains("userconfig") || line.contains("globalconfig")) {
                        // npm config set script-shell ./x: every later npm run runs ./x
                        out.add(REGISTRY.finding("sets a program or code the package manager will run on every later "
                                + "command (" + line + ")", text));
                    }
                    return;
                }
                if (prog.equals("yarn") && (sub.equals("policies") && sub2.equals("set-version")
                        || sub.equals("set") && sub2.equals("version")) && ops.size() > 2 && urlSource(ops.get(2)) != null) {
                    // yarn policies set-version URL: the yarn that every later yarn command in the project runs
                    out.add(REGISTRY.finding("makes every later yarn command run the program at " + ops.get(2), text));
                    return;
                }
                boolean global = c.flag("-g", "--global", "--location=global") || prog.equals("yarn") && sub.equals("global");
                if (global && (sub.equals("install") || sub.equals("i") || sub.equals("add") || sub.equals("uninstall")
                        || sub.equals("remove") || sub.equals("rm") || sub.equals("update") || sub.equals("link")
                        || sub.equals("global"))) {
                    out.add(SYSTEM_INSTALL.finding(text));
                }
                boolean install = NPM_INSTALL.contains(sub) || prog.equals("yarn") && sub.equals("global") && sub2.equals("add");
                if (install) {
                    c.option("--registry").filter(u -> !defaultIndex(u)).ifPresent(u -> out.add(DIRECT_SOURCE.finding(
                            "installs from the registry " + u + " given on the command line", text)));
                    List<String> specs = c.operands(NPM_VALUED);
                    for (String spec : specs.subList(Math.min(specs.size(), sub.equals("global") ? 2 : 1), specs.size())) {
                        String what = npmSource(spec);
                        if (what != null) {
                            out.add(DIRECT_SOURCE.finding("installs " + spec + " from " + what + ", not the registry", text));
                            break;
                        }
                    }
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
                if (prog.equals("uv") && sub.equals("python") && (sub2.equals("install") || sub2.equals("upgrade"))) {
                    // the interpreter itself downloaded from a mirror given on the command line
                    optionValues(c, "--mirror", "--python-install-mirror", "--pypy-install-mirror").stream()
                            .filter(u -> !u.startsWith("https://github.com/astral-sh/")).findFirst()
                            .ifPresent(u -> out.add(DIRECT_SOURCE.finding("installs a Python interpreter from the mirror "
                                    + u + ", not the official builds", text)));
                    return;
                }
                if (sub.equals("config") && (sub2.equals("set") || sub2.equals("edit"))) {
                    out.add(REGISTRY.finding(text));
                    return;
                }
                boolean pipInstall = sub.equals("install") || prog.equals("uv") && sub.equals("pip") && sub2.equals("install");
                boolean uvAdd = prog.equals("uv") && (sub.equals("add") || sub.equals("tool") && sub2.equals("install"));
                if (pipInstall) {
                    if (c.flag("--break-system-packages")) {
                        out.add(SYSTEM_INSTALL.finding("installs into the system Python (--break-system-packages)", text));
                    }
                    if (c.flag("--trusted-host")) {
                        out.add(REGISTRY.finding(MEDIUM, "installs without TLS checks for a host (--trusted-host)", text));
                    }
                    List<String> pargs = c.args();
                    for (int k = 0; k < pargs.size(); k++) {
                        String t = pargs.get(k);
                        String req = (t.equals("-r") || t.equals("--requirement") || t.equals("-c") || t.equals("--constraint"))
                                && k + 1 < pargs.size() ? pargs.get(k + 1)
                                : t.startsWith("--requirement=") || t.startsWith("--constraint=") ? t.substring(t.indexOf('=') + 1)
                                : "";
                        if (req.contains("://")) {
                            // pip install -r https://x/req.txt: the package list (and its index options) comes from there
                            out.add(DIRECT_SOURCE.finding("installs what a requirements file from " + req + " lists", text));
                        }
                    }
                }
                if (pipInstall || uvAdd) {
                    pythonSources(c, prog.equals("uv") && sub.equals("pip") || uvAdd && sub.equals("tool") ? 2 : 1, out);
                }
            }
            case "gem" -> {
                if (sub.equals("sources") && c.flag("--add", "-a", "--remove", "-r")) {
                    out.add(REGISTRY.finding(text));
                } else if (sub.equals("install") || sub.equals("i") || sub.equals("update")) {
                    c.option("--source", "-s").filter(u -> !defaultIndex(u)).ifPresent(u -> out.add(DIRECT_SOURCE.finding(
                            "installs gems from the source " + u + " given on the command line", text)));
                }
            }
            case "bundle" -> {
                if (sub.equals("config") && ops.size() > 1 && ops.get(ops.size() > 2 ? 2 : 1).startsWith("mirror")) {
                    out.add(REGISTRY.finding(text));
                } else if (sub.equals("add") || sub.equals("inject")) {
                    c.option("--git", "--github", "--source").filter(u -> !defaultIndex(u)).ifPresent(u -> out.add(
                            DIRECT_SOURCE.finding("adds a gem from " + u + ", not rubygems.org", text)));
                }
            }
            case "cargo" -> {
                if (sub.equals("install") || sub.equals("add")) {
                    c.option("--git").ifPresent(u -> out.add(DIRECT_SOURCE.finding(
                            "builds and installs code from the git repository " + u + ", not crates.io", text)));
                    c.option("--registry", "--index").filter(u -> !defaultIndex(u)).ifPresent(u -> out.add(
                            DIRECT_SOURCE.finding("installs from the registry " + u + " given on the command line", text)));
                }
            }
            case "pipx", "poetry" -> {
                if (prog.equals("pipx") && (sub.equals("install") || sub.equals("inject") || sub.equals("run"))
                        || prog.equals("poetry") && sub.equals("add")) {
                    pythonSources(c, prog.equals("pipx") && sub.equals("inject") ? 2 : 1, out);
                }
                if (prog.equals("poetry") && (sub.equals("source") && sub2.equals("add")
                        || sub.equals("config") && String.join(" ", ops).contains("repositories"))) {
                    out.add(REGISTRY.finding(MEDIUM, "adds a package source", text));
                }
            }
            case "go" -> {
                if (sub.equals("env") && c.flag("-w")) {
                    String line = String.join(" ", c.args()).toUpperCase(Locale.ROOT);
                    if (line.contains(" CC=") || line.contains(" CXX=") || line.contains("GOTOOLCHAIN=")
                            || line.contains("PKG_CONFIG=") || line.contains(" AR=")) {
                        out.add(REGISTRY.finding("sets a program every later go build runs (" + line.strip() + ")", text));
                    } else if (line.contains("GOPROXY") || line.contains("GONOSUMDB") || line.contains("GOSUMDB")
                            || line.contains("GOINSECURE") || line.contains("GOFLAGS") || line.contains("GONOSUMCHECK")
                            || line.contains("GOPRIVATE") || line.contains("GONOPROXY")) {
                        out.add(REGISTRY.finding(text));
                    }
                }
            }
            case "luarocks" -> {
                if (sub.equals("install") || sub.equals("build") || sub.equals("make")) {
                    optionValues(c, "--server", "--only-server", "--from").stream().filter(u -> u.contains("://"))
                            .findFirst().ifPresent(u -> out.add(DIRECT_SOURCE.finding("installs rocks from the server " + u
                                    + " given on the command line, not luarocks.org", text)));
                }
            }
            case "cpanm", "cpan" -> {
                optionValues(c, "--mirror", "--from", "-M").stream().filter(u -> u.contains("://") && !u.contains("cpan.org")
                        && !u.contains("metacpan.org")).findFirst().ifPresent(u -> out.add(DIRECT_SOURCE.finding(
                                "installs modules from the mirror " + u + ", not CPAN", text)));
                c.operands(Set.of("--mirror", "--from", "-M", "-l", "--local-lib", "-L", "--local-lib-contained"))
                        .stream().filter(u -> urlSource(u) != null).findFirst().ifPresent(u -> out.add(
                                DIRECT_SOURCE.finding("installs " + u + " from " + urlSource(u) + ", not CPAN", text)));
            }
            case "mix" -> {
                // mix archive.install URL | git URL | github user/repo: code every later mix run loads
                if (sub.equals("archive.install") || sub.equals("escript.install")) {
                    if (sub2.equals("git") || sub2.equals("github") || urlSource(sub2) != null) {
                        out.add(DIRECT_SOURCE.finding("installs a Mix " + sub.substring(0, sub.indexOf('.')) + " from "
                                + (ops.size() > 2 ? ops.get(2) : sub2) + ", not Hex", text));
                    }
                }
            }
            case "dart", "flutter" -> {
                int pub = ops.indexOf("pub");
                if (pub >= 0 && ops.size() > pub + 2 && ops.get(pub + 1).equals("global") && ops.get(pub + 2).equals("activate")) {
                    optionValues(c, "--source", "-s").stream().filter(v -> v.equals("git")).findFirst().ifPresent(v ->
                            out.add(DIRECT_SOURCE.finding("activates a package from a git repository, not pub.dev", text)));
                    c.option("--hosted-url", "-u").filter(u -> !u.contains("pub.dev")).ifPresent(u -> out.add(
                            DIRECT_SOURCE.finding("activates a package from the server " + u + ", not pub.dev", text)));
                }
            }
            case "vagrant" -> {
                if (sub.equals("plugin") && (sub2.equals("install") || sub2.equals("update"))) {
                    c.option("--plugin-source").ifPresent(u -> out.add(DIRECT_SOURCE.finding(
                            "installs a Vagrant plugin from the source " + u + " given on the command line", text)));
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

    /**
     * pip-style specs after the subcommand ({@code skip} words): {@code git+https://...},
     * {@code https://.../x.whl}, {@code name @ URL}, {@code -e git+...}; and indexes or link pages
     * given on the command line ({@code -i}, {@code --extra-index-url}, {@code -f}) other than PyPI.
     */
    private static void pythonSources(Invocation c, int skip, Report out) {
        String text = c.text();
        for (String u : optionValues(c, "-i", "--index-url", "--extra-index-url", "--index", "--default-index", "-f",
                "--find-links")) {
            if (u.contains("://") && !defaultIndex(u)) {
                out.add(DIRECT_SOURCE.finding("installs from the package index " + u + " given on the command line", text));
                return;
            }
        }
        List<String> specs = new java.util.ArrayList<>(c.operands(PIP_VALUED));
        specs.addAll(skip <= specs.size() ? skip : specs.size(), optionValues(c, "--spec", "--with"));
        for (String spec : specs.subList(Math.min(skip, specs.size()), specs.size())) {
            String what = urlSource(spec);
            if (what != null) {
                out.add(DIRECT_SOURCE.finding("installs " + spec + " from " + what + ", not the package index", text));
                return;
            }
        }
    }

    /** Every value of the given options ({@code -x v}, {@code -xv}, {@code --name v}, {@code --name=v}). */
    private static List<String> optionValues(Invocation c, String... spellings) {
        List<String> out = new java.util.ArrayList<>(1);
        List<String> args = c.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                break;
            }
            for (String s : spellings) {
                if (a.equals(s) && i + 1 < args.size()) {
                    out.add(args.get(i + 1));
                } else if (s.startsWith("--") && a.startsWith(s + "=")) {
                    out.add(a.substring(s.length() + 1));
                } else if (s.length() == 2 && !a.startsWith("--") && a.startsWith(s) && a.length() > 2) {
                    out.add(a.substring(2));
                }
            }
        }
        return out;
    }

    /** What a URL-shaped spec fetches from ("a git repository", "a URL"), or null for a name or a local path. */
    static @Nullable String urlSource(String spec) {
        if (Invocation.dynamic(spec) || local(spec)) {
            return null;
        }
        String s = spec.toLowerCase(Locale.ROOT);
        int scheme = s.indexOf("://");
        if (scheme < 0) {
            return s.startsWith("git@") && s.indexOf(':') > 4 ? "a git repository" : null;
        }
        // "name@https://..." (PEP 508, yarn aliases): judge the URL
        String url = s.substring(Math.max(0, Math.max(s.lastIndexOf('@', scheme), s.lastIndexOf(' ', scheme)) + 1));
        if (url.startsWith("file:")) {
            return null;
        }
        if (url.startsWith("git") || url.startsWith("ssh:") || url.endsWith(".git") || url.contains(".git#")
                || url.contains(".git@")) {
            return "a git repository";
        }
        return url.startsWith("http://") ? "a URL over plain HTTP" : "a URL";
    }

    /** npm, pnpm, yarn and bun specs: URLs, git and hosted-git shorthands ({@code github:u/r}, {@code u/r}). */
    /**
     * Package runners fetch and run in one step: {@code npx github:u/r}, {@code npx u/r},
     * {@code pnpm dlx https://x/p.tgz}, {@code uvx --from git+https://...}, {@code deno run
     * https://x/mod.ts} run code from a repository or URL that no registry vouches for. Returns
     * true when the call was a runner (judged here).
     */
    private static boolean runsFromSource(Invocation c, Report out) {
        String prog = c.program();
        List<String> args = c.args();
        String first = args.isEmpty() ? "" : args.get(0);
        String spec = null;
        switch (prog) {
            case "npx", "bunx" -> spec = runnerSpec(args, 0);
            case "npm", "pnpm", "yarn" -> {
                if (!(first.equals("exec") || first.equals("x") || first.equals("dlx"))) {
                    return false;
                }
                spec = runnerSpec(args, 1);
            }
            case "uvx" -> {
                String from = c.option("--from").orElse(firstOperand(args, 0));
                String what = from == null ? null : urlSource(from);
                if (from != null && what == null && (from.startsWith("git+") || from.contains("://"))) {
                    what = "a repository";
                }
                if (what != null) {
                    out.add(DIRECT_SOURCE.finding("runs a tool from " + what + " (" + from + "), not the package index", c.text()));
                }
                return true;
            }
            case "uv", "pipx" -> {
                // uv run https://x/script.py, pipx run https://x/script.py: a script straight from a URL
                if (!first.equals("run")) {
                    return false;
                }
                String script = firstOperand(args, 1);
                if (script != null && (script.startsWith("https://") || script.startsWith("http://"))) {
                    out.add(DIRECT_SOURCE.finding(HIGH, "runs a script straight from " + script, c.text()));
                    return true;
                }
                return false;
            }
            case "nix" -> {
                // nix run github:owner/repo: a flake from any repository, built and run
                String target = first.equals("run") || first.equals("shell") || first.equals("develop")
                        ? firstOperand(args, 1) : null;
                if (target != null && (target.startsWith("github:") || target.startsWith("gitlab:")
                        || target.startsWith("git+") || target.startsWith("http") || target.startsWith("sourcehut:"))) {
                    out.add(DIRECT_SOURCE.finding("runs a flake from a repository (" + target + "), not nixpkgs", c.text()));
                }
                return true;
            }
            case "gh", "helm", "pre-commit", "code", "code-insiders", "codium", "cursor" -> {
                String line = String.join(" ", args);
                String what = null;
                if (prog.equals("gh") && (line.startsWith("extension install") || line.startsWith("ext install"))) {
                    what = "installs a gh extension (code from a repository that gh then runs)";
                } else if (prog.equals("helm") && line.startsWith("plugin install")) {
                    what = "installs a helm plugin (its hooks run on install)";
                } else if (prog.equals("pre-commit") && first.equals("try-repo")) {
                    what = "runs the hooks of another repository";
                } else if (!prog.equals("gh") && !prog.equals("helm") && !prog.equals("pre-commit")) {
                    for (int i = 0; i + 1 < args.size(); i++) {
                        String ext = args.get(i + 1);
                        if (args.get(i).equals("--install-extension") && (ext.endsWith(".vsix") || ext.contains("://"))) {
                            what = "installs an editor extension from a file or URL, not the marketplace (" + ext + ")";
                        }
                    }
                }
                if (what == null) {
                    return false;
                }
                out.add(DIRECT_SOURCE.finding(what, c.text()));
                return true;
            }
            case "deno" -> {
                if (!(first.equals("run") || first.equals("install") || first.equals("compile") || first.equals("x"))) {
                    return false;
                }
                // the module is the first URL (deno install -g -n ls https://...: "ls" is the name's value)
                for (String module : args.subList(1, args.size())) {
                    if (module.startsWith("https://") || module.startsWith("http://")) {
                        out.add(DIRECT_SOURCE.finding("runs code straight from " + module, c.text()));
                        break;
                    }
                }
                return true;
            }
            case "dotnet", "nuget" -> {
                // dotnet tool install --add-source URL, dotnet add package --source URL: a feed other than nuget.org
                for (String u : optionValues(c, "--add-source", "--source", "-s", "-Source")) {
                    if (u.contains("://") && !u.contains("api.nuget.org")) {
                        out.add(DIRECT_SOURCE.finding("installs from the package feed " + u + " given on the command line",
                                c.text()));
                        return true;
                    }
                }
                return false;
            }
            default -> {
                return false;
            }
        }
        String what = spec == null ? null : npmSource(spec);
        if (what != null) {
            out.add(DIRECT_SOURCE.finding("runs " + spec + " from " + what + ", not the registry", c.text()));
        }
        return true;
    }

    /**
     * The package a runner fetches: {@code --package X} given before the command, or the command
     * itself ({@code npx tsc -p tsconfig.json}: the {@code -p} is tsc's).
     */
    private static @Nullable String runnerSpec(List<String> args, int from) {
        for (int i = from; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("-p") || a.equals("--package")) && i + 1 < args.size()) {
                return args.get(i + 1);
            }
            if (a.startsWith("--package=")) {
                return a.substring(10);
            }
            if (!a.startsWith("-") || a.equals("--")) {
                break;
            }
        }
        return firstOperand(args, from);
    }

    /** The first argument from {@code from} on that is not an option. */
    private static @Nullable String firstOperand(List<String> args, int from) {
        for (int i = from; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                return i + 1 < args.size() ? args.get(i + 1) : null;
            }
            if (!a.startsWith("-")) {
                return a;
            }
            if (a.equals("-p") || a.equals("--package") || a.equals("--from") || a.equals("-c") || a.equals("--call")) {
                i++;
            }
        }
        return null;
    }

    static @Nullable String npmSource(String spec) {
        String url = urlSource(spec);
        if (url != null || Invocation.dynamic(spec) || local(spec)) {
            return url;
        }
        String s = spec.toLowerCase(Locale.ROOT);
        int at = s.startsWith("@") ? s.indexOf('@', 1) : s.indexOf('@');
        String range = at < 0 ? s : s.substring(at + 1); // "alias@github:u/r"
        for (String p : new String[] {"github:", "gitlab:", "bitbucket:", "gist:", "git+", "git:"}) {
            if (s.startsWith(p) || range.startsWith(p)) {
                return "a git repository";
            }
        }
        if (range.startsWith("npm:") || range.startsWith("workspace:") || range.startsWith("link:")
                || range.startsWith("file:") || range.startsWith("portal:") || range.startsWith("patch:")) {
            return null;
        }
        // npm reads "user/repo" (not "@scope/name") as a GitHub repository
        if (!s.startsWith("@") && s.indexOf('/') > 0 && s.indexOf('/') == s.lastIndexOf('/') && s.indexOf(':') < 0
                && !s.endsWith(".tgz") && !s.endsWith(".tar.gz") && !s.endsWith(".tar")) {
            return "a GitHub repository";
        }
        return null;
    }

    private static boolean local(String spec) {
        return spec.startsWith(".") || spec.startsWith("/") || spec.startsWith("~") || spec.startsWith("file:")
                || spec.equals("-") || spec.length() > 2 && spec.charAt(1) == ':' && spec.charAt(2) == '\\';
    }

    /** True when a registry, index or source URL names the manager's default registry. */
    static boolean defaultIndex(String url) {
        String h = dev.warden.analysis.Hosts.hostOf(url);
        return h != null && DEFAULT_HOSTS.contains(h.toLowerCase(Locale.ROOT)) && !url.startsWith("http:");
    }
}
