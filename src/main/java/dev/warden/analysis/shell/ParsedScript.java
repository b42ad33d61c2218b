package dev.warden.analysis.shell;

import dev.warden.call.Command;
import dev.warden.call.Finding;
import java.util.List;

/**
 * The result of reading a shell script.
 *
 * @param commands every simple command that would execute, launchers unwrapped, in source order
 * @param findings structural findings: parts that could not be analysed (unparseable, too deep,
 *                 dynamic command words, time budget exceeded) and risky shapes such as a decoded
 *                 or downloaded payload piped into a shell
 */
public record ParsedScript(List<Command> commands, List<Finding> findings) {
    public ParsedScript {
        commands = List.copyOf(commands);
        findings = List.copyOf(findings);
    }
}
