package dev.warden.cli;

import dev.warden.call.WardenException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** What the audit and log commands share: where WARDEN_HOME is, and how times are written. */
final class AuditCli {

    private AuditCli() {}

    /** {@code --home DIR}; default {@code $WARDEN_HOME}, else {@code ~/.warden}. */
    static final class Home {
        @Option(names = "--home", paramLabel = "DIR", description = "Warden home (default: $WARDEN_HOME or ~/.warden).")
        @Nullable Path home;

        Path resolve() {
            if (home != null) {
                return home;
            }
            String env = System.getenv("WARDEN_HOME");
            if (env != null && !env.isBlank()) {
                return Path.of(env);
            }
            return Path.of(System.getProperty("user.home"), ".warden");
        }
    }

    /**
     * A point in time: an ISO-8601 instant ({@code 2026-01-05T10:00:00Z}), a date ({@code 2026-01-05},
     * midnight UTC), or an age before now ({@code 90d}, {@code 12h}, {@code 30m}).
     */
    static Instant time(String text, Instant now) {
        String t = text.strip();
        try {
            if (t.matches("\\d+[smhdw]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                Duration d = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    default -> Duration.ofDays(7 * n);
                };
                return now.minus(d);
            }
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(t.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT,
                    "'" + text + "' is not a time (use 2026-01-05T10:00:00Z, 2026-01-05, or an age such as 12h or 30d)");
        }
    }

    static String shortId(@Nullable String s) {
        if (s == null || s.isEmpty()) {
            return "-";
        }
        return s.length() <= 8 ? s : s.substring(0, 8);
    }

    static String cut(String s, int max) {
        String t = s.replace('\n', ' ').replace('\r', ' ');
        return t.length() <= max ? t : t.substring(0, Math.max(0, max - 3)) + "...";
    }
}
