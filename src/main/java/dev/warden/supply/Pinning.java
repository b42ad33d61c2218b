package dev.warden.supply;

import dev.warden.call.Finding;
import dev.warden.call.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Pinning checks for MCP server launches: a server started through {@code npx}, {@code uvx} or
 * {@code docker run} without an exact version or digest runs whatever the registry serves at
 * launch time — exactly how a reviewed server turns malicious after an update.
 */
final class Pinning {

    static final String NPX = "supply.unpinned-npx";
    static final String LATEST = "supply.unpinned-latest";
    static final String UVX = "supply.unpinned-uvx";
    static final String IMAGE = "supply.unpinned-image";
    static final String PLUGIN = "supply.unpinned-plugin";

    private static final Pattern EXACT_SEMVER = Pattern.compile("^v?\\d+\\.\\d+\\.\\d+(?:[-+][0-9A-Za-z.-]+)?$");
    private static final Set<String> NPX_VALUE_FLAGS = Set.of("-p", "--package", "-c", "--call", "--registry", "--cache",
            "--userconfig", "--prefix", "-w", "--workspace");
    private static final Set<String> UVX_VALUE_FLAGS = Set.of("--with", "-w", "--python", "-p", "--index", "--index-url",
            "--extra-index-url", "--from", "--with-requirements", "--directory", "--cache-dir", "--constraint", "-c");
    private static final Set<String> DOCKER_VALUE_FLAGS = Set.of("-e", "--env", "-v", "--volume", "--name", "-p",
            "--publish", "--network", "--net", "--env-file", "-w", "--workdir", "-u", "--user", "--entrypoint", "--mount",
            "--platform", "--pull", "-l", "--label", "--add-host", "--cpus", "-m", "--memory", "--restart", "--hostname",
            "-h", "--device", "--cap-add", "--cap-drop", "--security-opt", "--ulimit", "--log-driver", "--tmpfs",
            "--runtime", "--dns", "--ipc", "--pid", "--shm-size", "--gpus", "--init-path", "--stop-signal", "--user-ns",
            "--userns", "--group-add", "--expose", "--health-cmd", "--label-file", "--link", "--volumes-from");

    private Pinning() {}

    /** A package reference pinned (or not) in a launch line. */
    record PackageRef(String ecosystem, String name, String version) {}

    /** Pinning findings for one server launch. */
    static List<Finding> check(Item.McpServer s) {
        List<Finding> out = new ArrayList<>();
        if (s.command() == null) {
            return out;
        }
        String prog = base(s.command());
        List<String> args = s.args();
        String where = "MCP server '" + s.name() + "' (" + s.location() + ")";
        switch (prog) {
            case "npx", "bunx", "pnpx" -> npm(out, where, firstPositional(args, 0, NPX_VALUE_FLAGS, "--package", "-p"));
            case "npm", "pnpm", "yarn", "bun" -> {
                int i = indexOfAny(args, "exec", "dlx", "x");
                if (i >= 0) {
                    npm(out, where, firstPositional(args, i + 1, NPX_VALUE_FLAGS, "--package", "-p"));
                }
            }
            case "uvx" -> uv(out, where, args, 0);
            case "uv" -> {
                int i = indexOf(args, "tool");
                if (i >= 0 && i + 1 < args.size() && args.get(i + 1).equals("run")) {
                    uv(out, where, args, i + 2);
                }
            }
            case "pipx" -> {
                int i = indexOf(args, "run");
                if (i >= 0) {
                    uv(out, where, args, i + 1);
                }
            }
            case "docker", "podman", "nerdctl" -> {
                int i = indexOf(args, "run");
                if (i >= 0) {
                    Optional<String> image = firstPositional(args, i + 1, DOCKER_VALUE_FLAGS);
                    image.ifPresent(img -> {
                        if (!img.contains("@sha256:")) {
                            String tag = tagOf(img);
                            out.add(new Finding(IMAGE, Severity.HIGH,
                                    where + " runs container image '" + img + "' without a digest"
                                            + (tag.isEmpty() || tag.equals("latest") ? " (tag: latest)" : " (a tag can be moved)"),
                                    img, "pin the image by digest: " + img.replaceFirst(":[^/:@]+$", "") + "@sha256:<digest>"));
                        }
                    });
                }
            }
            default -> { }
        }
        return out;
    }

    /** The package and exact version a launch line pins, when it pins one. */
    static Optional<PackageRef> pinned(Item.McpServer s) {
        if (s.command() == null) {
            return Optional.empty();
        }
        String prog = base(s.command());
        List<String> args = s.args();
        Optional<String> spec = switch (prog) {
            case "npx", "bunx", "pnpx" -> firstPositional(args, 0, NPX_VALUE_FLAGS, "--package", "-p");
            case "uvx" -> uvSpec(args, 0);
            default -> Optional.empty();
        };
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        String sp = spec.get();
        if (prog.equals("uvx")) {
            int eq = sp.indexOf("==");
            int at = sp.indexOf('@');
            if (eq > 0) {
                return Optional.of(new PackageRef("pypi", sp.substring(0, eq), sp.substring(eq + 2)));
            }
            if (at > 0) {
                return Optional.of(new PackageRef("pypi", sp.substring(0, at), sp.substring(at + 1)));
            }
            return Optional.empty();
        }
        int at = sp.lastIndexOf('@');
        if (at > 0 && EXACT_SEMVER.matcher(sp.substring(at + 1)).matches()) {
            return Optional.of(new PackageRef("npm", sp.substring(0, at), sp.substring(at + 1)));
        }
        return Optional.empty();
    }

    private static void npm(List<Finding> out, String where, Optional<String> spec) {
        if (spec.isEmpty()) {
            return;
        }
        String sp = spec.get();
        if (sp.startsWith(".") || sp.startsWith("/") || sp.startsWith("file:")) {
            return;
        }
        if (sp.startsWith("github:") || sp.startsWith("git+") || sp.startsWith("git:") || sp.contains("://")) {
            if (!sp.matches(".*#[0-9a-f]{40}$")) {
                out.add(new Finding(NPX, Severity.HIGH, where + " runs '" + sp + "' from a git/URL source without a commit",
                        sp, "pin the commit: " + sp.replaceFirst("#.*$", "") + "#<40-hex commit>"));
            }
            return;
        }
        int at = sp.lastIndexOf('@');
        String name = at > 0 ? sp.substring(0, at) : sp;
        String version = at > 0 ? sp.substring(at + 1) : "";
        if (version.equalsIgnoreCase("latest") || version.equalsIgnoreCase("next")) {
            out.add(new Finding(LATEST, Severity.HIGH, where + " runs '" + sp + "': the @" + version
                    + " tag follows every new release", sp, "pin an exact version: " + name + "@<x.y.z>"));
        } else if (version.isEmpty()) {
            out.add(new Finding(NPX, Severity.HIGH, where + " runs npm package '" + name
                    + "' without a version: each launch may run a newer release", sp,
                    "pin an exact version: " + name + "@<x.y.z>"));
        } else if (!EXACT_SEMVER.matcher(version).matches()) {
            out.add(new Finding(NPX, Severity.HIGH, where + " runs '" + sp + "': '" + version
                    + "' is a range or tag, not an exact version", sp, "pin an exact version: " + name + "@<x.y.z>"));
        }
    }

    private static void uv(List<Finding> out, String where, List<String> args, int from) {
        Optional<String> spec = uvSpec(args, from);
        if (spec.isEmpty()) {
            return;
        }
        String sp = spec.get();
        if (sp.startsWith(".") || sp.startsWith("/")) {
            return;
        }
        boolean pinned = sp.contains("==") || (sp.indexOf('@') > 0 && !sp.endsWith("@latest") && !sp.contains("://"))
                || sp.matches("^git\\+.*@[0-9a-f]{40}$");
        if (!pinned) {
            out.add(new Finding(UVX, Severity.HIGH, where + " runs Python package '" + sp
                    + "' without a pinned version", sp, "pin an exact version: " + sp.replaceFirst("@latest$", "") + "==<x.y.z>"));
        }
    }

    private static Optional<String> uvSpec(List<String> args, int from) {
        for (int i = from; i < args.size(); i++) {
            if (args.get(i).equals("--from") && i + 1 < args.size()) {
                return Optional.of(args.get(i + 1));
            }
        }
        return firstPositional(args, from, UVX_VALUE_FLAGS);
    }

    /**
     * The first argument at or after {@code from} that is not a flag or a flag's value. When one
     * of {@code packageFlags} is present, its value is the package.
     */
    private static Optional<String> firstPositional(List<String> args, int from, Set<String> valueFlags, String... packageFlags) {
        for (int i = from; i < args.size(); i++) {
            String a = args.get(i);
            for (String pf : packageFlags) {
                if (a.equals(pf) && i + 1 < args.size()) {
                    return Optional.of(args.get(i + 1));
                }
                if (a.startsWith(pf + "=")) {
                    return Optional.of(a.substring(pf.length() + 1));
                }
            }
        }
        for (int i = from; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                return i + 1 < args.size() ? Optional.of(args.get(i + 1)) : Optional.empty();
            }
            if (a.startsWith("-")) {
                if (valueFlags.contains(a)) {
                    i++;
                }
                continue;
            }
            return Optional.of(a);
        }
        return Optional.empty();
    }

    private static String tagOf(String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(colon + 1) : "";
    }

    private static int indexOf(List<String> args, String word) {
        return args.indexOf(word);
    }

    private static int indexOfAny(List<String> args, String... words) {
        for (int i = 0; i < args.size(); i++) {
            for (String w : words) {
                if (args.get(i).equals(w)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The program's base name, lower case, without {@code .cmd}/{@code .exe}. */
    static String base(String command) {
        String c = command.replace('\\', '/');
        c = c.substring(c.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return c.replaceFirst("\\.(cmd|exe|bat)$", "");
    }
}
