package dev.warden.supply;

import java.util.List;
import java.util.function.Consumer;

/**
 * Everything agents on a machine can reach from one project, and what is risky about it.
 * Step one of any rollout: {@code warden inventory}.
 *
 * @param machine where it was taken
 * @param items   what was found, in scan order (settings, hooks, MCP servers, plugins, subagents,
 *                skills, other clients' servers, credentials)
 * @param flags   risks found on items
 */
public record Inventory(Machine machine, List<Item> items, List<Flag> flags) {

    public Inventory {
        items = List.copyOf(items);
        flags = List.copyOf(flags);
    }

    /** Scans every location, other clients' configuration and credentials included. */
    public static Inventory scan(Machine machine, Consumer<String> progress) {
        return new Scanner(machine, progress, true).scan();
    }

    /** Scans every location, without progress reports. */
    public static Inventory scan(Machine machine) {
        return scan(machine, s -> { });
    }

    /**
     * Scans only what Claude Code loads for this project (no other clients, no credentials):
     * the fast scan used at session start and by the lock.
     */
    public static Inventory scanClaudeCode(Machine machine) {
        return new Scanner(machine, s -> { }, false).scan();
    }

    /** Claude Code's effective MCP servers (one per name, after precedence), plugin servers included. */
    public List<Item.McpServer> claudeServers() {
        return items.stream()
                .filter(i -> i instanceof Item.McpServer s && s.claudeCode() && s.effective())
                .map(i -> (Item.McpServer) i)
                .toList();
    }

    /** Items of one kind. */
    public <T extends Item> List<T> of(Class<T> type) {
        return items.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The flags on one item. */
    public List<Flag> flagsOf(String itemId) {
        return flags.stream().filter(f -> f.item().equals(itemId)).toList();
    }
}
