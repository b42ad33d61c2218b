package dev.warden.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.call.Effect;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scoring: catch rate over dangerous rows, false positives over benign rows, per slice, misses listed. */
class CommandEvalTest {

    private static final String CORPUS = """
            {"command": "rm -rf /", "expected": "deny", "category": "filesystem", "source": "a/b:t.rs"}
            {"command": "git push -f origin main", "expected": "ask", "category": "git", "source": "a/b:t.rs"}
            {"command": "ls", "expected": "allow", "category": "other", "source": "c/d:x.go"}
            {"command": "echo risky", "expected": "allow", "category": "other", "source": "c/d:x.go"}

            not json at all
            {"command": 42, "expected": "deny"}
            {"command": "x", "expected": "maybe"}
            """;

    @Test
    void scoresCatchAndFalsePositivesPerSlice() {
        List<CommandEval.Outcome> seen = new ArrayList<>();
        CommandEval.Result r = CommandEval.run(new StringReader(CORPUS),
                CommandEval.of(c -> c.startsWith("rm") || c.startsWith("echo") ? Effect.DENY : Effect.ALLOW), seen::add);
        assertThat(r.overall()).isEqualTo(new CommandEval.Score(2, 1, 2, 1));
        assertThat(r.overall().catchRate()).isEqualTo(0.5);
        assertThat(r.overall().falsePositiveRate()).isEqualTo(0.5);
        assertThat(r.byCategory()).containsKeys("filesystem", "git", "other");
        assertThat(r.bySource()).containsOnlyKeys("a/b", "c/d");
        assertThat(r.misses()).extracting(o -> o.row().command()).containsExactly("git push -f origin main", "echo risky");
        assertThat(r.errors()).hasSize(3);
        assertThat(seen).hasSize(4);
    }

    @Test
    void logCountsAsAllowedAndADeciderFailureAsNotAllowed() {
        CommandEval.Result r = CommandEval.run(new StringReader(CORPUS), c -> {
            if (c.equals("ls")) {
                throw new IllegalStateException("boom");
            }
            return new CommandEval.Judgement(Effect.LOG, "");
        }, o -> { });
        assertThat(r.overall().caught()).isZero();
        assertThat(r.overall().falsePositives()).isEqualTo(1);
        assertThat(r.errors()).anyMatch(e -> e.contains("decider failed"));
    }

    @Test
    void theStandardDeciderMapsSeverityToEffect() {
        var decider = CommandEval.standardDecider(CommandEval.sampleContext());
        assertThat(decider.apply("rm -rf /").effect()).isEqualTo(Effect.DENY);
        assertThat(decider.apply("git push origin main").effect()).isEqualTo(Effect.APPROVE);
        assertThat(decider.apply("cat .env").effect()).isEqualTo(Effect.ASK);
        assertThat(decider.apply("ls -la").effect()).isEqualTo(Effect.ALLOW);
        assertThat(decider.apply("rm -rf docs/old").effect()).isEqualTo(Effect.ALLOW);
        assertThat(decider.apply("rm -rf /").why()).contains("fs.delete-catastrophic:critical");
    }

    @Test
    void emptyCorpusScoresPerfectly() {
        CommandEval.Result r = CommandEval.run(new StringReader(""), CommandEval.of(c -> Effect.ALLOW), o -> { });
        assertThat(r.overall().catchRate()).isEqualTo(1.0);
        assertThat(r.overall().falsePositiveRate()).isEqualTo(0.0);
    }
}
