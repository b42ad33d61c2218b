package dev.warden.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code warden sessions list|show|release|quarantine}. */
@Command(name = "sessions", mixinStandardHelpOptions = true, description = {
        "Sessions seen by a Warden server, and their quarantine (--server/--token or WARDEN_SERVER/WARDEN_TOKEN).",
        "Exit codes: 0 done; 1 no such session, or not quarantined; 64 usage; 69 server unreachable; 77 forbidden."},
        subcommands = {SessionsCommand.ListCmd.class, SessionsCommand.Show.class, SessionsCommand.Release.class,
                SessionsCommand.Quarantine.class})
final class SessionsCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Sessions active in the last day, and active quarantines.")
    static final class ListCmd implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Mixin ServerOptions server;

        @Override
        public Integer call() {
            JsonNode r = server.call("GET", "/v1/sessions", null);
            PrintWriter out = spec.commandLine().getOut();
            for (JsonNode s : r.path("sessions")) {
                out.printf("%-38s %-12s %6d calls %5d denials  last %s%s%n", s.path("id").asString(), s.path("user").asString(),
                        s.path("calls").asLong(), s.path("denials").asLong(), s.path("last_seen").asString(),
                        s.path("quarantined").asBoolean() ? "  QUARANTINED" : "");
            }
            for (JsonNode q : r.path("quarantined")) {
                out.println("quarantined " + q.path("scope").asString() + " since " + q.path("since").asString() + ": " + q.path("reason").asString());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One session.")
    static final class Show implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Mixin ServerOptions server;

        @Parameters(index = "0", paramLabel = "ID")
        String id = "";

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(server.call("GET", "/v1/sessions/" + id, null).toPrettyString());
            return ExitCodes.OK;
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true, description = "Release a quarantined session (and its agents).")
    static final class Release implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Mixin ServerOptions server;

        @Parameters(index = "0", paramLabel = "ID")
        String id = "";

        @Option(names = "--reason", paramLabel = "TEXT")
        String reason = "released by a human";

        @Override
        public Integer call() {
            JsonNode r = server.call("POST", "/v1/sessions/" + id + "/release", Map.of("reason", reason));
            spec.commandLine().getOut().println("Released " + String.join(", ", r.path("released").valueStream().map(JsonNode::asString).toList()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "quarantine", mixinStandardHelpOptions = true, description = "Quarantine a session by hand: every further call is denied.")
    static final class Quarantine implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Mixin ServerOptions server;

        @Parameters(index = "0", paramLabel = "ID")
        String id = "";

        @Option(names = "--reason", paramLabel = "TEXT")
        String reason = "quarantined by a human";

        @Override
        public Integer call() {
            server.call("POST", "/v1/sessions/" + id + "/quarantine", Map.of("reason", reason));
            spec.commandLine().getOut().println("Quarantined " + id);
            return ExitCodes.OK;
        }
    }
}
