package dev.warden.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --home DIR}: Warden's state folder, overriding {@code WARDEN_HOME}. */
final class HomeOption {
    @Option(names = "--home", paramLabel = "DIR", description = "Warden's home (default: $WARDEN_HOME or ~/.warden)")
    @Nullable Path home;
}
