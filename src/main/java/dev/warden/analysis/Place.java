package dev.warden.analysis;

/**
 * Where a path lies, from the point of view of the damage a write or delete there can do.
 * Computed by {@link Invocation#place(java.nio.file.Path)} against the analysis context.
 */
public enum Place {
    /** The file-system root itself. */
    ROOT,
    /** A directory above the user's home ({@code /home}, {@code /Users}). */
    HOME_ANCESTOR,
    /** The user's home directory itself. */
    HOME,
    /** A directory above the project root (but not home or root). */
    PROJECT_ANCESTOR,
    /** The project root itself. */
    PROJECT_ROOT,
    /** The project's {@code .git} directory or anything inside it. */
    PROJECT_GIT,
    /** Inside the project. */
    PROJECT,
    /** A temporary-files directory itself ({@code /tmp}, {@code /var/tmp}). */
    TEMP_ROOT,
    /** Inside a temporary-files directory. */
    TEMP,
    /** A block device or other device node ({@code /dev/sda}); {@code /dev/null} and friends are {@link #DEVICE_HARMLESS}. */
    DEVICE,
    /** {@code /dev/null}, {@code /dev/stdout}, {@code /dev/fd/N}, terminals: writing there destroys nothing. */
    DEVICE_HARMLESS,
    /** A system directory ({@code /etc}, {@code /usr}, {@code /var}, ...) or inside one. */
    SYSTEM,
    /** Inside the user's home, outside the project. */
    HOME_INSIDE,
    /** Anywhere else. */
    OUTSIDE;

    /** Where a canonical absolute path lies for this context. */
    public static Place of(java.nio.file.Path path, AnalysisContext context) {
        return Places.of(path, context);
    }

    /** True for places whose recursive deletion destroys the machine or the user's data wholesale. */
    public boolean catastrophic() {
        return this == ROOT || this == HOME_ANCESTOR || this == HOME || this == PROJECT_ANCESTOR
                || this == SYSTEM || this == DEVICE;
    }
}
