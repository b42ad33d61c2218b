package dev.warden.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code warden} in-process with captured output. */
final class Cli {

    record Run(int exit, String out, String err) {}

    private Cli() {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }
}
