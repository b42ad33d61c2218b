package dev.warden.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged {@code ./warden} launcher as a separate process, the way users and Claude
 * Code do, with a minimal environment (no JAVA_HOME). Needs {@code mvn package} first: tests
 * using it are tagged {@code process} or {@code e2e} and run after packaging.
 */
public final class WardenProcess {

    /** What one run printed and returned. */
    public record Result(int exit, String stdout, String stderr) {}

    private WardenProcess() {}

    /** The launcher script ({@code warden.launcher} system property, else ./warden). */
    public static Path launcher() {
        String p = System.getProperty("warden.launcher");
        Path l = p != null ? Path.of(p) : Path.of("warden").toAbsolutePath();
        if (!Files.isExecutable(l)) {
            throw new IllegalStateException("launcher not found at " + l);
        }
        return l;
    }

    public static Result run(Path wardenHome, Path cwd, byte[] stdin, String... args) {
        return run(Map.of("WARDEN_HOME", wardenHome.toString(), "HOME", wardenHome.getParent().toString()), cwd, stdin, args);
    }

    public static Result run(Map<String, String> env, Path cwd, byte[] stdin, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher().toString());
        cmd.addAll(List.of(args));
        try {
            Path in = Files.createTempFile("warden-stdin", ".txt");
            Files.write(in, stdin);
            Path out = Files.createTempFile("warden-stdout", ".txt");
            Path err = Files.createTempFile("warden-stderr", ".txt");
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile())
                    .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().clear();
            pb.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("warden " + String.join(" ", args) + " did not finish in 120 s");
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            for (Path f : List.of(in, out, err)) {
                new File(f.toString()).delete();
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
