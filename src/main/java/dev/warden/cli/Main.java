package dev.warden.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code warden} command. */
@Command(
        name = "warden",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Governance control plane for AI coding agents.",
        subcommands = {
            CommandLine.HelpCommand.class,
            HookCommand.class,
            InstallCommand.class,
            UninstallCommand.class,
            DoctorCommand.class,
            PolicyCommand.class,
            ReplayCommand.class,
            TrainCommand.class,
            InventoryCommand.class,
            SupplyCommand.class,
            AuditCommand.class,
            LogCommand.class,
            EvalCommand.class,
            ServeCommand.class,
            TokenCommand.class,
            ApprovalsCommand.class,
            SessionsCommand.class,
            FreezeCommand.class,
            UnfreezeCommand.class,
            BenchCommand.class,
        })
public final class Main {

    public static void main(String[] args) {
        if (dev.warden.client.HookClient.isClientCommand(args)) {
            // The thin client: no engine, no policy, no SQLite — forward the event and fail closed.
            int code;
            try {
                code = dev.warden.client.HookClient.run(args, System.in, System.out, System.err, System.getenv());
            } catch (Throwable t) {
                System.err.println("Warden blocked this call: internal error in the hook client: " + t);
                code = ExitCodes.HOOK_BLOCK;
            }
            System.exit(code);
        }
        if (args.length == 2 && args[0].equals("hook") && args[1].equals("claude")) {
            // The hook path runs on every tool call: no picocli, and any failure at all blocks.
            int code;
            try {
                code = HookCommand.runClaude(System.in, System.out, System.err);
            } catch (Throwable t) {
                System.err.println("Warden blocked this call: internal error: " + t);
                code = ExitCodes.HOOK_BLOCK;
            }
            System.exit(code);
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line with the given writers; returns the exit code. Used by tests too. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(out, err);
        try {
            return cli.execute(args);
        } finally {
            // Commands may print without a newline (e.g. a YAML document); nothing may be lost at exit.
            out.flush();
            err.flush();
        }
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(ExitCodes::of);
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("warden: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'warden " + ex.getCommandLine().getCommandName() + " --help'.");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("warden: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return ExitCodes.of(ex);
        });
        return cli;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"warden " + (v == null ? "dev" : v)};
        }
    }
}
