package dev.warden.analysis.shell;

/**
 * Entry point of shell analysis. Never throws on any input: what it cannot read becomes a finding.
 */
public final class ShellParser {

    private ShellParser() {}

    /** Reads a Bash command line or script. */
    public static ParsedScript parse(String source) {
        throw new UnsupportedOperationException("shell parser not built yet");
    }
}
