package dev.warden.analysis.fs;

import dev.warden.analysis.Invocation;
import dev.warden.analysis.Pack;
import dev.warden.analysis.Report;
import dev.warden.analysis.Rule;
import dev.warden.call.PathUse;
import java.util.List;
import java.util.Set;

/**
 * Records the files that programs write through an option or an operand rather than a
 * redirection ({@code sponge FILE}, {@code patch FILE}, {@code find -fprintf FILE},
 * {@code gpg -o FILE}, {@code openssl -out FILE}, {@code git diff --output=FILE}), so the path
 * rules (start-up files, system files, keys, Warden's own files) judge them like {@code > FILE}.
 * It raises no finding of its own, except through the fs pack's deletion judgement for cache
 * cleaners pointed at a directory ({@code cargo clean --target-dir ~}).
 */
final class OutputsPack implements Pack {

    private static final Set<String> PROGRAMS = Set.of("sponge", "patch", "find", "gpg", "gpg2", "openssl", "git", "sort", "shuf",
            "uniq", "iconv", "dos2unix", "unix2dos", "mac2unix", "script", "gcc", "cc", "clang", "g++", "c++", "clang++",
            "tcc", "rustc", "go", "zig", "cargo", "pre-commit", "socat", "gradle", "gradlew");
    private static final Set<String> PATCH_VALUED = Set.of("-p", "-i", "-o", "-d", "-r", "-D", "-F", "-B", "-V", "-Y",
            "-z", "-g", "--input", "--output", "--directory", "--reject-file", "--ifdef", "--fuzz", "--prefix",
            "--basename-prefix", "--suffix", "--get", "--version-control", "--strip");

    @Override
    public String name() {
        return "fs";
    }

    @Override
    public List<Rule> rules() {
        return List.of();
    }

    @Override
    public Set<String> programs() {
        return PROGRAMS;
    }

    @Override
    public Set<String> judgesVerbsOf() {
        return Set.of(); // it only records paths
    }

    @Override
    public void inspect(Invocation c, Report out) {
        List<String> args = c.args();
        switch (c.program()) {
            case "sponge" -> {
                for (String f : c.operands()) {
                    write(c, f, out);
                }
            }
            case "patch" -> {
                // patch [options] [ORIGFILE [PATCHFILE]]: ORIGFILE is rewritten; -o names the output instead
                c.option("-o", "--output").ifPresent(f -> write(c, f, out));
                List<String> ops = c.operands(PATCH_VALUED);
                java.util.Optional<String> dir = c.option("-d", "--directory");
                dir.flatMap(c::path).ifPresent(d -> FilesystemPack.patchDirectory(c, d, out));
                if (!ops.isEmpty() && c.option("-o", "--output").isEmpty()) {
                    write(c, dir.map(d -> d.endsWith("/") ? d : d + "/").orElse("") + ops.get(0), out);
                } else if (ops.isEmpty() && c.option("-o", "--output").isEmpty() && !c.flag("--dry-run")) {
                    // the files the patch text names (patch -p1 < p.diff, p.diff written in the call)
                    int strip = c.option("-p", "--strip").map(v -> v.matches("[0-9]") ? Integer.parseInt(v) : 0).orElse(0);
                    for (String a : args) {
                        strip = a.matches("-p[0-9]") ? a.charAt(2) - '0' : strip;
                    }
                    dev.warden.analysis.Patches.record(c, strip, dir.orElse(null), out);
                }
            }
            case "find" -> {
                for (int i = 0; i + 1 < args.size(); i++) {
                    String a = args.get(i);
                    if (a.equals("-fprint") || a.equals("-fprint0") || a.equals("-fprintf") || a.equals("-fls")) {
                        write(c, args.get(i + 1), out);
                    }
                }
            }
            case "gpg", "gpg2" -> c.option("-o", "--output").ifPresent(f -> write(c, f, out));
            case "openssl" -> {
                for (int i = 0; i + 1 < args.size(); i++) {
                    String a = args.get(i);
                    if (a.equals("-out") || a.equals("-keyout")) {
                        write(c, args.get(i + 1), out);
                    }
                }
            }
            case "git" -> {
                // checkout-index --prefix=DIR/: every file of the index is written under DIR, whatever its name
                (args.contains("checkout-index") ? c.option("--prefix") : java.util.Optional.<String>empty())
                        .filter(p -> p.indexOf('/') >= 0)
                        .flatMap(p -> c.path(p.substring(0, p.lastIndexOf('/') + 1)))
                        .ifPresent(d -> FilesystemPack.overBroadPlace(c, d, "writes the repository's files", out));
                // diff, log, show, format-patch --output=FILE write the patch there
                for (int i = 0; i < args.size(); i++) {
                    String a = args.get(i);
                    if (a.startsWith("--output=")) {
                        write(c, a.substring("--output=".length()), out);
                    } else if (a.equals("--output") && i + 1 < args.size()) {
                        write(c, args.get(i + 1), out);
                    }
                }
            }
            case "sort", "iconv", "shuf" -> c.option("-o", "--output").ifPresent(f -> write(c, f, out));
            case "uniq" -> {
                // uniq [INPUT [OUTPUT]]
                List<String> ops = c.operands(Set.of("-f", "-s", "-w", "--skip-fields", "--skip-chars", "--check-chars"));
                if (ops.size() > 1) {
                    write(c, ops.get(1), out);
                }
            }
            case "dos2unix", "unix2dos", "mac2unix" -> {
                // converted in place, or -n IN OUT pairs
                boolean pairs = false;
                List<String> files = new java.util.ArrayList<>();
                for (String a : args) {
                    if (a.equals("-n") || a.equals("--newfile")) {
                        pairs = true;
                    } else if (a.equals("-o") || a.equals("--oldfile")) {
                        pairs = false;
                    } else if (!a.startsWith("-")) {
                        files.add((pairs ? "n:" : "o:") + a);
                    }
                }
                int n = 0;
                for (String f : files) {
                    boolean inPair = f.startsWith("n:");
                    if (!inPair || n++ % 2 == 1) {
                        write(c, f.substring(2), out);
                    }
                }
            }
            case "script" -> {
                // script [-a] [-c CMD] [FILE]: the typescript is written (appended with -a) to FILE
                List<String> ops = c.operands(Set.of("-c", "--command", "-E", "--echo", "-I", "--log-in", "-O", "--log-out",
                        "-B", "--log-io", "-T", "--log-timing", "-m", "--logging-format"));
                if (!ops.isEmpty()) {
                    write(c, ops.get(0), out);
                }
                c.option("-O", "--log-out", "-B", "--log-io").ifPresent(f -> write(c, f, out));
            }
            case "cargo", "pre-commit", "gradle", "gradlew" -> FilesystemPack.cacheClean(c, out);
            case "socat" -> socat(c, out);
            case "gcc", "cc", "clang", "g++", "c++", "clang++", "tcc", "rustc", "go", "zig" -> {
                if (c.program().equals("go")) {
                    FilesystemPack.cacheClean(c, out);
                }
                // the compiled program lands at -o (go build -o, gcc -o ~/.local/bin/git)
                for (int i = 0; i < args.size(); i++) {
                    String a = args.get(i);
                    if (a.equals("-o") && i + 1 < args.size()) {
                        write(c, args.get(i + 1), out);
                    } else if (a.startsWith("-o") && a.length() > 2 && !c.program().equals("go") && !a.startsWith("-o=")) {
                        write(c, a.substring(2), out);
                    } else if (a.startsWith("-o=")) {
                        write(c, a.substring(3), out);
                    }
                }
            }
            default -> { }
        }
    }

    /**
     * socat's file addresses ({@code OPEN:}, {@code GOPEN:}, {@code CREATE:}, or a bare path with a
     * slash): data flows both ways unless {@code -u} (first to second) or {@code -U} (second to
     * first), so an address data flows into is written, appended to with {@code ,append}.
     */
    private static void socat(Invocation c, Report out) {
        List<String> ops = c.operands(Set.of("-d", "-lf", "-b", "-t", "-T", "-L", "-W"));
        boolean oneWay = c.flag("-u");
        boolean back = c.flag("-U");
        for (int i = 0; i < ops.size() && i < 2; i++) {
            String a = ops.get(i);
            String l = a.toLowerCase(java.util.Locale.ROOT);
            String file = l.startsWith("open:") || l.startsWith("gopen:") ? a.substring(a.indexOf(':') + 1)
                    : l.startsWith("create:") || l.startsWith("creat:") ? a.substring(a.indexOf(':') + 1)
                    : a.indexOf(':') < 0 && a.indexOf('/') >= 0 ? a : null;
            if (file == null) {
                continue;
            }
            int comma = file.indexOf(',');
            String path = comma < 0 ? file : file.substring(0, comma);
            boolean into = oneWay ? i == 1 : back ? i == 0 : true;
            if (into) {
                write(c, path, out);
            } else {
                c.path(path).ifPresent(p -> out.path(p.toString(), PathUse.Access.READ, c.text()));
            }
        }
    }

    private static void write(Invocation c, String file, Report out) {
        if (file.isEmpty() || file.equals("-") || file.startsWith("/dev/std") || file.equals("/dev/null")) {
            return;
        }
        c.path(file).ifPresent(p -> out.path(p.toString(), PathUse.Access.WRITE, c.text()));
    }
}
