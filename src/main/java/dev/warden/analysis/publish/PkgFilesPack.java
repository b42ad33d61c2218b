package dev.warden.analysis.publish;

import static dev.warden.call.Severity.HIGH;
import static dev.warden.call.Severity.LOW;
import static dev.warden.call.Severity.MEDIUM;

import dev.warden.analysis.Hosts;
import dev.warden.analysis.Invocation;
import dev.warden.analysis.Pack;
import dev.warden.analysis.Report;
import dev.warden.analysis.Rule;
import dev.warden.call.Command;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Package-manager configuration files written from the shell ({@code echo "registry=..." >>
 * .npmrc}, {@code cat > pip.conf <<EOF}, {@code printf ... | tee ~/.cargo/config.toml},
 * {@code sed -i ... .yarnrc.yml}): the file decides where every later install in that project
 * (or for that user) fetches from, so writing it is {@code pkg.registry-config} judged by the
 * text written, which the shell shows here:
 * <ul>
 *   <li>HIGH when it sets a registry, index, mirror, source or proxy to a URL other than the
 *       manager's default registry (or to a value decided at run time), weakens TLS checks
 *       ({@code strict-ssl=false}, {@code trusted-host}), or makes the manager run another
 *       program ({@code script-shell}, {@code yarnPath}, {@code rustc-wrapper}, ...);</li>
 *   <li>MEDIUM when the text cannot be seen ({@code cat x > .npmrc}, a command's output);</li>
 *   <li>LOW (logged) when it is visible and sets nothing of that kind ({@code save-exact=true},
 *       an auth token for the default registry, {@code replace-with} a vendored directory).</li>
 *   <li>An in-place edit ({@code sed -i}) rewrites text rather than setting keys: HIGH when its
 *       script mentions a registry, index, mirror, source, proxy or URL, MEDIUM otherwise.</li>
 * </ul>
 * Design note: the written files are the redirect targets and {@code tee} operands the shell
 * reader already gives every command, and the text is the echo/printf arguments, the heredoc or
 * here-string body, or what a literal echo pipes in ({@link Invocation#stdin()}): no reparsing.
 * File tools (Write, Edit) are left to the path rules ({@code fs.persistence} for the user's own
 * files), which do not see the content. Copies ({@code cp x .npmrc}) are not judged here.
 */
final class PkgFilesPack implements Pack {

    /** Base names that are package-manager configuration wherever they lie. */
    private static final Set<String> NAMES = Set.of(".npmrc", "npmrc", ".yarnrc", ".yarnrc.yml", ".pypirc", "pip.conf",
            "pip.ini", ".pydistutils.cfg", ".gemrc", "bunfig.toml", ".bunfig.toml", ".condarc", "nuget.config");
    /** Path endings that are, where the base name alone is too common ({@code config}, {@code settings.xml}). */
    private static final String[] SUFFIXES = {"/.cargo/config", "/.cargo/config.toml", "/.m2/settings.xml",
            "/.bundle/config", "/.mvn/maven.config", "/.config/uv/uv.toml", "/.gradle/init.gradle"};

    /** A key that names where packages come from (the lookbehind keeps "//registry.npmjs.org/" out). */
    private static final Pattern SOURCE_KEY = Pattern.compile("(?<![\\w./-])(?:@[\\w.-]+:)?(?:registry|registries|"
            + "index-url|extra-index-url|index_url|extra_index_url|find-links|index|index-servers?|npmregistryserver|"
            + "npmscopes|replace-with|source|sources|mirror|mirrors|url|repository|repositories|channels|"
            + "channel_alias|default_channels|custom_channels|proxy|https-proxy|http-proxy|httpproxy|"
            + "httpsproxy|bundle_mirror__[\\w_]+)[\"'\\]]?\\s*(?:[=:]|>)|\\[(?:source|registries|registry)[.\\]]");
    /** Keys that switch off checks. */
    private static final Pattern WEAK_KEY = Pattern.compile("strict-ssl\\s*[=:]\\s*false|enablestrictssl\\s*:\\s*false|"
            + "trusted-host|(?<![\\w-])cafile\\s*[=:]|(?<![\\w-])ca\\s*=|ssl_verify\\s*[=:]\\s*false|sslverify|"
            + "verify_ssl\\s*[=:]\\s*false|unsafehttpwhitelist|check-revoke\\s*=\\s*false|(?<![\\w-])insecure");
    /** Keys that make the manager run another program or load code. */
    private static final Pattern EXEC_KEY = Pattern.compile("(?<![\\w-])(?:script-shell|node-options|git|shell|editor|"
            + "yarnpath|plugins|preload|rustc-wrapper|rustc-workspace-wrapper|rustc|linker|runner|onload-script|"
            + "init-module)[\"']?\\s*[=:]");
    /** For in-place edits, which rewrite text rather than set keys: any mention of a source. */
    private static final Pattern SOURCE_WORD = Pattern.compile("registr|index|mirror|source|proxy|url|repositor|channel|://");
    private static final Pattern URL = Pattern.compile("[a-z][a-z0-9+.-]*://[^\\s\"'<>,;]+");

    @Override
    public String name() {
        return "pkg";
    }

    @Override
    public List<Rule> rules() {
        return List.of(); // pkg.registry-config is listed by PkgPack
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
        String prog = c.program();
        boolean tee = prog.equals("tee");
        boolean sed = prog.equals("sed") || prog.equals("gsed");
        if (redirects.isEmpty() && !tee && !sed) {
            return;
        }
        List<String> files = new ArrayList<>(1);
        for (Command.Redirect r : redirects) {
            String op = r.op().replaceFirst("^[0-9]+", "");
            if (op.equals(">") || op.equals(">>") || op.equals(">|") || op.equals("&>") || op.equals("&>>") || op.equals("<>")) {
                files.add(r.target());
            }
        }
        if (tee) {
            files.addAll(c.operands(Set.of("--output-error")));
        } else if (sed && (c.flag("-i", "--in-place") || c.args().stream().anyMatch(a -> a.startsWith("-i")))) {
            files.addAll(c.operands(Set.of("-e", "--expression", "-f", "--file", "-l", "--line-length")));
        }
        for (String f : files) {
            Optional<Path> p = c.path(f);
            String kind = p.isPresent() ? kind(p.get().toString()) : Invocation.dynamic(f) ? null : kind(f);
            if (kind != null) {
                judge(c, kind, written(c, sed), sed, out);
                return;
            }
        }
    }

    /** The file a canonical path names, as words for the finding ("npm configuration"), or null. */
    static @Nullable String kind(String path) {
        String p = path.replace('\\', '/');
        int slash = p.lastIndexOf('/');
        String base = (slash < 0 ? p : p.substring(slash + 1)).toLowerCase(Locale.ROOT);
        if (NAMES.contains(base)) {
            return base.startsWith(".") ? base.substring(1) : base;
        }
        String withSlash = p.startsWith("/") ? p : "/" + p;
        for (String s : SUFFIXES) {
            if (withSlash.endsWith(s)) {
                return s.substring(1);
            }
        }
        return null;
    }

    /** The text the command writes, when the script shows it; null when it cannot be seen. */
    private static @Nullable String written(Invocation c, boolean sed) {
        StringBuilder sb = new StringBuilder();
        for (Command.Redirect r : c.command().redirects()) {
            if (r.op().startsWith("<<")) {
                sb.append(r.target()).append('\n');
            }
        }
        c.stdin().ifPresent(t -> sb.append(t).append('\n'));
        String prog = c.program();
        if (prog.equals("echo") || prog.equals("printf") || sed) {
            for (String a : c.args()) {
                sb.append(a).append('\n');
            }
        }
        if (sb.isEmpty()) {
            return null;
        }
        // printf/echo -e escapes: "\n" written as two characters is a line break in the file
        return sb.toString().replace("\\n", "\n").toLowerCase(Locale.ROOT);
    }

    private static void judge(Invocation c, String kind, @Nullable String text, boolean edit, Report out) {
        String evidence = c.text();
        if (edit && text != null && SOURCE_WORD.matcher(text).find()) {
            // sed rewrites what is there ("s|registry.npmjs.org|npm.example.com|"): no key=value to read
            out.add(PkgPack.REGISTRY.finding(HIGH, "edits where " + kind + " fetches packages from", evidence));
            return;
        }
        if (text == null) {
            out.add(PkgPack.REGISTRY.finding(MEDIUM, "writes " + kind + " (package-manager configuration) with content "
                    + "not visible here, which can point later installs at another registry", evidence));
            return;
        }
        if (SOURCE_KEY.matcher(text).find()) {
            String url = otherUrl(text);
            if (url != null) {
                out.add(PkgPack.REGISTRY.finding(HIGH, "writes " + kind + " so that installs fetch from " + url, evidence));
                return;
            }
            if (text.indexOf('$') >= 0 || text.indexOf('`') >= 0) {
                out.add(PkgPack.REGISTRY.finding(HIGH, "writes " + kind + " with a package source decided at run time",
                        evidence));
                return;
            }
        }
        Matcher weak = WEAK_KEY.matcher(text);
        if (weak.find()) {
            out.add(PkgPack.REGISTRY.finding(HIGH, "writes " + kind + " weakening its checks (" + weak.group().strip() + ")",
                    evidence));
            return;
        }
        Matcher exec = EXEC_KEY.matcher(text);
        if (exec.find()) {
            out.add(PkgPack.REGISTRY.finding(HIGH, "writes " + kind + " making the package manager run another program ("
                    + exec.group().replaceAll("[\"'=:\\s]", "") + ")", evidence));
            return;
        }
        out.add(PkgPack.REGISTRY.finding(edit ? MEDIUM : LOW, (edit ? "edits " : "writes ") + kind
                + " (package-manager configuration)", evidence));
    }

    /** The first URL in the text whose host is not a default registry, or null. */
    private static @Nullable String otherUrl(String text) {
        Matcher m = URL.matcher(text);
        while (m.find()) {
            String u = m.group();
            String h = Hosts.hostOf(u);
            if (h == null || !PkgPack.defaultIndex(u)) {
                return u;
            }
        }
        return null;
    }
}
