package dev.warden.policy;

import java.util.Locale;

/**
 * A network domain: {@code example.com} matches exactly that host; {@code *.example.com} matches
 * its subdomains (not the apex); {@code *} matches any host. Case-insensitive; a trailing dot
 * and a port are ignored.
 */
final class DomainPattern {

    private final String source;
    private final String domain;
    private final boolean subdomains;

    private DomainPattern(String source, String domain, boolean subdomains) {
        this.source = source;
        this.domain = domain;
        this.subdomains = subdomains;
    }

    static DomainPattern compile(String pattern) {
        String p = pattern.strip().toLowerCase(Locale.ROOT);
        if (p.startsWith("domain:")) {
            p = p.substring(7);
        }
        if (p.equals("*")) {
            return new DomainPattern(pattern, "", true);
        }
        if (p.startsWith("*.")) {
            return new DomainPattern(pattern, p.substring(1), true);
        }
        return new DomainPattern(pattern, p, false);
    }

    String source() {
        return source;
    }

    boolean any() {
        return subdomains && domain.isEmpty();
    }

    boolean matches(String host) {
        String h = normalise(host);
        if (any()) {
            return true;
        }
        return subdomains ? h.endsWith(domain) && h.length() > domain.length() : h.equals(domain);
    }

    static String normalise(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 ? h.substring(1, end) : h;
        }
        int colon = h.indexOf(':');
        if (colon >= 0 && h.indexOf(':', colon + 1) < 0) {
            h = h.substring(0, colon);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    @Override
    public String toString() {
        return source;
    }
}
