/**
 * File-system rules: recursive deletes judged by target, disk formatting and raw device writes,
 * permission changes, writes to system, account and start-up files, archive extraction; plus the
 * paths that redirections and reading commands touch.
 */
@NullMarked
package dev.warden.analysis.fs;

import org.jspecify.annotations.NullMarked;
