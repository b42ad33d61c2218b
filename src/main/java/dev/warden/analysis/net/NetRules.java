package dev.warden.analysis.net;

import dev.warden.analysis.Pack;
import java.util.List;

/** The network packs. */
public final class NetRules {

    private NetRules() {}

    /** The reverse-shell rule, for interpreter code that connects a shell to a socket. */
    public static dev.warden.analysis.Rule reverseShellRule() {
        return NetPack.REVERSE_SHELL;
    }

    /** A finding for a fetched URL on a paste site, request catcher, tunnel or raw public IP, if any. */
    public static java.util.Optional<dev.warden.call.Finding> fetchedUrl(String url, String evidence) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        String ex = NetPack.exfilHost(lower);
        if (ex != null) {
            return java.util.Optional.of(NetPack.SUSPICIOUS.finding("fetches from " + ex
                    + ", an anonymous paste, request-catcher or tunnel service", evidence));
        }
        String h = dev.warden.analysis.Hosts.hostOf(url);
        if (h != null && dev.warden.analysis.Hosts.ipv4(h) && !dev.warden.analysis.Hosts.local(h) && !NetPack.privateIp(h)) {
            return java.util.Optional.of(NetPack.SUSPICIOUS.finding("fetches from the raw IP address " + h, evidence));
        }
        return java.util.Optional.empty();
    }

    /** Every pack of this package. */
    public static List<Pack> packs() {
        return List.of(new NetPack(), new NetRedirectPack());
    }
}
