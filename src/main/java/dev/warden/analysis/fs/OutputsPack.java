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
 * It raises no finding of its own.
 */
final class OutputsPack implements Pack {

    private static final Set<String> PROGRAMS = Set.of("sponge", "patch", "find", "gpg", "gpg2", "openssl", "git");
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
                if (!ops.isEmpty() && c.option("-o", "--output").isEmpty() && c.option("-d", "--directory").isEmpty()) {
                    write(c, ops.get(0), out);
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
            default -> { }
        }
    }

    private static void write(Invocation c, String file, Report out) {
        if (file.isEmpty() || file.equals("-") || file.startsWith("/dev/std") || file.equals("/dev/null")) {
            return;
        }
        c.path(file).ifPresent(p -> out.path(p.toString(), PathUse.Access.WRITE, c.text()));
    }
}
