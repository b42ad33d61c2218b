package dev.warden.cli;

import dev.warden.approval.Role;
import dev.warden.audit.AuditEntry;
import dev.warden.audit.AuditLog;
import dev.warden.call.WardenException;
import dev.warden.engine.EngineConfig;
import dev.warden.server.Tokens;
import dev.warden.store.StateDb;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden token create|list|revoke}: credentials for agents and humans, in WARDEN_HOME's state.db. */
@Command(name = "token", mixinStandardHelpOptions = true, description = {
        "Manage tokens in WARDEN_HOME/state.db (run on the server's machine, as its user).",
        "Roles: agent (hooks and the decision API), approver (approve/reject, read their team's audit),",
        "admin (everything, plus freeze, release, tokens). A token is printed once and stored hashed.",
        "Exit codes: 0 done; 1 no such token; 64 usage; 65 bad name or role; 69 state.db unavailable."},
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a token and print it (once).")
    static final class Create implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Mixin HomeOption home;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "agent, approver or admin")
        String role = "";

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The person (for agent tokens: whose agent)")
        String name = "";

        @Option(names = "--team", paramLabel = "TEAM", description = "The team (approvers with a team see only its requests)")
        @Nullable String team;

        @Override
        public Integer call() {
            Role r = Role.parse(role).orElseThrow(() -> new WardenException(WardenException.Kind.INVALID_INPUT,
                    "--role must be agent, approver or admin, not '" + role + "'"));
            EngineConfig config = Wiring.config(home.home, null);
            Tokens.Created c;
            try (StateDb db = StateDb.open(config.wardenHome())) {
                c = new Tokens(db, InstantSource.system()).create(r, name, team);
            }
            try (AuditLog log = Wiring.openLog(config)) {
                Map<String, @Nullable Object> d = new LinkedHashMap<>();
                d.put("token_id", c.id());
                d.put("role", r.label());
                d.put("name", name);
                d.put("team", team);
                d.put("by", Wiring.env().getOrDefault("USER", "local"));
                log.append(new AuditEntry("token.created", Instant.now(), "", null, null, null, d));
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(c.token());
            spec.commandLine().getErr().println("Created " + r.label() + " token " + c.id() + " for " + name
                    + (team == null ? "" : " (team " + team + ")") + ". It is shown only now: store it safely.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (ids, roles, names; never secrets).")
    static final class ListTokens implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Mixin HomeOption home;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (StateDb db = StateDb.open(Wiring.config(home.home, null).wardenHome())) {
                for (StateDb.TokenRecord t : db.tokens()) {
                    out.printf("%-18s %-8s %-20s %-12s %s%s%n", t.id(), t.role().label(), t.name(), t.team() == null ? "-" : t.team(),
                            t.created(), t.revoked() == null ? "" : "  REVOKED " + t.revoked());
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by id (a running server stops accepting it within 5 s).")
    static final class Revoke implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Mixin HomeOption home;

        @Parameters(index = "0", paramLabel = "ID")
        String id = "";

        @Override
        public Integer call() {
            try (StateDb db = StateDb.open(Wiring.config(home.home, null).wardenHome())) {
                if (!db.revokeToken(id, Instant.now())) {
                    throw new WardenException(WardenException.Kind.NOT_FOUND, "no active token " + id);
                }
            }
            spec.commandLine().getOut().println("Revoked " + id);
            return ExitCodes.OK;
        }
    }
}
