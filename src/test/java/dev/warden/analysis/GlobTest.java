package dev.warden.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Glob matching and the names a pattern can reach, including patterns written to be slow. */
class GlobTest {

    @Test
    void starsQuestionMarksAndClassesMatchAsBashDoes() {
        assertThat(Glob.matches(".g?t", ".git")).isTrue();
        assertThat(Glob.matches(".gi[t]", ".git")).isTrue();
        assertThat(Glob.matches("[!.]*", ".git")).isFalse();
        assertThat(Glob.matches("*.log", "app.log")).isTrue();
        assertThat(Glob.matches("*.log", "app.log.gz")).isFalse();
        assertThat(Glob.matches("a*b*c", "aXXbYYc")).isTrue();
        assertThat(Glob.matches("a*b*c", "aXXbYY")).isFalse();
    }

    @Test
    void aPatternBuiltToBacktrackAnswersAtOnce() {
        String name = "a".repeat(5000);
        String pattern = "*a".repeat(2000) + "*b";
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThat(Glob.matches(pattern, name)).isFalse());
        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThat(Glob.candidates("/home/user/." + "*a".repeat(30) + "*b")).isEmpty());
    }

    @Test
    void candidatesAreTheNamesThatMatterAPatternReaches() {
        assertThat(Glob.candidates("/p/.g?t")).containsExactly("/p/.git");
        assertThat(Glob.candidates("/home/u/.bash?c")).containsExactly("/home/u/.bashrc");
        assertThat(Glob.candidates("/p/*.env")).isEmpty(); // Bash's * does not match a leading dot
        assertThat(Glob.candidates("/p/?git", true)).containsExactly("/p/.git"); // unless dotglob is set
        assertThat(Glob.candidates("/p/*")).isEmpty(); // every entry: judged as such elsewhere
        assertThat(Glob.candidates("**/.git")).containsExactly("./.git"); // globstar: ** may be no directory
    }
}
