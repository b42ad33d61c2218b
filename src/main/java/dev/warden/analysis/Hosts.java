package dev.warden.analysis;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Host names in the words commands are given: URLs, {@code user@host:path}, bare names. */
public final class Hosts {

    private Hosts() {}

    /**
     * The lower-cased host a word names: the authority of a URL, the host of an
     * {@code scp}-style {@code user@host:path}, or a bare dotted host name; null otherwise.
     * Punycode and IP literals are returned as written (brackets removed).
     */
    public static @Nullable String hostOf(String word) {
        if (word.isEmpty() || word.length() > 2048) {
            return null;
        }
        int scheme = word.indexOf("://");
        if (scheme > 0) {
            return authority(word, scheme + 3);
        }
        if (word.startsWith("-") || word.startsWith("/") || word.startsWith(".") || word.startsWith("~")) {
            return null;
        }
        int at = word.indexOf('@');
        int colon = word.indexOf(':');
        if (colon > 0 && (at < 0 || at < colon)) {
            String h = word.substring(at + 1, colon);
            // scp-style needs user@host:path or host:path with a dotted host or an explicit user
            if (validHost(h) && (at >= 0 || h.indexOf('.') > 0 || h.equals("localhost"))) {
                return h.toLowerCase(Locale.ROOT);
            }
            return null;
        }
        if (at > 0 && colon < 0) {
            String h = word.substring(at + 1);
            return validHost(h) && h.indexOf('.') > 0 ? h.toLowerCase(Locale.ROOT) : null;
        }
        int slash = word.indexOf('/');
        String h = slash < 0 ? word : word.substring(0, slash);
        if (h.indexOf('.') > 0 && validHost(h) && looksLikeDomain(h)) {
            return h.toLowerCase(Locale.ROOT);
        }
        return null;
    }

    /** The host of a URL given the index after {@code ://}. */
    private static @Nullable String authority(String url, int start) {
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String auth = url.substring(start, end);
        int at = auth.lastIndexOf('@');
        if (at >= 0) {
            auth = auth.substring(at + 1);
        }
        if (auth.startsWith("[")) {
            int close = auth.indexOf(']');
            return close > 0 ? auth.substring(1, close).toLowerCase(Locale.ROOT) : null;
        }
        int colon = auth.indexOf(':');
        if (colon >= 0) {
            auth = auth.substring(0, colon);
        }
        return auth.isEmpty() || !validHost(auth) ? null : auth.toLowerCase(Locale.ROOT);
    }

    private static boolean validHost(String h) {
        if (h.isEmpty() || h.length() > 253) {
            return false;
        }
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '*')) {
                return false;
            }
        }
        return true;
    }

    /** A dotted name whose last label is alphabetic (a TLD) or an IPv4 address. */
    private static boolean looksLikeDomain(String h) {
        if (ipv4(h)) {
            return true;
        }
        int dot = h.lastIndexOf('.');
        String tld = h.substring(dot + 1);
        if (tld.length() < 2) {
            return false;
        }
        for (int i = 0; i < tld.length(); i++) {
            if (!Character.isLetter(tld.charAt(i))) {
                return false;
            }
        }
        // file names such as notes.md or main.go are not hosts
        return !FILE_SUFFIXES.contains(tld.toLowerCase(Locale.ROOT));
    }

    private static final java.util.Set<String> FILE_SUFFIXES = java.util.Set.of(
            "md", "txt", "go", "rs", "py", "js", "ts", "tsx", "jsx", "json", "yaml", "yml", "toml", "sh", "rb",
            "java", "kt", "c", "h", "cc", "cpp", "hpp", "cs", "php", "html", "htm", "css", "scss", "xml", "csv",
            "log", "lock", "tar", "gz", "tgz", "zip", "sql", "db", "env", "cfg", "conf", "ini", "pem", "key",
            "crt", "pub", "bak", "tmp", "out", "jsonl", "lua", "pl", "swift", "mod", "sum", "gradle", "properties",
            "vue", "svelte", "bin", "img", "iso", "so", "dll", "exe", "jar", "war", "class", "o", "a", "pdf",
            "png", "jpg", "jpeg", "gif", "svg", "ico", "mjs", "cjs", "ipynb", "rst", "adoc", "dockerfile", "tf",
            "tfvars", "hcl", "proto", "graphql", "bz2", "xz", "zst", "deb", "rpm", "whl", "gem", "nupkg", "safetensors",
            "pt", "pth", "onnx", "npy", "parquet", "plist", "desktop", "service", "timer", "fish", "zsh", "bash",
            "ps1", "bat", "cmd", "dmg", "pkg", "app", "d", "example", "sample", "template", "local", "dist",
            "test", "spec", "min", "map", "patch", "diff", "orig", "rej", "swp", "mbox", "nix", "el", "vim",
            "ex", "exs", "erl", "hs", "ml", "scala", "clj", "dart", "r", "jl", "zig", "nim", "asm", "s", "cu");

    /** True for loopback and unspecified addresses and {@code localhost} names. */
    public static boolean local(String host) {
        return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
                || host.equals("::1") || host.equals("0.0.0.0") || host.equals("[::1]")
                || host.equals("host.docker.internal");
    }

    /** True for a dotted-quad IPv4 address. */
    public static boolean ipv4(String h) {
        int parts = 0;
        int digits = 0;
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c == '.') {
                if (digits == 0) {
                    return false;
                }
                parts++;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return parts == 3 && digits > 0;
    }

    /** True for an IP literal (v4 or v6). */
    public static boolean ip(String h) {
        return ipv4(h) || h.indexOf(':') >= 0;
    }
}
