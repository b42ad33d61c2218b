package dev.warden.analysis.shell;

/** The ids and hints of the findings the shell reader reports. */
final class Findings {

    private Findings() {}

    static final String UNPARSEABLE = "shell.unparseable";
    static final String TOO_COMPLEX = "shell.too-complex";
    static final String DYNAMIC = "shell.dynamic-command";
    static final String COMPUTED = "shell.computed-command";
    static final String PIPE_TO_SHELL = "shell.pipe-to-shell";
    static final String OBFUSCATED = "shell.obfuscated-code";
    static final String ENV_INJECTION = "shell.env-injection";
    static final String NO_COMMAND = "shell.no-command";

    /**
     * The exec pack's rule for a program run from a temporary directory or an unusual path. The
     * reader reports the unusual paths itself, because launchers ({@code sudo}, {@code sh -c})
     * are consumed here and never reach the packs with the path they were written with.
     */
    static final String UNUSUAL_PATH = "exec.temp-program";

    static final String UNPARSEABLE_HINT =
            "write the command with balanced quotes, substitutions and here-documents, or split it into simpler steps";
    static final String TOO_COMPLEX_HINT = "split the work into several smaller, plainer commands";
    static final String DYNAMIC_HINT =
            "write the program and its arguments out literally instead of building them from variables or substitutions";
    static final String PIPE_HINT =
            "save the script to a file, show it for review, and run the file instead of piping it into an interpreter";
    static final String OBFUSCATED_HINT = "run the decoded code as plain, reviewable source";
    static final String PATH_HINT = "run the program by its plain name or its ordinary absolute path";
    static final String ENV_HINT =
            "do not set variables that make other programs load or run code; run the code explicitly instead";
}
