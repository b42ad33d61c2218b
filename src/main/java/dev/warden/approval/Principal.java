package dev.warden.approval;

import org.jspecify.annotations.Nullable;

/**
 * Who is behind a request: the holder of a token.
 *
 * @param tokenId the token's public id ({@code tok_...})
 * @param name    the person (or, for agent tokens, the person the agent works for)
 * @param role    what the token may do
 * @param team    the team, or null for none (an admin without a team sees every team)
 */
public record Principal(String tokenId, String name, Role role, @Nullable String team) {

    /** True when this principal matches an approver entry: a role, {@code team:NAME} or {@code user:NAME}. */
    public boolean matches(String approverEntry) {
        if (approverEntry.startsWith("team:")) {
            return team != null && team.equals(approverEntry.substring(5));
        }
        if (approverEntry.startsWith("user:")) {
            return name.equals(approverEntry.substring(5));
        }
        return role.label().equals(approverEntry) || (role == Role.ADMIN && approverEntry.equals("approver"));
    }
}
