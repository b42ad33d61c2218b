package dev.warden.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code warden approvals list|show|approve|reject}: decide gated calls through a running server. */
@Command(name = "approvals", mixinStandardHelpOptions = true, description = {
        "List, show, approve and reject approval requests on a Warden server (--server URL --token T,",
        "or WARDEN_SERVER / WARDEN_TOKEN; an approver or admin token).",
        "Exit codes: 0 done; 1 no such request, or already decided/expired; 64 usage; 65 bad input",
        "(e.g. a reason is required); 69 server unreachable; 77 forbidden (wrong token, not a listed",
        "approver, or your own agent's request)."},
        subcommands = {ApprovalsCommand.ListCmd.class, ApprovalsCommand.Show.class, ApprovalsCommand.Approve.class,
                ApprovalsCommand.Reject.class})
final class ApprovalsCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    static void line(PrintWriter out, JsonNode a) {
        out.printf("%-21s %-9s %-10s %-22s %s%n", a.path("id").asString(), a.path("status").asString(),
                a.path("requester").asString(), String.join(",", a.path("rules").valueStream().map(JsonNode::asString).toList()),
                a.path("summary").asString());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List requests (default: pending).")
    static final class ListCmd implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Mixin ServerOptions server;

        @Option(names = "--status", paramLabel = "S", description = "pending (default), approved, rejected, expired or all")
        String status = "pending";

        @Option(names = "--json", description = "Print the server's JSON")
        boolean json;

        @Override
        public Integer call() {
            JsonNode r = server.call("GET", "/v1/approvals?status=" + status, null);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(r.toPrettyString());
                return ExitCodes.OK;
            }
            if (r.path("approvals").isEmpty()) {
                out.println("No " + (status.equals("all") ? "" : status + " ") + "approval requests.");
            }
            for (JsonNode a : r.path("approvals")) {
                line(out, a);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one request in full.")
    static final class Show implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Mixin ServerOptions server;

        @Parameters(index = "0", paramLabel = "ID")
        String id = "";

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(server.call("GET", "/v1/approvals/" + id, null).toPrettyString());
            return ExitCodes.OK;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve this exact call.")
    static final class Approve implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Mixin ServerOptions server;

        @Parameters(index = "0", paramLabel = "ID")
        String id = "";

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (required when the policy says so)")
        @Nullable String reason;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            if (reason != null) {
                body.put("reason", reason);
            }
            JsonNode r = server.call("POST", "/v1/approvals/" + id + "/approve", body);
            spec.commandLine().getOut().println(r.path("status").asString().equals("approved")
                    ? "Approved " + id + " (by " + r.path("decided_by").asString() + ")"
                    : "Recorded your approval of " + id + "; it needs " + r.path("gate").path("required").asInt() + " in all");
            return ExitCodes.OK;
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a request; the agent is told the reason.")
    static final class Reject implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Mixin ServerOptions server;

        @Parameters(index = "0", paramLabel = "ID")
        String id = "";

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, and what the agent should do instead")
        String reason = "";

        @Override
        public Integer call() {
            server.call("POST", "/v1/approvals/" + id + "/reject", Map.of("reason", reason));
            spec.commandLine().getOut().println("Rejected " + id);
            return ExitCodes.OK;
        }
    }
}
