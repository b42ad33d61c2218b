package dev.warden.policy;

/**
 * The text of one policy layer.
 *
 * @param layer which layer it is
 * @param name  where it came from (a file path, or {@code <builtin>}), used in problem locations
 * @param text  the YAML text
 */
public record PolicySource(Layer layer, String name, String text) {}
