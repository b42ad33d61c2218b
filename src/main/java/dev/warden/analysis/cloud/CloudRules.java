package dev.warden.analysis.cloud;

import dev.warden.analysis.Pack;
import java.util.List;
import java.util.Set;

/** The cloud, infrastructure and container pack, and the long-tail destructive-verb pack. */
public final class CloudRules {

    private CloudRules() {}

    /** The cloud pack. */
    public static List<Pack> packs() {
        return List.of(new CloudPack());
    }

    /**
     * A finding when an MCP tool's own name is a destructive verb ({@code mcp__github__delete_file},
     * {@code drop_table}): what the tool does is in its name.
     */
    public static java.util.Optional<dev.warden.call.Finding> mcpToolName(String tool, String mcpTool) {
        String verb = LongTailPack.verbIn(mcpTool);
        if (verb == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(LongTailPack.DESTRUCTIVE.finding("calls the MCP tool " + mcpTool + " ('" + verb + "')", tool));
    }

    /**
     * The long-tail pack: destructive verbs in any other tool's subcommands.
     *
     * @param handled programs other packs already judge (skipped here)
     */
    public static Pack longTail(Set<String> handled) {
        return new LongTailPack(handled);
    }
}
