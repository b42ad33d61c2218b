package dev.warden.analysis.cloud;

import dev.warden.analysis.Invocation;
import dev.warden.analysis.Report;
import dev.warden.call.Severity;
import java.util.List;
import java.util.Locale;

/** docker / podman / nerdctl and compose: data loss and host escapes. */
final class Containers {

    private Containers() {}

    static void docker(Invocation c, List<String> ops, Report out) {
        if (ops.isEmpty()) {
            return;
        }
        String text = c.text();
        String sub = ops.get(0);
        String sub2 = ops.size() > 1 ? ops.get(1) : "";
        // management commands: docker container rm, docker image prune, docker volume rm ...
        String group = "";
        if (sub.equals("container") || sub.equals("image") || sub.equals("volume") || sub.equals("network")
                || sub.equals("system") || sub.equals("builder") || sub.equals("buildx") || sub.equals("compose")
                || sub.equals("swarm") || sub.equals("service") || sub.equals("stack") || sub.equals("secret")
                || sub.equals("config") || sub.equals("node") || sub.equals("context") || sub.equals("plugin")) {
            group = sub;
            sub = sub2;
        }
        switch (group) {
            case "compose" -> {
                compose(c, ops.subList(1, ops.size()), out);
                return;
            }
            case "volume" -> {
                if (sub.equals("rm") || sub.equals("remove") || sub.equals("prune")) {
                    out.add(CloudPack.CONTAINER_DATA.finding(text));
                }
                return;
            }
            case "system" -> {
                if (sub.equals("reset")) {
                    out.add(CloudPack.CONTAINER_DATA.finding("resets the container engine, deleting every image, container and volume", text));
                    return;
                }
                if (sub.equals("prune")) {
                    boolean volumes = c.flag("--volumes");
                    boolean all = c.flag("-a", "--all");
                    out.add(CloudPack.CONTAINER_DATA.finding(volumes ? Severity.HIGH : Severity.MEDIUM,
                            "prunes every stopped container, unused network and " + (all ? "image" : "dangling image")
                                    + (volumes ? " and volume" : ""), text));
                }
                return;
            }
            case "swarm", "service", "stack", "secret", "config", "node", "plugin", "context" -> {
                if (group.equals("plugin") && (sub.equals("install") || sub.equals("upgrade"))
                        && c.flag("--grant-all-permissions")) {
                    out.add(CloudPack.CONTAINER_ESCAPE.finding("installs an engine plugin with every host privilege it "
                            + "asks for (--grant-all-permissions)", text));
                } else if (sub.equals("rm") || sub.equals("remove") || sub.equals("leave") || sub.equals("down")) {
                    out.add(CloudPack.CLOUD_CHANGE.finding(text));
                } else if (group.equals("context") && (sub.equals("create") || sub.equals("update")) && c.option("--docker")
                        .map(d -> d.contains("tcp://") || d.contains("ssh://")).orElse(false)) {
                    // every later docker command, mounts and build contexts included, goes to that machine
                    out.add(CloudPack.CLOUD_CHANGE.finding("points docker at another machine's daemon (docker context)", text));
                } else if (group.equals("stack") && (sub.equals("deploy") || sub.equals("up"))) {
                    out.add(CloudPack.CLOUD_CHANGE.finding("deploys a stack to the swarm (docker stack deploy)", text));
                }
                return;
            }
            default -> { }
        }
        switch (sub) {
            case "rm", "container-rm" -> {
                if (group.equals("image")) {
                    out.add(CloudPack.CONTAINER_REMOVE.finding(Severity.LOW, "removes images", text));
                    return;
                }
                if (c.flag("-v", "--volumes")) {
                    out.add(CloudPack.CONTAINER_DATA.finding("removes containers together with their volumes", text));
                } else {
                    out.add(CloudPack.CONTAINER_REMOVE.finding(text));
                }
            }
            case "prune" -> {
                if (group.equals("builder") || group.equals("buildx")) {
                    // the build cache: layers the next build makes again
                    out.add(CloudPack.CONTAINER_REMOVE.finding(Severity.LOW, "removes the image build cache", text));
                    return;
                }
                if (group.equals("image") && !c.flag("-a", "--all")) {
                    // docker image prune: only dangling (untagged) layers, which the next build makes again
                    out.add(CloudPack.CONTAINER_REMOVE.finding(Severity.LOW, "removes dangling images", text));
                    return;
                }
                if (group.equals("container") && c.option("--filter", "-f").map(f -> f.startsWith("label=")).orElse(false)
                        || group.equals("container") && c.args().stream().anyMatch(a -> a.startsWith("--filter=label="))) {
                    // docker container prune --filter label=com.docker.compose.project=x: one project's stopped
                    // containers, as docker compose down removes them
                    out.add(CloudPack.CONTAINER_REMOVE.finding(Severity.LOW, "removes one label's stopped containers", text));
                    return;
                }
                out.add(CloudPack.CONTAINER_REMOVE.finding(group.equals("image")
                        ? "removes every image not used by a container" : "prunes stopped containers or unused images", text));
            }
            case "rmi" -> out.add(CloudPack.CONTAINER_REMOVE.finding(Severity.LOW, "removes images", text));
            case "run", "create" -> escape(c, text, out);
            case "build" -> buildContext(c, ops, text, out);
            case "cp" -> {
                // docker cp CONTAINER:SRC DEST: DEST on this machine is written; docker cp SRC CONTAINER:DEST reads SRC
                List<String> files = ops.subList(1, ops.size());
                if (files.size() == 2) {
                    boolean fromContainer = files.get(0).indexOf(':') > 0;
                    String local = fromContainer ? files.get(1) : files.get(0);
                    c.path(local).ifPresent(p -> out.path(p.toString(), fromContainer
                            ? dev.warden.call.PathUse.Access.WRITE : dev.warden.call.PathUse.Access.READ, text));
                }
            }
            default -> { }
        }
    }

    /**
     * {@code docker build ~}: the build context is sent whole to the daemon, which may be another
     * machine ({@code -H tcp://...}, {@code DOCKER_HOST=ssh://...}); {@code -o type=local,dest=~}
     * writes the build's output over the directory.
     */
    private static void buildContext(Invocation c, List<String> ops, String text, Report out) {
        String host = c.option("-H", "--host").orElse(c.env().getOrDefault("DOCKER_HOST", ""));
        boolean remote = !host.isEmpty() && !host.startsWith("unix://") && !host.contains("localhost")
                && !host.contains("127.0.0.1");
        for (String o : ops.subList(1, ops.size())) {
            java.util.Optional<java.nio.file.Path> p = o.equals("-") ? java.util.Optional.empty() : c.path(o);
            if (p.isPresent() && c.context().home().startsWith(p.get())) {
                out.add(CloudPack.CONTAINER_ESCAPE.finding(remote ? Severity.HIGH : Severity.MEDIUM, "sends the home "
                        + "directory (keys and credentials included) as build context" + (remote ? " to " + host : ""), text));
                return;
            }
        }
        String output = c.option("-o", "--output").orElse("");
        int dest = output.indexOf("dest=");
        if (dest >= 0) {
            String d = output.substring(dest + 5);
            int comma = d.indexOf(',');
            c.path(comma > 0 ? d.substring(0, comma) : d).filter(p -> c.context().home().startsWith(p)).ifPresent(p ->
                    out.add(CloudPack.CONTAINER_ESCAPE.finding("writes the build's output over " + p, text)));
        }
    }

    /** Environment settings that start a database image with authentication off. */
    private static boolean noAuthentication(String setting) {
        String u = setting.toUpperCase(Locale.ROOT);
        return u.equals("POSTGRES_HOST_AUTH_METHOD=TRUST") || u.startsWith("MYSQL_ALLOW_EMPTY_PASSWORD=") && !u.endsWith("=NO")
                && !u.endsWith("=FALSE") && !u.endsWith("=0") || u.equals("MARIADB_ALLOW_EMPTY_ROOT_PASSWORD=YES")
                || u.equals("MARIADB_ALLOW_EMPTY_ROOT_PASSWORD=1") || u.equals("ALLOW_EMPTY_PASSWORD=YES")
                || u.equals("XPACK_SECURITY_ENABLED=FALSE") || u.equals("DISABLE_SECURITY_PLUGIN=TRUE");
    }

    /**
     * {@code docker run -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres}: a database without
     * a password on every interface of the machine (a published port without an address binds
     * them all); bound to 127.0.0.1 it is this machine's own.
     */
    private static void openDatabase(Invocation c, String text, Report out) {
        List<String> args = c.args();
        boolean open = false;
        boolean published = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String v = (a.equals("-e") || a.equals("--env")) && i + 1 < args.size() ? args.get(i + 1)
                    : a.startsWith("--env=") ? a.substring(6) : a.startsWith("-e") && a.length() > 2 ? a.substring(2) : null;
            open |= v != null && noAuthentication(v);
            String port = (a.equals("-p") || a.equals("--publish")) && i + 1 < args.size() ? args.get(i + 1)
                    : a.startsWith("--publish=") ? a.substring(10) : null;
            published |= port != null && !port.startsWith("127.") && !port.startsWith("localhost:") && !port.startsWith("[::1]")
                    || a.equals("-P") || a.equals("--publish-all") || a.equals("--network=host") || a.equals("--net=host");
        }
        if (open && published) {
            out.add(LongTailPack.EXPOSE.finding(Severity.MEDIUM, "runs a database with authentication off on a port every interface "
                    + "publishes", text));
        }
    }

    private static void escape(Invocation c, String text, Report out) {
        openDatabase(c, text, out);
        List<String> args = c.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String next = i + 1 < args.size() ? args.get(i + 1) : "";
            String l = a.toLowerCase(Locale.ROOT);
            if (l.equals("--privileged") || l.equals("--privileged=true")) {
                out.add(CloudPack.CONTAINER_ESCAPE.finding("runs a privileged container, which controls the host", text));
                return;
            }
            String value = null;
            String name = l;
            int eq = l.indexOf('=');
            if (l.startsWith("--") && eq > 0) {
                name = l.substring(0, eq);
                value = a.substring(eq + 1);
            }
            switch (name) {
                case "--pid", "--net", "--network", "--ipc", "--uts", "--userns", "--cgroupns" -> {
                    String v = value != null ? value : next;
                    if (v.equalsIgnoreCase("host")) {
                        out.add(CloudPack.CONTAINER_ESCAPE.finding("shares the host's " + name.substring(2) + " namespace", text));
                        return;
                    }
                }
                case "-v", "--volume", "--mount" -> {
                    String v = value != null ? value : next;
                    CloudPack.hostPath(c, v).ifPresent(p -> out.path(p.toString(), dev.warden.call.PathUse.Access.READ, text));
                    if (CloudPack.hostMount(c, v)) {
                        out.add(CloudPack.CONTAINER_ESCAPE.finding("mounts the host's " + v + " into a container", text));
                        return;
                    }
                }
                case "--cap-add" -> {
                    String v = (value != null ? value : next).toUpperCase(Locale.ROOT);
                    if (v.contains("ALL") || v.contains("SYS_ADMIN") || v.contains("SYS_PTRACE") || v.contains("SYS_MODULE")
                            || v.contains("DAC_READ_SEARCH") || v.contains("NET_ADMIN")) {
                        out.add(CloudPack.CONTAINER_ESCAPE.finding("grants the container " + v, text));
                        return;
                    }
                }
                case "--security-opt" -> {
                    String v = (value != null ? value : next).toLowerCase(Locale.ROOT);
                    if (v.contains("unconfined") || v.contains("label=disable") || v.contains("label:disable")) {
                        out.add(CloudPack.CONTAINER_ESCAPE.finding("disables the container's security profile", text));
                        return;
                    }
                }
                case "--device" -> {
                    out.add(CloudPack.CONTAINER_ESCAPE.finding(Severity.MEDIUM, "passes a host device into the container", text));
                    return;
                }
                default -> {
                    if (l.startsWith("-v") && l.length() > 2 && !l.startsWith("--") && CloudPack.hostMount(c, a.substring(2))) {
                        out.add(CloudPack.CONTAINER_ESCAPE.finding("mounts the host's file system into a container", text));
                        return;
                    }
                }
            }
            if (!a.startsWith("-") && i > 0 && !args.get(i - 1).startsWith("-") && !isRunVerb(a)) {
                break; // the image: what follows is the container's command
            }
        }
    }

    private static boolean isRunVerb(String a) {
        return a.equals("run") || a.equals("create") || a.equals("container");
    }

    /** Options of docker compose (global and of its subcommands) that take a value. */
    private static final java.util.Set<String> COMPOSE_VALUED = java.util.Set.of("-f", "--file", "-p", "--project-name",
            "--env-file", "--profile", "--project-directory", "--ansi", "--progress", "--parallel", "-t", "--timeout",
            "--rmi");

    static void compose(Invocation c, List<String> given, Report out) {
        // the words after "compose", without option values (compose -f x.yml down -v: the verb is down)
        List<String> all = c.operands(COMPOSE_VALUED);
        int at = all.indexOf("compose");
        List<String> ops = c.program().endsWith("compose") ? all : at >= 0 ? all.subList(at + 1, all.size()) : given;
        for (String o : ops) {
            switch (o) {
                case "down" -> {
                    if (c.flag("-v", "--volumes")) {
                        out.add(CloudPack.CONTAINER_DATA.finding("stops the stack and deletes its volumes", c.text()));
                    }
                    return;
                }
                case "rm" -> {
                    // without -v only the stack's stopped containers go, which up recreates (as down does)
                    out.add(CloudPack.CONTAINER_REMOVE.finding(c.flag("-v", "--volumes") ? Severity.HIGH : Severity.LOW,
                            "removes the stack's containers" + (c.flag("-v") ? " and volumes" : ""), c.text()));
                    return;
                }
                default -> {
                    if (!o.startsWith("-")) {
                        return;
                    }
                }
            }
        }
    }
}
