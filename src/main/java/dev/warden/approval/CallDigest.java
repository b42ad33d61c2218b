package dev.warden.approval;

import dev.warden.audit.CanonicalJson;
import dev.warden.call.ToolCall;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The identity of a call for approval purposes: SHA-256 over the canonical JSON of session,
 * agent, tool and input. The harness's tool-use id is left out on purpose: retrying the very
 * same call (which gets a new id) must find the approval, and any change to the input must not.
 */
public final class CallDigest {

    private CallDigest() {}

    /** {@code sha256:<64 hex>} of the call. */
    public static String of(ToolCall call) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("session", call.sessionId());
        m.put("agent_id", call.agentId());
        m.put("agent_type", call.agentType());
        m.put("tool", call.tool());
        m.put("input", call.input());
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return "sha256:" + HexFormat.of().formatHex(md.digest(CanonicalJson.write(m).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
