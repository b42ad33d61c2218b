package dev.warden.analysis;

import dev.warden.call.Finding;
import dev.warden.call.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Download, then run: {@code curl -o x https://... && chmod +x x && ./x} is {@code curl ... | sh}
 * spelled with a file. The net pack reports the files a command saves from the network
 * ({@link Report#downloaded}); a later command of the same Bash call that runs one (as the
 * program, or as the script of a shell or interpreter) is the shell reader's
 * {@code shell.pipe-to-shell} finding at its "downloaded" class.
 */
final class Downloads {

    private Downloads() {}

    /** Programs that run their first operand as a script. */
    private static final Set<String> RUNNERS = Set.of("sh", "bash", "zsh", "dash", "ksh", "mksh", "fish", "source",
            ".", "python", "node", "perl", "ruby", "php", "deno", "bun", "tsx", "ts-node", "osascript", "pwsh", "java",
            "kotlin", "groovy", "scala", "dotnet", "lua", "luajit", "rscript", "julia", "elixir", "tclsh", "wish", "expect");

    /** The downloaded file this command runs, if any. */
    static Optional<Path> runs(Invocation c, Set<String> downloaded) {
        List<String> argv = c.command().argv();
        if (argv.isEmpty()) {
            return Optional.empty();
        }
        String program = argv.get(0);
        if (program.indexOf('/') >= 0) {
            Optional<Path> p = c.path(program);
            if (p.isPresent() && downloaded(p.get(), downloaded)) {
                return p;
            }
        }
        // build tools run what their configuration says: a downloaded Makefile or package.json is code
        String prog = c.program();
        if (prog.equals("make") || prog.equals("gmake")) {
            String file = c.option("-f", "--file", "--makefile").orElse(null);
            for (String name : file == null ? List.of("GNUmakefile", "makefile", "Makefile") : List.of(file)) {
                Optional<Path> p = c.path(name);
                if (p.isPresent() && downloaded(p.get(), downloaded)) {
                    return p;
                }
            }
        }
        if (prog.equals("npm") || prog.equals("pnpm") || prog.equals("yarn") || prog.equals("bun")) {
            Optional<Path> p = c.path("package.json");
            if (p.isPresent() && downloaded(p.get(), downloaded)) {
                return p; // install, run, test, start: each runs the package's scripts
            }
        }
        if ((prog.equals("pip") || prog.equals("pip3") || prog.equals("uv") || prog.equals("pipx"))
                && argv.contains("install")) {
            // pip install x.whl just downloaded: a wheel's .pth files run in every Python process
            for (String op : c.operands()) {
                Optional<Path> p = op.endsWith(".whl") || op.endsWith(".tar.gz") || op.endsWith(".zip") ? c.path(op)
                        : Optional.empty();
                if (p.isPresent() && downloaded(p.get(), downloaded)) {
                    return p;
                }
            }
        }
        if (RUNNERS.contains(c.program())) {
            for (String op : c.operands()) {
                Optional<Path> p = c.path(op);
                if (p.isPresent() && downloaded(p.get(), downloaded)) {
                    return p;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * True when the file was saved from the network in this call, or lies in a directory a
     * downloaded archive was extracted into (recorded with a trailing {@code /}).
     */
    static boolean downloaded(Path file, Set<String> downloaded) {
        String f = file.toString();
        if (downloaded.contains(f)) {
            return true;
        }
        for (String d : downloaded) {
            if (d.endsWith("/") && (f + "/").startsWith(d)) {
                return true;
            }
        }
        return false;
    }

    static Finding finding(Path file, String evidence) {
        return new Finding("shell.pipe-to-shell", Severity.HIGH,
                "runs " + file + ", downloaded earlier in the same command, without anyone reading it", evidence,
                "download, read, then run a reviewed file");
    }
}
