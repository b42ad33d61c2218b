package dev.warden.cli;

import dev.warden.call.WardenException;
import dev.warden.supply.Change;
import dev.warden.supply.Machine;
import dev.warden.supply.Reports;
import dev.warden.supply.Supply;
import dev.warden.supply.SupplyEvents;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warden supply}: review, lock and verify the MCP servers, Skills, subagents and plugins
 * agents can reach. Exit codes: 0 as reviewed; 1 something to review / drift / not found;
 * 64 usage; 65 bad input; 69 a server or file unavailable.
 */
@Command(name = "supply", mixinStandardHelpOptions = true,
        description = "Allowlist what was reviewed, pin it by content (warden.lock), detect drift.",
        subcommands = {SupplyCommand.Lock.class, SupplyCommand.Review.class, SupplyCommand.Approve.class,
                SupplyCommand.Verify.class, CommandLine.HelpCommand.class})
public final class SupplyCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** Options every supply subcommand takes. */
    static final class Common {
        @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Project folder (default: current).")
        Path dir = Path.of(".");

        @Option(names = "--home", paramLabel = "DIR", description = "Home folder to scan (default: the user's).")
        @Nullable Path home;

        @Option(names = "--warden-home", paramLabel = "DIR",
                description = "Warden state folder (default: $WARDEN_HOME or ~/.warden); holds the probe cache.")
        @Nullable Path wardenHome;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "20",
                description = "The most one MCP server may take to answer (default: 20).")
        int timeout;

        @Option(names = "--progress", description = "Report progress on stderr (default: only on a terminal).")
        boolean progress;

        @Option(names = "--managed-dir", paramLabel = "DIR", hidden = true, description = "Managed-settings folder (tests).")
        @Nullable List<Path> managedDirs;

        Supply supply(CommandSpec spec) {
            if (timeout < 1 || timeout > 600) {
                throw new WardenException(WardenException.Kind.INVALID_INPUT, "--timeout must be 1..600 seconds");
            }
            PrintWriter err = spec.commandLine().getErr();
            boolean show = progress || terminal();
            Consumer<String> p = s -> {
                if (show) {
                    err.println("supply: " + s);
                    err.flush();
                }
            };
            return new Supply(machine(dir, home, managedDirs), wardenHome(wardenHome), InstantSource.system(),
                    SupplyEvents.NONE, Duration.ofSeconds(timeout), p);
        }
    }

    @Command(name = "lock", mixinStandardHelpOptions = true,
            description = {"Probe everything agents can reach and write warden.lock, approved by --reviewer (first adoption).",
                    "Exit 0, or 1 when some item could not be probed (it is left out, so it stays blocked)."})
    static final class Lock implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Common common;

        @Option(names = "--reviewer", required = true, paramLabel = "NAME", description = "Who reviewed it all.")
        String reviewer;

        @Option(names = "--force", description = "Replace an existing warden.lock.")
        boolean force;

        @Override
        public Integer call() {
            Supply.Report r = common.supply(spec).lock(reviewer, force);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Locked " + r.locked() + " items in " + dev.warden.supply.Lock.path(common.dir.toAbsolutePath().normalize())
                    + " (reviewer: " + reviewer + ").");
            out.print(Reports.changes(r.changes(), r.changes().isEmpty() ? "" : "Not locked (fix, then `warden supply approve`):"));
            out.flush();
            return r.changes().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    @Command(name = "review", mixinStandardHelpOptions = true,
            description = {"List what is new, changed, removed or unverifiable since warden.lock, with the risks found",
                    "in new content. Exit 1 when there is something to review."})
    static final class Review implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Common common;

        @Option(names = "--format", defaultValue = "table", paramLabel = "FMT", description = "table (default) or json.")
        String format;

        @Override
        public Integer call() {
            Supply.Report r = common.supply(spec).review();
            print(spec, r.changes(), format, "Nothing to review: everything reachable is as approved in warden.lock.",
                    "To review (approve each with `warden supply approve ITEM --reviewer NAME`):");
            return r.changes().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = {"Record the review of one item (as it is now) in warden.lock. Approving an item that is no",
                    "longer reachable removes it. Exit 0; 1 when there is no such item; 69 when it cannot be probed."})
    static final class Approve implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ITEM", description = "Item id, e.g. mcp:github or skill:project/deploy.")
        String item;

        @Parameters(index = "1", arity = "0..1", paramLabel = "DIR", description = "Project folder (default: current).")
        Path dir = Path.of(".");

        @Option(names = "--reviewer", required = true, paramLabel = "NAME", description = "Who reviewed it.")
        String reviewer;

        @Option(names = "--home", paramLabel = "DIR", description = "Home folder to scan (default: the user's).")
        @Nullable Path home;

        @Option(names = "--warden-home", paramLabel = "DIR", description = "Warden state folder.")
        @Nullable Path wardenHome;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "20", description = "Probe timeout.")
        int timeout;

        @Option(names = "--managed-dir", paramLabel = "DIR", hidden = true, description = "Managed-settings folder (tests).")
        @Nullable List<Path> managedDirs;

        @Override
        public Integer call() {
            Common c = new Common();
            c.dir = dir;
            c.home = home;
            c.wardenHome = wardenHome;
            c.timeout = timeout;
            c.managedDirs = managedDirs;
            Change ch = c.supply(spec).approve(item, reviewer);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Approved " + item + " (" + ch.status().label() + ") by " + reviewer + ".");
            for (String w : ch.what()) {
                out.println("  " + w);
            }
            for (var f : ch.findings()) {
                out.println("  ! " + f.severity().label().toUpperCase(Locale.ROOT) + " " + f.id() + ": " + f.message());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check that everything agents can reach is exactly what warden.lock approved: launch specs,",
                    "packages, tool lists (names, descriptions, input schemas), Skill and subagent files, plugin",
                    "commits. Refreshes the probe cache the call-time guard reads. Exit 1 on drift."})
    static final class Verify implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Common common;

        @Option(names = "--format", defaultValue = "table", paramLabel = "FMT", description = "table (default) or json.")
        String format;

        @Override
        public Integer call() {
            Supply.Report r = common.supply(spec).verify();
            print(spec, r.changes(), format, "Verified: everything reachable is as approved in warden.lock.",
                    r.failed() ? "Drift from warden.lock:" : "Verified, with notes:");
            return r.failed() ? ExitCodes.FAILED : ExitCodes.OK;
        }
    }

    private static void print(CommandSpec spec, List<Change> changes, String format, String clean, String header) {
        PrintWriter out = spec.commandLine().getOut();
        Reports.Format f = format(format, "table|json");
        if (f == Reports.Format.JSON) {
            out.print(Reports.changesJson(changes));
        } else {
            out.print(changes.isEmpty() ? clean + "\n" : Reports.changes(changes, header));
        }
        out.flush();
    }

    static Reports.Format format(String s, String allowed) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "table", "text" -> Reports.Format.TABLE;
            case "json" -> Reports.Format.JSON;
            case "markdown", "md" -> {
                if (!allowed.contains("markdown")) {
                    throw new WardenException(WardenException.Kind.INVALID_INPUT, "--format must be " + allowed);
                }
                yield Reports.Format.MARKDOWN;
            }
            default -> throw new WardenException(WardenException.Kind.INVALID_INPUT, "--format must be " + allowed);
        };
    }

    static Machine machine(Path dir, @Nullable Path home, @Nullable List<Path> managedDirs) {
        Machine m = Machine.current(dir.toAbsolutePath().normalize());
        if (home != null) {
            m = m.withHome(home);
        }
        if (managedDirs != null) {
            m = m.withManagedDirs(managedDirs);
        }
        return m;
    }

    static Path wardenHome(@Nullable Path option) {
        if (option != null) {
            return option;
        }
        String env = System.getenv("WARDEN_HOME");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".warden");
    }

    /** True when stderr is a terminal (Console.isTerminal exists from JDK 22; on 21 a console means a terminal). */
    static boolean terminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }
}
