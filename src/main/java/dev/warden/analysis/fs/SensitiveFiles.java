package dev.warden.analysis.fs;

import dev.warden.analysis.AnalysisContext;
import java.util.Set;

/**
 * Files whose modification changes what runs later (shell start-up files, schedulers, service
 * units, SSH access) or who may log in (account databases). Matched on canonical path strings
 * with set lookups and prefix checks: this runs for every path a call writes.
 */
final class SensitiveFiles {

    private static final Set<String> ACCOUNT = Set.of("/etc/passwd", "/etc/shadow", "/etc/group", "/etc/gshadow",
            "/etc/sudoers", "/etc/master.passwd", "/etc/security/opasswd", "/private/etc/passwd",
            "/private/etc/sudoers", "/etc/pam.d");
    private static final String[] ACCOUNT_PREFIX = {"/etc/sudoers.d/", "/etc/pam.d/", "/private/etc/sudoers.d/"};

    /** Relative to home. */
    private static final Set<String> HOME_PERSIST = Set.of(".bashrc", ".bash_profile", ".bash_login", ".bash_logout",
            ".profile", ".zshrc", ".zshenv", ".zprofile", ".zlogin", ".zlogout", ".kshrc", ".mkshrc", ".cshrc",
            ".tcshrc", ".login", ".logout", ".xinitrc", ".xprofile", ".xsession", ".xsessionrc", ".config/fish/config.fish",
            ".ssh/authorized_keys", ".ssh/authorized_keys2", ".ssh/config", ".ssh/rc", ".ssh/environment",
            ".pam_environment", ".config/environment.d", ".inputrc", ".bash_aliases", ".envrc", ".config/zsh/.zshrc",
            ".oh-my-zsh/custom", ".gitconfig", ".config/git/config", ".curlrc", ".wgetrc", ".direnvrc",
            ".config/direnv/direnvrc", ".aws/config", ".kube/config", ".docker/config.json", ".bash_completion",
            ".zcompdump", ".config/systemd/user.conf", ".anacrontab", ".config/mimeapps.list", ".incron.d", ".forward",
            ".procmailrc", ".mailfilter");
    /** Relative to home: start-up files of editors, REPLs, debuggers and clients that can run commands. */
    private static final Set<String> HOME_TOOL_RC = Set.of(".vimrc", ".gvimrc", ".exrc", ".vim/vimrc",
            ".config/nvim/init.lua", ".config/nvim/init.vim", ".emacs", ".emacs.el", ".emacs.d/init.el",
            ".config/emacs/init.el", ".tmux.conf", ".config/tmux/tmux.conf", ".screenrc", ".irbrc", ".pryrc", ".psqlrc",
            ".sqliterc", ".gdbinit", ".config/gdb/gdbinit", ".lldbinit", ".lesskey", ".config/lesskey", ".pythonrc",
            ".pythonrc.py", ".Rprofile", ".octaverc", ".mongoshrc.js", ".mongorc.js", ".myclirc", ".pgclirc",
            ".config/ranger/rc.conf", ".nexrc", ".config/kitty/kitty.conf", ".wezterm.lua", ".config/wezterm/wezterm.lua",
            ".config/alacritty/alacritty.toml", ".hushlogin", ".config/starship.toml", ".hgrc", ".config/hg/hgrc",
            ".mailcap", ".config/mailcap", ".npmrc.d", ".netrc.d", ".config/ranger/commands.py",
            // programs these run (pinentry-program), language start-up files, window managers' autostart lines
            ".gnupg/gpg-agent.conf", ".julia/config/startup.jl", ".jupyter/jupyter_server_config.py",
            ".jupyter/jupyter_notebook_config.py", ".jupyter/jupyter_lab_config.py",
            ".ipython/profile_default/ipython_config.py", ".config/hypr/hyprland.conf", ".config/i3/config", ".i3/config",
            ".config/sway/config", ".config/openbox/autostart", ".config/awesome/rc.lua", ".xmonad/xmonad.hs",
            ".config/lxsession/LXDE/autostart", ".config/bspwm/bspwmrc", ".config/herbstluftwm/autostart",
            ".config/qtile/config.py", ".config/niri/config.kdl", ".config/labwc/autostart", ".spacemacs",
            ".doom.d/config.el", ".config/doom/config.el", ".ghci", ".config/ghc/ghci.conf", ".erlang", ".iex.exs",
            ".sbtrc", ".ammonite/predef.sc", ".clojure/deps.edn", ".lein/profiles.clj", ".config/fish/fish_variables",
            ".config/nushell/config.nu", ".config/nushell/env.nu", ".config/xonsh/rc.xsh", ".xonshrc", ".elvish/rc.elv",
            ".config/powershell/Microsoft.PowerShell_profile.ps1", ".config/powershell/profile.ps1");
    private static final String[] HOME_TOOL_RC_PREFIX = {".bashrc.d/", ".zshrc.d/", ".config/bashrc.d/",
            ".ipython/profile_default/startup/", ".vim/plugin/", ".vim/autoload/", ".config/nvim/plugin/",
            ".config/nvim/lua/", ".emacs.d/lisp/", ".local/share/nvim/site/plugin/"};
    /** Commands a program of the same name in ~/.local/bin or ~/bin would shadow (PATH puts those first). */
    private static final Set<String> SHADOWED = Set.of("sudo", "su", "git", "ls", "ssh", "scp", "cat", "cp", "mv", "rm",
            "npm", "npx", "node", "python", "python3", "pip", "pip3", "curl", "wget", "bash", "sh", "zsh", "make",
            "docker", "kubectl", "env", "which", "gpg", "passwd", "claude", "warden", "cd", "grep", "find", "tar",
            "openssl", "aws", "gcloud", "az", "gh", "terraform", "cargo", "go", "java", "mvn", "gradle", "pytest", "uv",
            "pnpm", "yarn", "bun", "deno", "rustc", "gcc", "cc", "ld", "javac", "psql", "mysql", "ruby", "gem", "bundle",
            "rake", "perl", "php", "composer", "dotnet", "helm", "unzip", "jq", "ps", "id", "whoami", "sed", "awk",
            "head", "tail", "less", "vi", "vim", "nvim", "code", "xdg-open", "open", "pbcopy", "ssh-add", "ssh-keygen",
            "gpg-agent", "pinentry", "sshpass", "systemctl", "crontab", "chmod", "chown", "tee", "install", "pip3.12",
            "python3.12", "python3.11", "node18", "npm-cli", "tsc", "tsx", "eslint", "prettier", "jest", "vitest");
    /** Relative to home: directories that installers put on PATH, ahead of the system's. */
    private static final Set<String> PATH_DIRS = Set.of(".local/bin/", "bin/", ".cargo/bin/", "go/bin/", ".go/bin/",
            ".pyenv/bin/", ".volta/bin/", ".bun/bin/", ".deno/bin/", ".npm-global/bin/", ".yarn/bin/", ".local/share/pnpm/",
            ".nix-profile/bin/", ".dotnet/tools/", ".poetry/bin/", ".rye/shims/", ".sdkman/bin/", ".krew/bin/",
            ".linuxbrew/bin/", ".composer/vendor/bin/", ".config/composer/vendor/bin/", ".gem/bin/", ".fzf/bin/");
    /** Relative to home: version managers' shim directories: every name there stands in for a program. */
    private static final Set<String> SHIM_DIRS = Set.of(".pyenv/shims/", ".rbenv/shims/", ".nodenv/shims/",
            ".goenv/shims/", ".asdf/shims/", ".local/share/mise/shims/", ".jenv/shims/", ".plenv/shims/",
            ".phpenv/shims/", ".scalaenv/shims/", ".local/share/rtx/shims/");
    private static final String[] HOME_PERSIST_PREFIX = {".config/fish/conf.d/", ".config/fish/functions/",
            ".config/autostart/", ".config/systemd/user/", "Library/LaunchAgents/", ".config/environment.d/",
            ".oh-my-zsh/custom/", ".local/share/systemd/user/", ".config/upstart/", ".kde/Autostart/",
            ".config/plasma-workspace/env/", ".termux/boot/", ".local/share/bash-completion/",
            ".bash_completion.d/", ".zfunc/", ".oh-my-zsh/completions/", ".local/share/applications/",
            ".config/systemd/user.conf.d/"};
    /** Package-source configuration: redirecting installs to another registry. */
    private static final Set<String> HOME_PACKAGE = Set.of(".npmrc", ".yarnrc", ".yarnrc.yml", ".pypirc",
            ".pip/pip.conf", ".config/pip/pip.conf", ".gemrc", ".condarc", ".cargo/config", ".cargo/config.toml",
            ".m2/settings.xml", ".gradle/init.gradle", ".gradle/gradle.properties", ".bunfig.toml", ".docker/config.json",
            ".config/pip/pip.ini", ".pydistutils.cfg", ".nuget/NuGet/NuGet.Config", ".config/NuGet/NuGet.Config");
    private static final String[] HOME_PACKAGE_PREFIX = {".gradle/init.d/"};

    private static final Set<String> SYSTEM_PERSIST = Set.of("/etc/profile", "/etc/bash.bashrc", "/etc/bashrc",
            "/etc/zshrc", "/etc/zprofile", "/etc/zshenv", "/etc/crontab", "/etc/rc.local", "/etc/ld.so.preload",
            "/etc/environment", "/etc/anacrontab", "/etc/inittab", "/etc/hosts", "/etc/resolv.conf",
            "/etc/ld.so.conf", "/etc/pip.conf", "/etc/npmrc", "/etc/apt/sources.list", "/private/etc/hosts");
    private static final String[] SYSTEM_PERSIST_PREFIX = {"/etc/profile.d/", "/etc/zsh/", "/etc/cron.", "/etc/cron/",
            "/var/spool/cron/", "/var/spool/at/", "/etc/systemd/", "/lib/systemd/system/", "/usr/lib/systemd/",
            "/etc/init.d/", "/etc/init/", "/etc/rc", "/Library/LaunchDaemons/", "/Library/LaunchAgents/",
            "/System/Library/LaunchDaemons/", "/etc/ld.so.conf.d/", "/etc/xdg/autostart/", "/etc/update-motd.d/",
            "/etc/apt/sources.list.d/", "/etc/yum.repos.d/", "/etc/ssh/", "/private/var/at/", "/etc/periodic/",
            "/etc/security/", "/etc/bash_completion.d/", "/usr/share/bash-completion/completions/"};

    private SensitiveFiles() {}

    /** CI/CD pipeline definitions, relative to the project root. */
    private static final Set<String> CI_FILES = Set.of(".gitlab-ci.yml", "Jenkinsfile", ".circleci/config.yml",
            "azure-pipelines.yml", ".travis.yml", "bitbucket-pipelines.yml", ".drone.yml", "cloudbuild.yaml",
            "cloudbuild.yml", ".woodpecker.yml", "buildspec.yml", "appveyor.yml", ".appveyor.yml", "codemagic.yaml",
            ".cirrus.yml", "bitrise.yml");
    private static final String[] CI_PREFIX = {".github/workflows/", ".github/actions/", ".gitlab-ci/", ".buildkite/",
            ".woodpecker/", ".circleci/", ".tekton/", ".forgejo/workflows/", ".gitea/workflows/"};

    /** True for a CI/CD pipeline definition of the project: it runs with the repository's secrets on the next push. */
    static boolean ciConfig(String p, AnalysisContext ctx) {
        String project = ctx.projectRoot().toString();
        if (p.length() <= project.length() + 1 || !p.startsWith(project) || p.charAt(project.length()) != '/') {
            return false;
        }
        String rel = p.substring(project.length() + 1);
        if (CI_FILES.contains(rel)) {
            return true;
        }
        for (String pre : CI_PREFIX) {
            if (rel.startsWith(pre)) {
                String name = rel.substring(rel.lastIndexOf('/') + 1);
                return name.endsWith(".yml") || name.endsWith(".yaml") || name.equals("Jenkinsfile")
                        || name.endsWith(".sh") || !name.contains(".");
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern SHIM = java.util.regex.Pattern.compile(
            "\\.?venv/bin/activate[^/]*|node_modules/\\.bin/[^/]+");

    /** Project files that tools run on their own: on commit, on opening the folder, on entering it. */
    private static final Set<String> PROJECT_AUTOMATION = Set.of(".vscode/tasks.json", ".devcontainer/devcontainer.json",
            ".devcontainer.json", ".envrc", ".pre-commit-config.yaml", "lefthook.yml", "lefthook.yaml", ".lefthook.yml",
            ".idea/workspace.xml", ".gitpod.yml", ".replit");

    /**
     * What a project file runs on its own ({@code .husky/pre-commit} on every commit,
     * {@code .vscode/tasks.json} with {@code runOn: folderOpen}, {@code .envrc} on entering the
     * directory), or null. Like CI files, they are the project's own and edited on purpose, but
     * a command put there runs later, unseen.
     */
    static String projectAutomation(String p, AnalysisContext ctx) {
        String project = ctx.projectRoot().toString();
        if (p.length() <= project.length() + 1 || !p.startsWith(project) || p.charAt(project.length()) != '/') {
            return null;
        }
        String rel = p.substring(project.length() + 1);
        if (PROJECT_AUTOMATION.contains(rel) || rel.endsWith(".code-workspace") || rel.equals(".zed/settings.json")
                || rel.equals(".zed/tasks.json") || rel.equals(".helix/languages.toml") || rel.equals(".helix/config.toml")) {
            // (a workspace's folderOpen tasks, the language servers Zed and Helix start for the project)
            return "project file that runs commands on its own (" + rel + ")";
        }
        if (rel.startsWith(".husky/") && !rel.startsWith(".husky/_/") || rel.startsWith(".githooks/")) {
            return "git hook kept in the project (" + rel + ")";
        }
        if (SHIM.matcher(rel).matches()) {
            return "program the project's tools run in place of the installed one (" + rel + ")";
        }
        return null;
    }

    static boolean account(String p) {
        if (ACCOUNT.contains(p)) {
            return true;
        }
        for (String pre : ACCOUNT_PREFIX) {
            if (p.startsWith(pre)) {
                return true;
            }
        }
        return false;
    }

    /** What kind of start-up or persistence file this is, or null. */
    static String persistence(String p, AnalysisContext ctx) {
        String home = ctx.home().toString();
        if (p.length() > home.length() + 1 && p.startsWith(home) && p.charAt(home.length()) == '/') {
            String rel = p.substring(home.length() + 1);
            if (HOME_PERSIST.contains(rel)) {
                return rel.startsWith(".ssh/") ? "SSH access file" : "shell or login start-up file";
            }
            for (String pre : HOME_PERSIST_PREFIX) {
                if (rel.startsWith(pre)) {
                    return "auto-start location";
                }
            }
            if (HOME_TOOL_RC.contains(rel)) {
                return "start-up file of a tool that runs commands";
            }
            for (String pre : HOME_TOOL_RC_PREFIX) {
                if (rel.startsWith(pre)) {
                    return "start-up file of a tool that runs commands";
                }
            }
            String dir = rel.lastIndexOf('/') < 0 ? "" : rel.substring(0, rel.lastIndexOf('/') + 1);
            String prog = rel.substring(rel.lastIndexOf('/') + 1);
            if (PATH_DIRS.contains(dir) && SHADOWED.contains(prog) || SHIM_DIRS.contains(dir) && !prog.isEmpty()) {
                return "program on PATH that shadows " + prog;
            }
            if (HOME_PACKAGE.contains(rel)) {
                return "package-manager configuration";
            }
            for (String pre : HOME_PACKAGE_PREFIX) {
                if (rel.startsWith(pre)) {
                    return "package-manager configuration";
                }
            }
        }
        String name = p.substring(p.lastIndexOf('/') + 1);
        if (p.contains("/site-packages/") && (name.endsWith(".pth") || name.equals("usercustomize.py")
                || name.equals("sitecustomize.py"))) {
            return "Python start-up hook (runs in every Python process of that environment)";
        }
        String project = ctx.projectRoot().toString();
        if (p.startsWith(project) && p.startsWith("/.git/hooks/", project.length())) {
            return "git hook (runs on every commit or push)";
        }
        if (p.startsWith(project) && p.startsWith("/.git/config", project.length())
                && p.length() == project.length() + 12) {
            return "repository's git configuration (hooks path, fsmonitor and aliases run programs)";
        }
        if (SYSTEM_PERSIST.contains(p)) {
            return "system start-up or configuration file";
        }
        for (String pre : SYSTEM_PERSIST_PREFIX) {
            if (p.startsWith(pre)) {
                return "system start-up or scheduler location";
            }
        }
        return null;
    }
}
