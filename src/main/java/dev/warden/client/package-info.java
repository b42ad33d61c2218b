/**
 * Thin clients of a running {@code warden serve}: {@link dev.warden.client.HookClient} (the
 * command hook that forwards one Claude Code event and fails closed) and
 * {@link dev.warden.client.Wire} (a minimal HTTP/1.1 client on plain sockets). Nothing here
 * loads the engine, the policy, SQLite or Jackson: a hook process stays small and starts fast.
 */
@NullMarked
package dev.warden.client;

import org.jspecify.annotations.NullMarked;
