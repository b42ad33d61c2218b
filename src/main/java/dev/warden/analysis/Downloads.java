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
            ".", "python", "node", "perl", "ruby", "php", "deno", "bun", "tsx", "ts-node", "osascript", "pwsh");

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
    private static boolean downloaded(Path file, Set<String> downloaded) {
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

    /**
     * The directory a downloaded archive is extracted into: {@code curl URL | tar -xz},
     * {@code tar xzf x.tgz -C out} or {@code unzip x.zip -d out} after {@code curl -o x.tgz},
     * so that {@code ./install.sh} from it is running a download. Empty for any other command,
     * and for archives that were not downloaded in this call.
     *
     * @param stdinDownloaded the command reads downloaded content on its standard input
     */
    static Optional<Path> extractsInto(Invocation c, Set<String> downloaded, boolean stdinDownloaded) {
        String prog = c.program();
        List<String> args = c.args();
        String archive = null;
        String dir = null;
        boolean extract = false;
        if (prog.equals("tar") || prog.equals("bsdtar") || prog.equals("gtar")) {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.startsWith("--")) {
                    int eq = a.indexOf('=');
                    String name = eq < 0 ? a : a.substring(0, eq);
                    String value = eq >= 0 ? a.substring(eq + 1) : null;
                    if ("--extract".startsWith(name) && name.length() > 4 || name.equals("--get")) {
                        extract = true;
                    } else if (name.equals("--file") || name.equals("--directory")) {
                        if (value == null && i + 1 < args.size()) {
                            value = args.get(++i);
                        }
                        if (name.equals("--file")) {
                            archive = value;
                        } else {
                            dir = value;
                        }
                    }
                } else if (a.startsWith("-") || i == 0) {
                    // -xzf x.tgz (getopt: the rest of the word is an option's value) or the old
                    // style xzf x.tgz -C out (each valued letter takes the next word)
                    boolean old = !a.startsWith("-");
                    for (int j = old ? 0 : 1; j < a.length(); j++) {
                        char l = a.charAt(j);
                        if (l == 'x') {
                            extract = true;
                        } else if (TAR_VALUED.indexOf(l) >= 0) {
                            String value = !old && j + 1 < a.length() ? a.substring(j + 1)
                                    : i + 1 < args.size() ? args.get(++i) : null;
                            if (l == 'f') {
                                archive = value;
                            } else if (l == 'C') {
                                dir = value;
                            }
                            if (!old) {
                                break;
                            }
                        }
                    }
                }
            }
        } else if (prog.equals("unzip")) {
            extract = true;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("-d") && i + 1 < args.size()) {
                    dir = args.get(++i);
                } else if (a.equals("-x")) {
                    break; // the names after -x are excluded members
                } else if (!a.startsWith("-") && archive == null) {
                    archive = a;
                }
            }
            if (archive == null) {
                return Optional.empty();
            }
        }
        if (!extract) {
            return Optional.empty();
        }
        boolean fromNetwork = archive == null || archive.equals("-") ? stdinDownloaded
                : c.path(archive).map(p -> downloaded(p, downloaded)).orElse(false);
        if (!fromNetwork) {
            return Optional.empty();
        }
        return dir == null ? c.cwd() : c.path(dir);
    }

    /** tar's short options that take a value (the archive, the directory, a list file, ...). */
    private static final String TAR_VALUED = "fCbTXNLgKVIH";

    static Finding finding(Path file, String evidence) {
        return new Finding("shell.pipe-to-shell", Severity.HIGH,
                "runs " + file + ", downloaded earlier in the same command, without anyone reading it", evidence,
                "download, read, then run a reviewed file");
    }
}
