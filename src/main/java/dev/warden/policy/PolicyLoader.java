package dev.warden.policy;

import dev.warden.call.WardenException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds and compiles the policy layers that apply to a project.
 *
 * <ul>
 *   <li>built-in: Warden's default policy ({@code warden policy show --builtin});
 *   <li>user: {@code $WARDEN_HOME/policy.yaml};
 *   <li>project: {@code .warden/policy.yaml} in the project root or the nearest folder above the
 *       working directory that has one;
 *   <li>org: {@code $WARDEN_ORG_POLICY}, else {@code /etc/warden/policy.yaml}.
 * </ul>
 */
public final class PolicyLoader {

    /** Name of the project policy file, relative to the project root. */
    public static final String PROJECT_FILE = ".warden/policy.yaml";
    /** Default location of the org policy. */
    public static final Path DEFAULT_ORG_FILE = Path.of("/etc/warden/policy.yaml");
    /** Largest policy file Warden reads. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    private PolicyLoader() {}

    /** Compiles the given layers, reporting every problem at once. */
    public static Policy compile(List<PolicySource> sources) {
        return PolicyCompiler.compile(sources);
    }

    /** The built-in default policy's source. */
    public static PolicySource builtin() {
        return new PolicySource(Layer.BUILTIN, "<builtin>", BuiltinPolicy.TEXT);
    }

    /**
     * The layers that apply to a project.
     *
     * @param project     the project root (where {@code .warden/policy.yaml} lives), or null
     * @param wardenHome  Warden's home ({@code $WARDEN_HOME})
     * @param orgFile     the org policy file, or null for none
     * @param override    an explicit policy file that replaces the user and project layers (for
     *                    {@code --policy FILE}), or null
     */
    public static List<PolicySource> discover(@Nullable Path project, Path wardenHome, @Nullable Path orgFile,
            @Nullable Path override) {
        List<PolicySource> sources = new ArrayList<>(4);
        sources.add(builtin());
        if (override != null) {
            sources.add(read(Layer.PROJECT, override).orElseThrow(() -> new WardenException(
                    WardenException.Kind.NOT_FOUND, "policy file not found: " + override)));
        } else {
            read(Layer.USER, wardenHome.resolve("policy.yaml")).ifPresent(sources::add);
            if (project != null) {
                read(Layer.PROJECT, project.resolve(PROJECT_FILE)).ifPresent(sources::add);
            }
        }
        if (orgFile != null) {
            read(Layer.ORG, orgFile).ifPresent(sources::add);
        }
        return sources;
    }

    /** The org policy file from the environment: {@code $WARDEN_ORG_POLICY} or the default. */
    public static Path orgFile(@Nullable String env) {
        return env == null || env.isBlank() ? DEFAULT_ORG_FILE : Path.of(env);
    }

    private static Optional<PolicySource> read(Layer layer, Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new PolicyException(List.of(new PolicyProblem(file.toString(), 1, 1,
                        "policy file larger than " + MAX_BYTES + " bytes")));
            }
            return Optional.of(new PolicySource(layer, file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
        } catch (java.nio.charset.MalformedInputException e) {
            throw new PolicyException(List.of(new PolicyProblem(file.toString(), 1, 1, "policy file is not UTF-8 text")));
        } catch (IOException e) {
            // A policy layer that exists but cannot be read must not be silently skipped.
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "cannot read policy " + file + ": " + e.getMessage(), e);
        }
    }
}
