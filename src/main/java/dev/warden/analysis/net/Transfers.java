package dev.warden.analysis.net;

import dev.warden.analysis.Hosts;
import dev.warden.analysis.Invocation;
import dev.warden.analysis.Report;
import dev.warden.call.PathUse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * File transfers between machines: scp, sftp, rsync, rclone and cloud copy tools. The local
 * side is recorded as read (sources) or written (destination); a remote destination is a copy
 * off the machine.
 */
final class Transfers {

    private static final Set<String> VALUED = Set.of("-P", "-p", "-i", "-o", "-F", "-c", "-l", "-S", "-J", "-e",
            "--rsh", "--exclude", "--include", "--exclude-from", "--include-from", "--files-from", "--filter", "-f",
            "--log-file", "--password-file", "--port", "--config", "--transfers", "--checkers", "--bwlimit",
            "--backup-dir", "--suffix", "--chmod", "--chown", "--timeout", "--max-size", "--min-size", "-B", "-T",
            "--temp-dir", "--partial-dir", "--compare-dest", "--copy-dest", "--link-dest", "--rsync-path", "-z");

    private Transfers() {}

    static void inspect(Invocation c, Report out) {
        String prog = c.program();
        List<String> ops = c.operands(VALUED);
        if (prog.equals("rclone") || prog.equals("gsutil") || prog.equals("mc") || prog.equals("s3cmd")
                || prog.equals("azcopy")) {
            // first operand is the verb: rclone sync SRC DST, gsutil cp SRC DST
            if (ops.isEmpty()) {
                return;
            }
            String verb = ops.get(0);
            ops = ops.subList(1, ops.size());
            if (!(verb.equals("cp") || verb.equals("copy") || verb.equals("sync") || verb.equals("move")
                    || verb.equals("mv") || verb.equals("put") || verb.equals("rsync") || verb.equals("copyto")
                    || verb.equals("moveto") || verb.equals("mirror"))) {
                return;
            }
        }
        if (prog.equals("sftp")) {
            if (!ops.isEmpty()) {
                String h = remoteHost(ops.get(0), prog);
                if (h != null) {
                    out.host(h);
                }
            }
            return;
        }
        if (ops.size() < 2) {
            return;
        }
        String dest = ops.get(ops.size() - 1);
        List<String> sources = ops.subList(0, ops.size() - 1);
        String destHost = remoteHost(dest, prog);
        boolean anyRemoteSource = false;
        for (String s : sources) {
            String h = remoteHost(s, prog);
            if (h != null) {
                out.host(h);
                anyRemoteSource = true;
            } else {
                c.path(s).ifPresent(p -> out.path(p.toString(), PathUse.Access.READ, c.text()));
            }
        }
        if (destHost != null) {
            out.host(destHost);
            if (!anyRemoteSource && !Hosts.local(destHost)) {
                out.signal(Report.Signal.NETWORK_SEND);
                out.add(NetPack.COPY_OFF.finding("copies local files to " + destHost, c.text()));
            }
        } else {
            c.path(dest).ifPresent(p -> out.path(p.toString(), PathUse.Access.WRITE, c.text()));
        }
    }

    /** {@code aws s3 cp|sync|mv}, {@code gcloud storage cp}, {@code az storage blob upload}: uploads to buckets. */
    static void cloudCopy(Invocation c, Report out) {
        if (c.flag("--dryrun", "--dry-run")) {
            return; // aws s3 sync --dryrun, gcloud storage rsync --dry-run: lists what would be copied
        }
        List<String> ops = c.operands(Set.of("--profile", "--region", "--endpoint-url", "--exclude", "--include",
                "--acl", "--storage-class", "--sse", "--content-type", "--cache-control", "--project",
                "--account-name", "-c", "--container-name", "-n", "--name", "-f", "--file", "-s", "--source",
                "-d", "--destination", "--account-key", "--sas-token", "--connection-string", "--output", "--query"));
        String prog = c.program();
        List<String> rest;
        if (prog.equals("aws") && ops.size() >= 3 && ops.get(0).equals("s3")
                && (ops.get(1).equals("cp") || ops.get(1).equals("sync") || ops.get(1).equals("mv"))) {
            rest = ops.subList(2, ops.size());
        } else if (prog.equals("gcloud") && ops.size() >= 3 && (ops.get(0).equals("storage") || ops.get(0).equals("alpha"))
                && (ops.contains("cp") || ops.contains("rsync") || ops.contains("mv"))) {
            rest = ops.subList(ops.indexOf(ops.contains("cp") ? "cp" : ops.contains("mv") ? "mv" : "rsync") + 1, ops.size());
        } else if (prog.equals("az") && ops.size() >= 3 && ops.get(0).equals("storage")
                && (ops.contains("upload") || ops.contains("upload-batch") || ops.contains("sync"))) {
            String file = c.option("-f", "--file", "-s", "--source").orElse("");
            if (!file.isEmpty()) {
                c.path(file).ifPresent(p -> out.path(p.toString(), PathUse.Access.READ, c.text()));
            }
            out.signal(Report.Signal.NETWORK_SEND);
            out.add(NetPack.COPY_OFF.finding("uploads local files to Azure storage", c.text()));
            return;
        } else {
            return;
        }
        if (rest.size() < 2) {
            return;
        }
        String dest = rest.get(rest.size() - 1);
        boolean upload = false;
        for (String src : rest.subList(0, rest.size() - 1)) {
            if (remoteHost(src, prog) == null) {
                upload = true;
                c.path(src).ifPresent(p -> out.path(p.toString(), PathUse.Access.READ, c.text()));
            }
        }
        String destHost = remoteHost(dest, prog);
        if (destHost == null) {
            c.path(dest).ifPresent(p -> out.path(p.toString(), PathUse.Access.WRITE, c.text()));
        } else {
            out.host(destHost);
            if (upload) {
                out.signal(Report.Signal.NETWORK_SEND);
                out.add(NetPack.COPY_OFF.finding("copies local files to " + destHost, c.text()));
            }
        }
    }

    /** The host of a remote operand ({@code user@host:path}, {@code remote:bucket}, {@code s3://b}), or null. */
    static @Nullable String remoteHost(String op, String prog) {
        if (op.startsWith("/") || op.startsWith(".") || op.startsWith("~")) {
            return null;
        }
        String lower = op.toLowerCase(Locale.ROOT);
        for (String scheme : new String[] {"s3://", "gs://", "az://", "r2://", "b2://", "wasb://", "wasbs://", "abfs://"}) {
            if (lower.startsWith(scheme)) {
                String rest = op.substring(scheme.length());
                int slash = rest.indexOf('/');
                return scheme.substring(0, scheme.length() - 3) + ":" + (slash < 0 ? rest : rest.substring(0, slash));
            }
        }
        if (op.contains("://")) {
            return Hosts.hostOf(op);
        }
        int colon = op.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String head = op.substring(0, colon);
        if (head.indexOf('/') >= 0) {
            return null;
        }
        int at = head.indexOf('@');
        String host = at >= 0 ? head.substring(at + 1) : head;
        if (host.isEmpty()) {
            return null;
        }
        // rclone remotes ("remote:bucket") and scp hosts ("host:path") alike leave the machine
        return host.toLowerCase(Locale.ROOT);
    }
}
