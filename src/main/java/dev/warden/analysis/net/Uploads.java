package dev.warden.analysis.net;

import dev.warden.analysis.Hosts;
import dev.warden.analysis.Invocation;
import dev.warden.analysis.Report;
import dev.warden.call.Command;
import dev.warden.call.PathUse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Uploads by interactive file-transfer clients driven by a script: {@code sftp host <<< 'put
 * FILE'}, {@code smbclient //host/share -c 'put FILE'}, {@code lftp -c 'open host; put FILE'}.
 * The script comes from {@code -c}/{@code -e}, a here-document or here-string, or text piped
 * in; each {@code put}/{@code mput}/{@code reput}/{@code append} (and lftp's
 * {@code mirror -R}) reads a local file and sends it: the file is recorded as read (so the
 * secrets rules judge it) and the call as a network send.
 */
final class Uploads {

    private static final Set<String> PUT = Set.of("put", "mput", "reput", "append", "mirror");

    private Uploads() {}

    /** Returns true when the script uploads something (and it was reported). */
    static boolean inspect(Invocation c, Report out) {
        List<String> scripts = new ArrayList<>(2);
        List<String> args = c.args();
        String prog = c.program();
        for (int i = 0; i + 1 < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-c") && (prog.equals("smbclient") || prog.equals("lftp")) || a.equals("-e") && prog.equals("lftp")
                    || a.equals("--command") && prog.equals("smbclient")) {
                scripts.add(args.get(i + 1));
            }
        }
        for (Command.Redirect r : c.command().redirects()) {
            if (r.op().startsWith("<<")) {
                scripts.add(r.target());
            }
        }
        c.stdin().ifPresent(scripts::add);
        String host = host(c, scripts);
        boolean any = false;
        for (String script : scripts) {
            for (String line : script.split("[;\n]")) {
                List<String> words = List.of(line.strip().split("\\s+"));
                if (words.isEmpty() || !PUT.contains(words.get(0).toLowerCase(Locale.ROOT))) {
                    continue;
                }
                boolean mirror = words.get(0).equalsIgnoreCase("mirror");
                if (mirror && !words.contains("-R") && !words.contains("--reverse")) {
                    continue; // mirror without -R downloads
                }
                boolean many = mirror || words.get(0).equalsIgnoreCase("mput");
                for (int k = 1; k < words.size(); k++) {
                    String f = words.get(k);
                    if (f.startsWith("-")) {
                        if (f.equals("-O") || f.equals("-o")) {
                            k++; // lftp put -O remote-dir / -o remote-name
                        }
                        continue;
                    }
                    c.path(f).ifPresent(p -> out.path(p.toString(), PathUse.Access.READ, c.text()));
                    any = true;
                    if (!many) {
                        break; // put LOCAL [REMOTE]
                    }
                }
            }
        }
        if (!any || host != null && Hosts.local(host)) {
            return any;
        }
        if (host != null) {
            out.host(host);
        }
        out.signal(Report.Signal.NETWORK_SEND);
        out.add(NetPack.COPY_OFF.finding("uploads local files" + (host == null ? "" : " to " + host) + " (" + prog + " put)",
                c.text()));
        return true;
    }

    /** The server: sftp's and lftp's operand, smbclient's //host/share, or lftp's {@code open host}. */
    private static @Nullable String host(Invocation c, List<String> scripts) {
        for (String o : c.operands(Set.of("-c", "-e", "-p", "-u", "-U", "-W", "-P", "-i", "-o", "-F", "-b", "-s", "-l",
                "-A", "-m", "-n", "-O", "-R", "-D", "-E", "-I", "-S", "-B", "-t", "-T", "--command", "--user",
                "--workgroup", "--port"))) {
            if (o.startsWith("//") || o.startsWith("\\\\")) {
                String rest = o.substring(2);
                int end = rest.indexOf(o.charAt(0));
                return rest.substring(0, end < 0 ? rest.length() : end).toLowerCase(Locale.ROOT);
            }
            String h = Hosts.hostOf(o.contains("://") ? o : "x://" + o);
            if (h != null && !h.isEmpty()) {
                return h;
            }
        }
        for (String script : scripts) {
            for (String line : script.split("[;\n]")) {
                String[] w = line.strip().split("\\s+");
                if (w.length >= 2 && w[0].equals("open")) {
                    String target = w[w.length - 1];
                    String h = Hosts.hostOf(target.contains("://") ? target : "x://" + target);
                    if (h != null) {
                        return h;
                    }
                }
            }
        }
        return null;
    }
}
