/**
 * Reads what a tool call will really do. {@link dev.warden.analysis.Analyzer} is the entry point:
 * it turns a {@link dev.warden.call.ToolCall} into an {@link dev.warden.call.Analysis} — the
 * commands a shell line will execute (via {@link dev.warden.analysis.shell.ShellParser}), the
 * paths and hosts touched, and the findings of every rule pack.
 */
@NullMarked
package dev.warden.analysis;

import org.jspecify.annotations.NullMarked;
