package dev.warden.call;

/**
 * A file-system path a call touches, already canonicalised (absolute, {@code ~} expanded,
 * {@code .} and {@code ..} resolved, symlinks resolved where the file exists).
 *
 * @param path   the canonical absolute path
 * @param access how it is touched
 * @param origin where it came from, for explanations (e.g. {@code "rm -rf build"} or {@code "Read.file_path"})
 */
public record PathUse(String path, Access access, String origin) {

    /**
     * The kind of access. {@code LIST} reads names and attributes but not contents
     * ({@code ls}, {@code stat}): a profile's read scope covers it, secret-file rules do not.
     */
    public enum Access { READ, WRITE, DELETE, EXECUTE, LIST }
}
