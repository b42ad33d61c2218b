package dev.warden.policy;

/**
 * One problem found while compiling a policy, with its location.
 *
 * @param file    the policy file (or {@code <builtin>})
 * @param line    1-based line
 * @param col     1-based column
 * @param message what is wrong and, where possible, what would be right
 */
public record PolicyProblem(String file, int line, int col, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + col + ": " + message;
    }
}
