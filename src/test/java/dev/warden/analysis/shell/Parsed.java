package dev.warden.analysis.shell;

import dev.warden.call.Command;
import dev.warden.call.Finding;
import dev.warden.call.Severity;
import java.util.List;
import java.util.Optional;

/** Test helpers over a {@link ParsedScript}. */
final class Parsed {

    private Parsed() {}

    static ParsedScript parse(String s) {
        return ShellParser.parse(s);
    }

    static List<List<String>> argvs(String s) {
        return parse(s).commands().stream().map(Command::argv).toList();
    }

    static Optional<Command> command(ParsedScript p, String... argv) {
        return p.commands().stream().filter(c -> c.argv().equals(List.of(argv))).findFirst();
    }

    static Optional<Finding> finding(ParsedScript p, String id) {
        return p.findings().stream().filter(f -> f.id().equals(id)).findFirst();
    }

    static Severity severityOf(ParsedScript p, String id) {
        return finding(p, id).map(Finding::severity).orElse(null);
    }
}
