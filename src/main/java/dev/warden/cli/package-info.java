/** The {@code warden} command line: one thin picocli class per subcommand. */
@NullMarked
package dev.warden.cli;

import org.jspecify.annotations.NullMarked;
