package dev.warden.analysis.fs;

import dev.warden.analysis.Invocation;
import dev.warden.analysis.Pack;
import dev.warden.analysis.Place;
import dev.warden.analysis.Report;
import dev.warden.analysis.Rule;
import dev.warden.call.Command;
import dev.warden.call.PathUse;
import dev.warden.call.Severity;
import java.util.List;
import java.util.Set;

/**
 * Records the files a command's redirections write ({@code >}, {@code >>}, {@code &>}, ...)
 * and read ({@code <}), whatever the program; the path rules then judge them. Heredoc and
 * here-string bodies are data, not paths.
 */
final class RedirectPack implements Pack {

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
        return Set.of();
    }

    @Override
    public boolean everyCommand() {
        return true;
    }

    @Override
    public void inspect(Invocation c, Report out) {
        List<Command.Redirect> redirects = c.command().redirects();
        if (redirects.isEmpty()) {
            return;
        }
        for (Command.Redirect r : redirects) {
            String op = stripFd(r.op());
            String target = r.target();
            if (target.isEmpty() || op.startsWith("<<")) {
                continue;
            }
            PathUse.Access access;
            switch (op) {
                case ">", ">>", ">|", "&>", "&>>", "<>", ">&" -> access = PathUse.Access.WRITE;
                case "<" -> access = PathUse.Access.READ;
                default -> {
                    continue; // <& and >& onto descriptors
                }
            }
            if (op.equals(">&") && (isNumber(target) || target.equals("-"))) {
                continue;
            }
            c.path(target).ifPresent(p -> {
                out.path(p.toString(), access, c.text());
                if (access == PathUse.Access.WRITE && !op.contains(">>") && !op.equals("<>")
                        && c.place(p) == Place.HOME_INSIDE && personal(c.context().home().relativize(p))) {
                    // > empties the file first: the user's own document is gone
                    out.add(FilesystemPack.DELETE_OUTSIDE.finding(Severity.MEDIUM,
                            "overwrites a file outside the project: " + p, c.text()));
                }
            });
        }
    }

    /** The user's own files: documents, desktop, downloads, media, synced folders. */
    private static final Set<String> PERSONAL = Set.of("Documents", "Desktop", "Downloads", "Pictures", "Music",
            "Videos", "Movies", "Public", "Dropbox", "OneDrive", "Google Drive", "iCloud Drive", "Nextcloud");

    private static boolean personal(java.nio.file.Path inHome) {
        if (inHome.getNameCount() < 2) {
            return false;
        }
        String first = inHome.getName(0).toString();
        return PERSONAL.contains(first) || first.startsWith("OneDrive")
                || first.equals("Library") && inHome.getName(1).toString().equals("Mobile Documents");
    }

    private static String stripFd(String op) {
        int i = 0;
        while (i < op.length() && Character.isDigit(op.charAt(i))) {
            i++;
        }
        if (i < op.length() && op.charAt(i) == '{') {
            int close = op.indexOf('}', i);
            if (close > 0) {
                i = close + 1;
            }
        }
        return op.substring(i);
    }

    private static boolean isNumber(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return !s.isEmpty();
    }
}
