package dev.warden.analysis;

import dev.warden.call.Command;
import dev.warden.call.PathUse;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a unified diff changes: what {@code git apply}, {@code git am} and {@code patch}
 * write when the patch text is known (a here-document, or a file the call wrote, which the
 * shell reader hands over as one). A patch is a way to write any file its headers name.
 */
public final class Patches {

    private static final int MAX_TARGETS = 64;

    private Patches() {}

    /**
     * The paths named by {@code +++}, {@code diff --git} and {@code rename to} lines, with
     * {@code strip} leading components removed ({@code -p1} takes {@code b/x} to {@code x}).
     */
    public static List<String> targets(String diff, int strip) {
        List<String> out = new ArrayList<>(2);
        for (String line : diff.split("\n", 4096)) {
            String path = null;
            if (line.startsWith("+++ ")) {
                path = stripped(firstField(line.substring(4)), strip);
            } else if (line.startsWith("rename to ") || line.startsWith("copy to ")) {
                path = line.substring(line.indexOf(" to ") + 4).strip();
            } else if (line.startsWith("diff --git ")) {
                String[] f = line.substring(11).strip().split(" ");
                path = f.length == 2 ? stripped(f[1], 1) : null;
            }
            if (path != null && !path.isEmpty() && !path.equals("/dev/null") && !out.contains(path)
                    && out.size() < MAX_TARGETS) {
                out.add(path);
            }
        }
        return out;
    }

    /** The patch text given to the command on standard input or in a here-document, or null. */
    public static @org.jspecify.annotations.Nullable String text(Invocation c) {
        StringBuilder sb = new StringBuilder();
        c.stdin().ifPresent(sb::append);
        for (Command.Redirect r : c.command().redirects()) {
            if (r.op().startsWith("<<")) {
                sb.append('\n').append(r.target());
            }
        }
        return sb.indexOf("+++ ") >= 0 || sb.indexOf("diff --git ") >= 0 ? sb.toString() : null;
    }

    /** Records the files the known patch text changes as writes, relative to {@code dir} (or the command's directory). */
    public static void record(Invocation c, int strip, @org.jspecify.annotations.Nullable String dir, Report out) {
        String diff = text(c);
        if (diff == null) {
            return;
        }
        for (String t : targets(diff, strip)) {
            String p = dir == null ? t : (dir.endsWith("/") ? dir : dir + "/") + t;
            c.path(p).ifPresent(x -> out.path(x.toString(), PathUse.Access.WRITE, c.text()));
        }
    }

    private static String firstField(String s) {
        int tab = s.indexOf('\t');
        String f = (tab >= 0 ? s.substring(0, tab) : s).strip();
        int sp = f.indexOf(' ');
        return sp > 0 && f.startsWith("\"") ? f : sp > 0 ? f.substring(0, sp) : f;
    }

    private static String stripped(String path, int strip) {
        String p = path;
        if (p.startsWith("\"") && p.endsWith("\"") && p.length() > 1) {
            p = p.substring(1, p.length() - 1);
        }
        for (int i = 0; i < strip; i++) {
            int slash = p.indexOf('/');
            if (slash < 0) {
                return p;
            }
            p = p.substring(slash + 1);
        }
        return p;
    }
}
