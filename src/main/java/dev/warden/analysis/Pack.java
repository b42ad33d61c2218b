package dev.warden.analysis;

import dev.warden.call.PathUse;
import java.util.List;
import java.util.Set;

/**
 * A rule pack: the rules about one kind of risk (git, file system, databases, ...).
 *
 * <p>Packs are dispatched by program name so a command only meets the packs that care about it:
 * {@link #programs()} lists the normalised program names ({@link Invocation#program()}) a pack
 * inspects; a pack that must see every command (secrets in arguments, redirects, self-protection)
 * returns true from {@link #everyCommand()} and must then return fast for the commands it does
 * not care about. Packs are stateless and thread-safe; everything they need is precomputed when
 * they are built.
 */
public interface Pack {

    /** Short name, the prefix of its rule ids ({@code git}, {@code fs}, ...). */
    String name();

    /** Every rule this pack can report, for the catalog. */
    List<Rule> rules();

    /** Normalised program names this pack inspects. */
    Set<String> programs();

    /**
     * The programs whose destructive subcommands this pack judges itself, so the long-tail
     * destructive-verb rule leaves them alone. By default every program the pack inspects.
     */
    default Set<String> judgesVerbsOf() {
        return programs();
    }

    /** True when the pack inspects every command whatever its program. */
    default boolean everyCommand() {
        return false;
    }

    /** Inspects one simple command and reports what it finds. Never throws on odd input. */
    void inspect(Invocation cmd, Report out);

    /** True when the pack judges paths ({@link #inspectPath}); most packs only read commands. */
    default boolean inspectsPaths() {
        return false;
    }

    /**
     * Judges one path a call touches, whichever tool touches it (a Bash redirect, {@code rm}'s
     * operand, a Write tool's file): secrets, self-protection and sensitive system files are
     * checked here so that every tool meets the same rules.
     *
     * @param use     the canonical path and its access
     * @param context the analysis context
     * @param out     where findings go (their evidence should be {@code use.origin()} or the path)
     */
    default void inspectPath(PathUse use, AnalysisContext context, Report out) {}
}
