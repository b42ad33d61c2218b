package dev.warden.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a call's project is: the nearest folder at or above its cwd with {@code .git} or {@code .warden}. */
final class Projects {

    private static final int MAX_DEPTH = 64;

    private Projects() {}

    /** The canonical project root for a working directory; the cwd itself when none is found. */
    static Path root(Path cwd) {
        Path start = canonical(cwd);
        Path p = start;
        for (int i = 0; p != null && i < MAX_DEPTH; i++) {
            if (Files.exists(p.resolve(".git")) || Files.isDirectory(p.resolve(".warden"))) {
                return p;
            }
            p = p.getParent();
        }
        return start;
    }

    /** Absolute, normalised, symlinks resolved where the path exists. */
    static Path canonical(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException | SecurityException e) {
            return abs;
        }
    }
}
