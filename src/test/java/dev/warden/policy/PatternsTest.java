package dev.warden.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.call.Command;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Path globs, command patterns and domains, in Claude Code's permission-rule syntax. */
class PatternsTest {

    private static final String P = "/home/dev/project";
    private static final String H = "/home/dev";

    private static boolean path(String pattern, String path) {
        return PathPattern.compile(pattern).matches(path, P, H);
    }

    @Test
    void slashIsProjectRelativeDoubleSlashIsAbsoluteTildeIsHome() {
        assertThat(path("/src/**", P + "/src/a/B.java")).isTrue();
        assertThat(path("/src/**", "/src/a/B.java")).isFalse();
        assertThat(path("//etc/**", "/etc/passwd")).isTrue();
        assertThat(path("~/.ssh/**", H + "/.ssh/id_rsa")).isTrue();
        assertThat(path("./docs/*.md", P + "/docs/a.md")).isTrue();
        assertThat(path("./docs/*.md", P + "/docs/sub/a.md")).isFalse();
        assertThat(path("docs/**", P + "/docs/sub/a.md")).isTrue();
    }

    @Test
    void aBareNameMatchesAnywhereLikeGitignore() {
        assertThat(path(".env", P + "/.env")).isTrue();
        assertThat(path(".env", P + "/services/api/.env")).isTrue();
        assertThat(path(".env", P + "/.env.example")).isFalse();
        assertThat(path("*.pem", "/tmp/server.pem")).isTrue();
        assertThat(path(".git", P + "/.git/config")).isTrue();
    }

    @Test
    void aPlainDirectoryCoversWhatIsInside() {
        assertThat(path("~/.ssh", H + "/.ssh/id_ed25519")).isTrue();
        assertThat(path("~/.ssh", H + "/.sshx/id")).isFalse();
        assertThat(path("/build", P + "/build/out.o")).isTrue();
        assertThat(path("/build", P + "/buildx")).isFalse();
    }

    @Test
    void doubleStarMatchesAnyDepthIncludingNone() {
        assertThat(path("/**/secrets/*", P + "/secrets/a")).isTrue();
        assertThat(path("/**/secrets/*", P + "/a/b/secrets/a")).isTrue();
        assertThat(path("**", "/anything/at/all")).isTrue();
    }

    @Test
    void commandPrefixesRespectWordBoundaries() {
        CommandPattern p = CommandPattern.compile("git push:*");
        assertThat(p.matches("git push")).isTrue();
        assertThat(p.matches("git push --force origin main")).isTrue();
        assertThat(p.matches("git pushx")).isFalse();
        assertThat(p.matches("git pull")).isFalse();
        assertThat(CommandPattern.compile("ls *").matches("ls -la")).isTrue();
        assertThat(CommandPattern.compile("ls *").matches("lsof")).isFalse();
        assertThat(CommandPattern.compile("git status").matches("git status --short")).isFalse();
        assertThat(CommandPattern.compile("git * main").matches("git push origin main")).isTrue();
    }

    @Test
    void commandPatternsSeeTheProgramsBaseName() {
        assertThat(CommandPattern.compile("git push:*").matches(Command.of("/usr/bin/git", "push", "-f"))).isTrue();
    }

    @Test
    void domainsAreExactUnlessWildcarded() {
        assertThat(DomainPattern.compile("github.com").matches("GitHub.com")).isTrue();
        assertThat(DomainPattern.compile("github.com").matches("api.github.com")).isFalse();
        assertThat(DomainPattern.compile("*.github.com").matches("api.github.com")).isTrue();
        assertThat(DomainPattern.compile("*.github.com").matches("github.com")).isFalse();
        assertThat(DomainPattern.compile("*.github.com").matches("evilgithub.com")).isFalse();
        assertThat(DomainPattern.compile("domain:example.com").matches("example.com:443")).isTrue();
        assertThat(DomainPattern.compile("example.com").matches("example.com.")).isTrue();
    }

    @Property(tries = 300)
    void globMatchingTerminatesAndAgreesWithRegex(@ForAll @StringLength(max = 12) String subject,
            @ForAll("globs") String glob) {
        String regex = glob.replace(".", "\\.").replace("?", ".").replace("*", ".*");
        // DOTALL: a glob's * and ? match any character, line terminators (\n, \u2028) included
        assertThat(Glob.matches(glob, subject))
                .isEqualTo(java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.DOTALL).matcher(subject).matches());
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> globs() {
        return net.jqwik.api.Arbitraries.strings().withChars('a', 'b', '*', '?', '.').ofMaxLength(8);
    }

    @Property(tries = 200)
    void hostileSubjectsAreMatchedQuickly(@ForAll @StringLength(min = 1000, max = 5000) String subject) {
        long t = System.nanoTime();
        Glob.matches("*a*a*a*a*a*a*a*a*b", subject);
        PathPattern.compile("/**/a/**/b/**/c").matches("/" + subject.replace('\u0000', 'x'), P, H);
        assertThat(System.nanoTime() - t).isLessThan(500_000_000L);
    }
}
