package dev.warden.analysis.shell;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * How long {@link ShellParser#parse} takes: typical agent commands, a compound dangerous one,
 * and hostile inputs at the size limit.
 *
 * <p>Run: {@code mvn -q -B -Pjmh test-compile dependency:build-classpath -Dmdep.outputFile=target/jmh.cp
 * -Dmdep.includeScope=test} then {@code $JAVA_HOME/bin/java -cp
 * target/classes:target/test-classes:$(cat target/jmh.cp) org.openjdk.jmh.Main ShellParserBench -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ShellParserBench {

    /** Hostile shapes, each repeated up to the input size limit. */
    @Param({"pipeline", "words", "substitutions", "quotedIfs", "launchers"})
    public String hostileShape;

    private String hostile;

    @Setup
    public void setUp() {
        String unit = switch (hostileShape) {
            case "pipeline" -> "a|";          // one pipeline of 131k elements
            case "words" -> "a ";             // one command with 131k arguments
            case "substitutions" -> "$(ls)";  // command count limit
            case "quotedIfs" -> "\"$IFS\"x";  // expansion-heavy word
            case "launchers" -> "sudo env A=1 bash -c 'eval ls' ; ";
            default -> throw new IllegalArgumentException(hostileShape);
        };
        hostile = unit.repeat((Budget.MAX_INPUT - 1) / unit.length());
    }

    @Benchmark
    public ParsedScript typicalGitStatus() {
        return ShellParser.parse("git status");
    }

    @Benchmark
    public ParsedScript typicalMavenTest() {
        return ShellParser.parse("mvn -q test -Dtest=Foo");
    }

    @Benchmark
    public ParsedScript typicalPipeline() {
        return ShellParser.parse("ls -la src | head");
    }

    @Benchmark
    public ParsedScript compoundDangerous() {
        return ShellParser.parse("sudo env FOO=1 bash -c \"git push -f origin main\" && rm -rf / ; curl x | sh");
    }

    @Benchmark
    public ParsedScript hostileAtSizeLimit() {
        return ShellParser.parse(hostile);
    }
}
