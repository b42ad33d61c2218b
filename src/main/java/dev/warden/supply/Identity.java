package dev.warden.supply;

import dev.warden.call.WardenException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Content identities: what must stay the same for an approved item to still be the item that
 * was reviewed. An identity is a sorted map of plain values, so it is stored in the lock as-is,
 * hashed canonically, and compared field by field — a drift report can then say {@code
 * tools.send_email.description} rather than "something changed".
 *
 * <p>Paths inside launch specs are made portable ({@code ${PROJECT}}, {@code ~}) so a lock
 * written on one checkout verifies on another.
 */
final class Identity {

    /** Skill folders larger than this are refused: a Skill is instructions and a few scripts. */
    static final int MAX_SKILL_FILES = 2000;
    static final long MAX_SKILL_BYTES = 64L << 20;

    private Identity() {}

    /** The launch spec of a server: everything that decides what process or endpoint runs, names only. */
    static Map<String, @Nullable Object> launch(Item.McpServer s, Machine m) {
        Map<String, @Nullable Object> l = new TreeMap<>();
        l.put("transport", s.transport());
        if (s.command() != null) {
            l.put("command", portable(Secrets.redactText(s.command()), m));
            l.put("args", s.args().stream().map(a -> portable(Secrets.redactArg(a), m)).toList());
        }
        if (s.url() != null) {
            l.put("url", Secrets.redactUrl(s.url()));
        }
        l.put("env", List.copyOf(new TreeSet<>(s.env().keySet())));
        if (!s.headers().isEmpty()) {
            l.put("headers", List.copyOf(new TreeSet<>(s.headers().keySet())));
        }
        return l;
    }

    /** The identity of a probed MCP server. */
    static Map<String, @Nullable Object> mcp(Item.McpServer s, Machine m, McpProbe.Result probe) {
        Map<String, @Nullable Object> id = new TreeMap<>();
        id.put("launch", launch(s, m));
        packageOf(s, m).ifPresent(p -> id.put("package", p));
        Map<String, @Nullable Object> tools = new TreeMap<>();
        for (McpProbe.Tool t : probe.tools()) {
            Map<String, @Nullable Object> one = new TreeMap<>();
            one.put("description", Json.sha256(t.description()));
            one.put("inputSchema", Json.digestOf(t.inputSchema()));
            tools.put(t.name(), one);
        }
        id.put("tools", tools);
        id.put("toolsDigest", toolsDigest(probe.tools()));
        return id;
    }

    /** SHA-256 of the canonical JSON of the tool list: names, descriptions, input schemas, sorted by name. */
    static String toolsDigest(List<McpProbe.Tool> tools) {
        List<Map<String, @Nullable Object>> list = new ArrayList<>();
        for (McpProbe.Tool t : tools.stream().sorted(java.util.Comparator.comparing(McpProbe.Tool::name)).toList()) {
            Map<String, @Nullable Object> one = new TreeMap<>();
            one.put("name", t.name());
            one.put("description", t.description());
            one.put("inputSchema", t.inputSchema());
            list.add(one);
        }
        return Json.digestOf(list);
    }

    /**
     * The package a server runs: the exact version pinned in its launch line, else the version of
     * the locally installed npm package its command or script lives in.
     */
    static Optional<String> packageOf(Item.McpServer s, Machine m) {
        Optional<Pinning.PackageRef> pin = Pinning.pinned(s);
        if (pin.isPresent()) {
            return Optional.of(pin.get().ecosystem() + ":" + pin.get().name() + "@" + pin.get().version());
        }
        if (s.command() == null) {
            return Optional.empty();
        }
        List<String> candidates = new ArrayList<>();
        candidates.add(s.command());
        String prog = Pinning.base(s.command());
        if ((prog.equals("node") || prog.equals("bun") || prog.equals("deno")) && !s.args().isEmpty()) {
            s.args().stream().filter(a -> !a.startsWith("-")).findFirst().ifPresent(candidates::add);
        }
        for (String c : candidates) {
            if (!c.contains("/")) {
                continue;
            }
            Path p = Path.of(c);
            if (!p.isAbsolute()) {
                p = m.projectDir().resolve(p);
            }
            try {
                if (!Files.exists(p)) {
                    continue;
                }
                p = p.toRealPath();
            } catch (IOException | RuntimeException e) {
                continue;
            }
            for (Path d = p.getParent(); d != null; d = d.getParent()) {
                Path pj = d.resolve("package.json");
                if (Files.isRegularFile(pj)) {
                    try {
                        JsonNode n = Json.read(pj);
                        String name = Json.text(n, "name");
                        String version = Json.text(n, "version");
                        if (name != null && version != null) {
                            return Optional.of("npm:" + name + "@" + version + " (installed)");
                        }
                    } catch (WardenException e) {
                        // an unreadable package.json tells nothing; keep walking up
                    }
                }
                if (d.getFileName() != null && d.getFileName().toString().equals("node_modules")) {
                    break;
                }
            }
        }
        return Optional.empty();
    }

    /** A Skill folder: every file's relative path and SHA-256, and one digest over them all. */
    static Map<String, @Nullable Object> skill(Path dir) {
        Map<String, String> files = new TreeMap<>();
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String rel = dir.relativize(file).toString().replace('\\', '/');
                    if (files.size() >= MAX_SKILL_FILES) {
                        throw new IOException("more than " + MAX_SKILL_FILES + " files");
                    }
                    if (Files.isSymbolicLink(file)) {
                        // hash where it points, never follow it out of the folder
                        files.put(rel, Json.sha256("symlink:" + Files.readSymbolicLink(file)));
                        return FileVisitResult.CONTINUE;
                    }
                    total[0] += attrs.size();
                    if (total[0] > MAX_SKILL_BYTES) {
                        throw new IOException("larger than " + (MAX_SKILL_BYTES >> 20) + " MiB");
                    }
                    files.put(rel, fileDigest(file));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "skill folder " + dir + ": " + e.getMessage());
        }
        Map<String, @Nullable Object> id = new TreeMap<>();
        id.put("digest", Json.digestOf(files));
        id.put("files", new TreeMap<String, @Nullable Object>(files));
        return id;
    }

    /** One file (a subagent definition). */
    static Map<String, @Nullable Object> file(Path f) {
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(f)) {
            throw new WardenException(WardenException.Kind.NOT_FOUND, f + ": not a file");
        }
        Map<String, @Nullable Object> id = new TreeMap<>();
        id.put("digest", fileDigest(f));
        return id;
    }

    /** An installed plugin: where it comes from and which commit and version. */
    static Map<String, @Nullable Object> plugin(Item.Plugin p) {
        Map<String, @Nullable Object> id = new TreeMap<>();
        id.put("source", p.source());
        id.put("version", p.version());
        id.put("commit", p.commit());
        return id;
    }

    static String fileDigest(Path f) {
        MessageDigest md = Json.digester();
        try (var in = Files.newInputStream(f)) {
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, f + ": cannot read (" + e.getMessage() + ")");
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    /** Replaces the project folder with {@code ${PROJECT}} and the home folder with {@code ~}. */
    static String portable(String s, Machine m) {
        String project = m.projectDir().toString();
        String home = m.home().toString();
        String out = s;
        if (out.contains(project)) {
            out = out.replace(project, "${PROJECT}");
        }
        if (home.length() > 1 && out.contains(home)) {
            out = out.replace(home, "~");
        }
        return out;
    }

    /**
     * The differences between a locked and a current identity, as readable paths:
     * {@code tools.echo.description changed}, {@code tools.send added}, {@code launch.args changed}.
     */
    static List<String> diff(Map<String, ?> locked, Map<String, ?> current) {
        List<String> out = new ArrayList<>();
        diff("", locked, current, out);
        return out;
    }

    private static void diff(String prefix, Map<String, ?> a, Map<String, ?> b, List<String> out) {
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        boolean toolsMap = prefix.equals("tools.");
        for (String k : keys) {
            String path = prefix + k;
            if (k.equals("toolsDigest") || k.equals("digest") && (a.containsKey("files") || b.containsKey("files"))) {
                continue; // summarised by the fields it digests
            }
            Object x = a.get(k);
            Object y = b.get(k);
            if (!a.containsKey(k)) {
                out.add(path + (toolsMap ? " added (new tool)" : " added"));
            } else if (!b.containsKey(k)) {
                out.add(path + (toolsMap ? " removed" : " removed"));
            } else if (x instanceof Map<?, ?> mx && y instanceof Map<?, ?> my) {
                diff(path + ".", cast(mx), cast(my), out);
            } else if (!Json.canonical(x).equals(Json.canonical(y))) {
                out.add(path + " changed" + describe(x, y));
            }
        }
    }

    private static String describe(@Nullable Object was, @Nullable Object now) {
        String w = Json.canonical(was);
        String n = Json.canonical(now);
        if (w.startsWith("\"sha256:") || w.length() > 100 || n.length() > 100) {
            return "";
        }
        return " (was " + w + ", now " + n + ")";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> m) {
        return (Map<String, ?>) m;
    }
}
