/**
 * Bash, read the way Bash reads it: {@link dev.warden.analysis.shell.ShellParser} turns a command
 * line into the simple commands that will execute, with launchers unwrapped.
 */
@NullMarked
package dev.warden.analysis.shell;

import org.jspecify.annotations.NullMarked;
