package dev.warden.cli;

import dev.warden.supply.Inventory;
import dev.warden.supply.Machine;
import dev.warden.supply.Reports;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden inventory}: everything agents on this machine can reach from a project. */
@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = {"List everything agents can reach from a project, with risky items flagged.",
                "Claude Code settings layers with their hooks and permission rules, MCP servers (Claude Code, Cursor, VS Code, Claude Desktop, Windsurf), subagents,",
                "Skills, plugins and marketplaces, and credentials within reach (names and locations only).",
                "Risky items are flagged. Exit 0 (findings are information; see `warden supply verify`)."})
public final class InventoryCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Project folder (default: current).")
    Path dir = Path.of(".");

    @Option(names = "--home", paramLabel = "DIR", description = "Home folder to scan (default: the user's).")
    Path home;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "table",
            description = "table (default), json or markdown.")
    String format;

    @Option(names = "--progress", description = "Report progress on stderr (default: only when stderr is a terminal).")
    boolean progress;

    @Option(names = "--managed-dir", paramLabel = "DIR", hidden = true,
            description = "Managed-settings folder to scan instead of the platform's (repeatable; for tests).")
    List<Path> managedDirs;

    @Override
    public Integer call() {
        Reports.Format f = SupplyCommand.format(format, "table|json|markdown");
        Machine m = SupplyCommand.machine(dir, home, managedDirs);
        PrintWriter err = spec.commandLine().getErr();
        boolean show = progress || SupplyCommand.terminal();
        Inventory inv = Inventory.scan(m, s -> {
            if (show) {
                err.println("inventory: " + s);
                err.flush();
            }
        });
        spec.commandLine().getOut().print(Reports.inventory(inv, f));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
