package dev.warden.analysis.fs;

import dev.warden.analysis.Invocation;
import dev.warden.analysis.Place;
import dev.warden.analysis.Report;
import dev.warden.call.PathUse;
import dev.warden.call.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * tar's three option syntaxes: old-style clusters without a dash whose letters take their
 * values from the following words in order ({@code tar xfC a.tar /}), short clusters where a
 * value-taking letter takes the rest of the cluster or the next word ({@code -xf a.tar},
 * {@code -C/}), and long options ({@code --directory=/}). A value glued to its option is not
 * tilde-expanded by the shell ({@code -C~} is a directory named {@code ~}).
 */
final class Tar {

    private static final String VALUED = "bCfFgHIKLNTVX";

    private Tar() {}

    static void inspect(Invocation c, Report out) {
        List<String> args = c.args();
        char mode = 0;
        List<String> dirs = new ArrayList<>();
        String archive = null;
        List<String> operands = new ArrayList<>();
        int i = 0;
        if (!args.isEmpty() && !args.get(0).startsWith("-") && letters(args.get(0))) {
            String cluster = args.get(0);
            int next = 1;
            for (int j = 0; j < cluster.length(); j++) {
                char l = cluster.charAt(j);
                if ("xctruA".indexOf(l) >= 0) {
                    mode = l;
                }
                if (VALUED.indexOf(l) >= 0 && next < args.size()) {
                    String v = args.get(next++);
                    if (l == 'C') {
                        dirs.add(v);
                    } else if (l == 'f') {
                        archive = v;
                    }
                }
            }
            i = next;
        }
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                operands.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a : a.substring(0, eq);
                String value = eq < 0 ? null : a.substring(eq + 1);
                switch (name) {
                    case "--extract", "--get" -> mode = 'x';
                    case "--create" -> mode = 'c';
                    case "--list" -> mode = 't';
                    case "--append", "--update", "--catenate", "--concatenate" -> mode = 'r';
                    case "--directory", "--file", "--files-from", "--exclude-from", "--use-compress-program",
                            "--newer", "--after-date", "--transform", "--xform", "--blocking-factor", "--info-script",
                            "--label", "--listed-incremental", "--owner", "--group", "--mode", "--format" -> {
                        if (value == null && i + 1 < args.size()) {
                            value = args.get(++i);
                        }
                        if (name.equals("--directory") && value != null) {
                            dirs.add(value);
                        } else if (name.equals("--file") && value != null) {
                            archive = value;
                        }
                    }
                    default -> { }
                }
            } else if (a.startsWith("-") && a.length() > 1) {
                for (int j = 1; j < a.length(); j++) {
                    char l = a.charAt(j);
                    if ("xctruA".indexOf(l) >= 0) {
                        mode = l;
                    }
                    if (VALUED.indexOf(l) >= 0) {
                        String rest = a.substring(j + 1);
                        String v;
                        if (!rest.isEmpty()) {
                            // glued: the shell did not tilde-expand it
                            v = rest.startsWith("~") ? "./" + rest : rest;
                        } else {
                            v = i + 1 < args.size() ? args.get(++i) : null;
                        }
                        if (v != null && l == 'C') {
                            dirs.add(v);
                        } else if (v != null && l == 'f') {
                            archive = v;
                        }
                        break;
                    }
                }
            } else {
                operands.add(a);
            }
        }
        if (mode == 'x') {
            if (archive != null && !archive.equals("-")) {
                c.path(archive).ifPresent(p -> out.path(p.toString(), PathUse.Access.READ, c.text()));
            }
            if (dirs.isEmpty()) {
                dirs.add(".");
            }
            for (String d : dirs) {
                extractInto(c, d, archive == null || archive.equals("-") ? null : archive, operands, out);
            }
        } else if (mode == 'c' || mode == 'r') {
            if (archive != null && !archive.equals("-")) {
                c.path(archive).ifPresent(p -> out.path(p.toString(), PathUse.Access.WRITE, c.text()));
            }
            String base = dirs.isEmpty() ? null : dirs.get(dirs.size() - 1);
            if (args.contains("--remove-files") && base == null) {
                FilesystemPack.removesSources(c, operands, out); // deletes what it archived
            }
            for (String o : operands) {
                Optional<Path> p = base == null || o.startsWith("/") || o.startsWith("~") ? c.path(o) : c.path(base).map(b -> b.resolve(o).normalize());
                p.ifPresent(x -> out.path(x.toString(), PathUse.Access.READ, c.text()));
            }
        }
    }

    private static boolean letters(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isLetter(s.charAt(i))) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /**
     * Judges an extraction into {@code dirWord} of {@code archive} (null: standard input); the
     * named members are written under it ({@code tar xf x.tar .claude/settings.json}).
     */
    static void extractInto(Invocation c, String dirWord, @Nullable String archive, List<String> members, Report out) {
        Optional<Path> dir = c.path(dirWord);
        if (dir.isEmpty()) {
            if (Invocation.dynamic(dirWord)) {
                out.add(FilesystemPack.EXTRACT_BROAD.finding(Severity.MEDIUM,
                        "extracts an archive into a directory decided at run time", c.text()));
            }
            return;
        }
        out.path(dir.get().toString(), PathUse.Access.WRITE, c.text());
        out.extracted(dir.get().toString(), archive == null ? null : c.path(archive).map(Path::toString).orElse("?"));
        for (String m : members) {
            if (!m.startsWith("-") && !m.startsWith("/") && !Invocation.dynamic(m)) {
                out.path(dir.get().resolve(m).normalize().toString(), PathUse.Access.WRITE, c.text());
            }
        }
        Place place = c.place(dir.get());
        switch (place) {
            case ROOT, HOME, HOME_ANCESTOR, PROJECT_ANCESTOR, SYSTEM, DEVICE ->
                    out.add(FilesystemPack.EXTRACT_BROAD.finding(
                            "extracts an archive over " + dir.get() + ", which can overwrite any file there", c.text()));
            default -> { }
        }
    }
}
