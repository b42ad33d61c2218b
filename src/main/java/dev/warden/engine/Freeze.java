package dev.warden.engine;

import dev.warden.call.WardenException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The kill switch: a marker file {@code WARDEN_HOME/freeze} that every decision path checks.
 *
 * <p>Design note. A file rather than a row in the server's database, so that the embedded
 * command hook (one process per call, no server) honours it too, at the cost of one stat call
 * per decision. The file holds three lines: who froze, when (ISO-8601), and why. A marker that
 * exists but cannot be read still freezes (fail closed).
 */
public final class Freeze {

    /** The marker's name inside WARDEN_HOME. */
    public static final String FILE = "freeze";

    /**
     * The state of a freeze.
     *
     * @param by     who froze (a token name or the OS user)
     * @param since  when
     * @param reason why, as given
     */
    public record State(String by, Instant since, String reason) {}

    private Freeze() {}

    public static Path file(Path wardenHome) {
        return wardenHome.resolve(FILE);
    }

    /** The current freeze, if any. Never throws: an unreadable marker reads as a freeze. */
    public static Optional<State> read(Path wardenHome) {
        Path f = file(wardenHome);
        String text;
        try {
            text = Files.readString(f, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            if (!Files.exists(f)) {
                return Optional.empty();
            }
            return Optional.of(new State("?", Instant.EPOCH, "freeze marker " + f + " exists but cannot be read"));
        }
        String[] lines = text.split("\n", 3);
        Instant since;
        try {
            since = lines.length > 1 ? Instant.parse(lines[1].strip()) : Instant.EPOCH;
        } catch (RuntimeException e) {
            since = Instant.EPOCH;
        }
        return Optional.of(new State(lines[0].strip(), since, lines.length > 2 ? lines[2].strip() : ""));
    }

    /** Freezes (or refreshes the reason of a freeze), atomically. */
    public static void set(Path wardenHome, State state) {
        try {
            Files.createDirectories(wardenHome);
            Path tmp = Files.createTempFile(wardenHome, ".freeze", ".tmp");
            String by = state.by().replace('\n', ' ');
            Files.writeString(tmp, by + "\n" + state.since() + "\n" + state.reason().replace('\n', ' ') + "\n",
                    StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file(wardenHome), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file(wardenHome), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "cannot write the freeze marker in " + wardenHome + ": " + e.getMessage(), e);
        }
    }

    /** Lifts the freeze; returns false when there was none. */
    public static boolean clear(Path wardenHome) {
        try {
            return Files.deleteIfExists(file(wardenHome));
        } catch (IOException e) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "cannot remove the freeze marker in " + wardenHome + ": " + e.getMessage(), e);
        }
    }

    /** The deny message for calls made while frozen. */
    public static String message(State s) {
        return "Warden is frozen: every agent is stopped" + (s.by().isEmpty() || s.by().equals("?") ? "" : " by " + s.by())
                + (s.reason().isEmpty() ? "" : " (" + s.reason() + ")");
    }
}
