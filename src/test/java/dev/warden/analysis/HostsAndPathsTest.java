package dev.warden.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Host extraction, path canonicalisation, places, and the quoting reader. */
class HostsAndPathsTest {

    private static final Path HOME = Path.of("/home/user");
    private static final Path CWD = Path.of("/home/user/project");
    private static final AnalysisContext CTX = new AnalysisContext(CWD, HOME, Set.of("main"),
            AnalysisContext.Production.NONE, List.of());

    @Test
    void hostsFromUrlsScpTargetsAndBareNames() {
        assertThat(Hosts.hostOf("https://User:pw@API.Example.com:8443/x?y")).isEqualTo("api.example.com");
        assertThat(Hosts.hostOf("git@github.com:owner/repo.git")).isEqualTo("github.com");
        assertThat(Hosts.hostOf("deploy@10.0.0.5:/srv")).isEqualTo("10.0.0.5");
        assertThat(Hosts.hostOf("example.com/path")).isEqualTo("example.com");
        assertThat(Hosts.hostOf("http://[::1]:8080/")).isEqualTo("::1");
        assertThat(Hosts.hostOf("README.md")).isNull();
        assertThat(Hosts.hostOf("src/main.go")).isNull();
        assertThat(Hosts.hostOf("-o")).isNull();
        assertThat(Hosts.hostOf("")).isNull();
    }

    @Test
    void localHostsAreRecognised() {
        assertThat(Hosts.local("localhost")).isTrue();
        assertThat(Hosts.local("127.0.0.1")).isTrue();
        assertThat(Hosts.local("api.localhost")).isTrue();
        assertThat(Hosts.local("example.com")).isFalse();
    }

    @Test
    void wordsResolveAgainstCwdAndHome() {
        assertThat(PathResolver.resolve("~/.ssh/id_rsa", CWD, HOME)).contains(Path.of("/home/user/.ssh/id_rsa"));
        assertThat(PathResolver.resolve("$HOME/x", CWD, HOME)).contains(Path.of("/home/user/x"));
        assertThat(PathResolver.resolve("${HOME}", CWD, HOME)).contains(HOME);
        assertThat(PathResolver.resolve("../../..", CWD, HOME)).contains(Path.of("/"));
        assertThat(PathResolver.resolve("./a/../b", CWD, HOME)).contains(Path.of("/home/user/project/b"));
        assertThat(PathResolver.resolve("~bob/x", CWD, HOME)).contains(Path.of("/home/bob/x"));
        assertThat(PathResolver.resolve("~+", CWD, HOME)).contains(CWD);
        assertThat(PathResolver.resolve("$TMPDIR/x", CWD, HOME)).contains(Path.of("/tmp/x"));
        assertThat(PathResolver.resolve("${TMPDIR:-/tmp}/x", CWD, HOME)).contains(Path.of("/tmp/x"));
        assertThat(PathResolver.resolve("$(pwd)/build", CWD, HOME)).contains(CWD.resolve("build"));
        assertThat(PathResolver.resolve("${HOME#/}", CWD, HOME)).isEmpty();
    }

    @Test
    void aTemporaryDirectoryVariableIsReadAsTmpOnlyWhenItsUnsetReadingIsHarmlessToo() {
        assertThat(PathResolver.resolve("${TMPDIR-/tmp}/x", CWD, HOME)).contains(Path.of("/tmp/x"));
        assertThat(PathResolver.resolve("${TMPDIR:?}/*", CWD, HOME)).contains(Path.of("/tmp/*"));
        assertThat(PathResolver.resolve("$TMPDIR", CWD, HOME)).contains(Path.of("/tmp"));
        assertThat(PathResolver.resolve("$TMPDIR/*", CWD, HOME)).as("unset, it is /*").isEmpty();
        assertThat(PathResolver.resolve("$TMPDIR/", CWD, HOME)).as("unset, it is /").isEmpty();
        assertThat(PathResolver.resolve("${TMP}/etc", CWD, HOME)).as("unset, it is /etc").isEmpty();
        assertThat(PathResolver.resolve("${TMPDIR:-$HOME}/x", CWD, HOME)).isEmpty();
        assertThat(PathResolver.resolve("${TMPDIR:+x}", CWD, HOME)).isEmpty();
        assertThat(PathResolver.unsetTempReading("\"$TMPDIR\"/*".replace("\"", ""))).isEqualTo("/*");
        assertThat(PathResolver.unsetTempReading("${TEMP}/usr")).isEqualTo("/usr");
        assertThat(PathResolver.unsetTempReading("$TMPDIR/build")).isNull();
        assertThat(PathResolver.unsetTempReading("$TMPDIR_X/*")).isNull();
        assertThat(PathResolver.unsetTempReading("/tmp/x")).isNull();
        assertThat(PathResolver.resolve("$TARGET", CWD, HOME)).isEmpty();
        assertThat(PathResolver.resolve("x$(echo y)", CWD, HOME)).isEmpty();
        assertThat(PathResolver.resolve("~-", CWD, HOME)).isEmpty();
        assertThat(PathResolver.resolve("", CWD, HOME)).isEmpty();
    }

    @Test
    void placesFollowTheDamageADeleteThereDoes() {
        assertThat(Place.of(Path.of("/"), CTX)).isEqualTo(Place.ROOT);
        assertThat(Place.of(HOME, CTX)).isEqualTo(Place.HOME);
        assertThat(Place.of(Path.of("/home"), CTX)).isEqualTo(Place.HOME_ANCESTOR);
        assertThat(Place.of(CWD, CTX)).isEqualTo(Place.PROJECT_ROOT);
        assertThat(Place.of(CWD.resolve(".git/config"), CTX)).isEqualTo(Place.PROJECT_GIT);
        assertThat(Place.of(CWD.resolve("build"), CTX)).isEqualTo(Place.PROJECT);
        assertThat(Place.of(Path.of("/tmp"), CTX)).isEqualTo(Place.TEMP_ROOT);
        assertThat(Place.of(Path.of("/tmp/x"), CTX)).isEqualTo(Place.TEMP);
        assertThat(Place.of(Path.of("/dev/sda"), CTX)).isEqualTo(Place.DEVICE);
        assertThat(Place.of(Path.of("/dev/null"), CTX)).isEqualTo(Place.DEVICE_HARMLESS);
        assertThat(Place.of(Path.of("/etc/hosts"), CTX)).isEqualTo(Place.SYSTEM);
        assertThat(Place.of(HOME.resolve("Documents"), CTX)).isEqualTo(Place.HOME_INSIDE);
        assertThat(Place.of(Path.of("/srv2/data"), CTX)).isEqualTo(Place.OUTSIDE);
    }

    @Test
    void programNamesAreNormalised() {
        assertThat(Invocation.normalise("/usr/bin/python3.11")).isEqualTo("python");
        assertThat(Invocation.normalise("mkfs.ext4")).isEqualTo("mkfs");
        assertThat(Invocation.normalise("\\rm")).isEqualTo("rm");
        assertThat(Invocation.normalise("pip3")).isEqualTo("pip");
        assertThat(Invocation.normalise("sha256sum")).isEqualTo("sha256sum");
    }

    @Test
    void unquotedExpansionsAreSeenThroughQuotes() {
        assertThat(ShellText.unquotedExpansion("git commit -m $(echo hi)")).isTrue();
        assertThat(ShellText.unquotedExpansion("git commit -m $MSG")).isTrue();
        assertThat(ShellText.unquotedExpansion("git commit -m \"$@\"")).isTrue();
        assertThat(ShellText.unquotedExpansion("git commit -m \"$(echo hi)\"")).isFalse();
        assertThat(ShellText.unquotedExpansion("git commit -m \"$*\"")).isFalse();
        assertThat(ShellText.unquotedExpansion("git commit -m '$(not expanded)'")).isFalse();
        assertThat(ShellText.unquotedExpansion("git commit -m \"$(cat <<'EOF'\nFix the user's login (part 1\nEOF\n)\"")).isFalse();
        assertThat(ShellText.unquotedExpansion("git push origin main")).isFalse();
    }
}
