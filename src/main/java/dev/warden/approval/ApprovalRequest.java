package dev.warden.approval;

import dev.warden.call.ToolCall;
import dev.warden.policy.Approval;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request for a human decision on one exact call.
 *
 * @param id         public id ({@code apr_...})
 * @param digest     {@link CallDigest} of the call: approving this request approves that call only
 * @param call       the call (its input as the agent sent it)
 * @param profile    the profile that governed it
 * @param rules      the rules and findings that asked for approval
 * @param reasons    what those rules said, one line each
 * @param findings   analysis findings, one line each ({@code id severity: message (evidence)})
 * @param requester  the human behind the session (the agent token's name)
 * @param team       the requester's team, or null
 * @param gate       who may approve, how many, expiry, grant scope
 * @param status     where it stands
 * @param created    when it was requested
 * @param expires    when it expires if still pending
 * @param decidedAt  when it was approved, rejected or expired, or null
 * @param decidedBy  who decided (for approvals: every approver, comma-separated), or null
 * @param decisionReason the reason given, or null
 * @param votes      the approvals given so far
 * @param usedAt     for once-scope approvals: when the approved call consumed it, or null
 */
public record ApprovalRequest(String id, String digest, ToolCall call, String profile, List<String> rules,
        List<String> reasons, List<String> findings, String requester, @Nullable String team, Approval gate,
        Status status, Instant created, Instant expires, @Nullable Instant decidedAt, @Nullable String decidedBy,
        @Nullable String decisionReason, List<Vote> votes, @Nullable Instant usedAt) {

    /** Where a request stands. */
    public enum Status {
        PENDING, APPROVED, REJECTED, EXPIRED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    /** One approver's approval. */
    public record Vote(String approver, String role, @Nullable String reason, Instant at) {}

    public ApprovalRequest {
        rules = List.copyOf(rules);
        reasons = List.copyOf(reasons);
        findings = List.copyOf(findings);
        votes = List.copyOf(votes);
    }

    /** The command of a Bash call, else the input as JSON-like text. */
    public String summary() {
        Object cmd = call.input().get("command");
        if (cmd instanceof String s) {
            return s;
        }
        Object path = call.input().get("file_path");
        return path instanceof String p ? call.tool() + " " + p : call.tool() + " " + describe(call.input());
    }

    private static String describe(Map<String, @Nullable Object> input) {
        String s = dev.warden.audit.CanonicalJson.write(input);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
