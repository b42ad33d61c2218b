package dev.warden.analysis.net;

import dev.warden.analysis.Invocation;
import dev.warden.analysis.Pack;
import dev.warden.analysis.Report;
import dev.warden.analysis.Rule;
import dev.warden.call.Command;
import java.util.List;
import java.util.Set;

/** Redirections onto {@code /dev/tcp} and {@code /dev/udp}, on any command. */
final class NetRedirectPack implements Pack {

    @Override
    public String name() {
        return "net";
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
        List<Command.Redirect> rs = c.command().redirects();
        if (rs.isEmpty()) {
            return;
        }
        for (Command.Redirect r : rs) {
            if (r.target().startsWith("/dev/tcp/") || r.target().startsWith("/dev/udp/")) {
                NetPack.devTcp(c, out);
                return;
            }
        }
    }
}
