/**
 * The agent supply chain: what MCP servers, Skills, subagents, plugins and hooks agents on this
 * machine can reach ({@link dev.warden.supply.Inventory}), which of them were reviewed and pinned
 * by content ({@link dev.warden.supply.Lock}, managed by {@link dev.warden.supply.Supply}), and the
 * call-time check that blocks unreviewed or drifted MCP servers ({@link dev.warden.supply.SupplyGuard}).
 *
 * <p>Values found in configuration files (tokens in {@code env}, header values) stay inside this
 * package: every rendering and every lock entry carries names only.
 */
@NullMarked
package dev.warden.supply;

import org.jspecify.annotations.NullMarked;
