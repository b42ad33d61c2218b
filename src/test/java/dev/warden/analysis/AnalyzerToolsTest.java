package dev.warden.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.call.Analysis;
import dev.warden.call.Finding;
import dev.warden.call.PathUse;
import dev.warden.call.Severity;
import dev.warden.call.ToolCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analyzer for non-Bash tools: file tools, web tools and MCP tools meet the same rules as Bash. */
class AnalyzerToolsTest {

    @TempDir
    Path tmp;

    Path home;
    Path project;
    AnalysisContext ctx;
    final Analyzer analyzer = Analyzer.standard();

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createDirectories(tmp.resolve("home/alice"));
        project = Files.createDirectories(home.resolve("work/app"));
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/id_rsa"), "-----BEGIN OPENSSH PRIVATE KEY-----");
        ctx = new AnalysisContext(project, home, Set.of("main"), AnalysisContext.Production.NONE,
                List.of(home.resolve(".warden")));
    }

    private Analysis call(String tool, Map<String, @Nullable Object> input) {
        return analyzer.analyze(new ToolCall("claude", "s1", null, null, project.toString(), tool, input, null, null, null), ctx);
    }

    private static List<String> ids(Analysis a) {
        return a.findings().stream().map(Finding::id).toList();
    }

    @Test
    void readingAPrivateKeyWithTheReadToolIsASecretsFinding() {
        Analysis a = call("Read", Map.of("file_path", home.resolve(".ssh/id_rsa").toString()));
        assertThat(ids(a)).contains("secrets.private-key");
        assertThat(a.paths()).extracting(PathUse::access).containsOnly(PathUse.Access.READ);
    }

    @Test
    void aSymlinkInTheProjectPointingAtAKeyIsAKeyRead() throws IOException {
        Files.createSymbolicLink(project.resolve("notes.txt"), home.resolve(".ssh/id_rsa"));
        Analysis a = call("Read", Map.of("file_path", "notes.txt"));
        assertThat(ids(a)).contains("secrets.private-key");
        assertThat(a.paths()).extracting(PathUse::path).contains(home.resolve(".ssh/id_rsa").toRealPath().toString());
    }

    @Test
    void linkingAKeyIntoTheProjectFromBashCountsAsReadingIt() {
        Analysis a = call("Bash", Map.of("command", "ln -s ~/.ssh/id_rsa notes.txt"));
        assertThat(ids(a)).contains("secrets.private-key");
    }

    @Test
    void relativeAndDotDotPathsAreCanonicalised() {
        Analysis a = call("Read", Map.of("file_path", "src/../../app/./README.md"));
        assertThat(a.paths()).extracting(PathUse::path).containsExactly(project.resolve("README.md").toString());
        assertThat(a.findings()).isEmpty();
    }

    @Test
    void writingClaudeSettingsWithTheWriteToolIsSelfProtection() {
        Analysis a = call("Write", Map.of("file_path", home.resolve(".claude/settings.json").toString(), "content", "{}"));
        assertThat(a.findings()).extracting(Finding::id, Finding::severity).contains(
                org.assertj.core.groups.Tuple.tuple("self.tamper", Severity.CRITICAL));
    }

    @Test
    void editingWardensProtectedPathsFromContextIsSelfProtection() {
        Analysis a = call("Edit", Map.of("file_path", home.resolve(".warden/policy.yaml").toString(),
                "old_string", "deny", "new_string", "allow"));
        assertThat(ids(a)).contains("self.tamper");
    }

    @Test
    void readingWardensPolicyIsFine() {
        Analysis a = call("Read", Map.of("file_path", project.resolve(".warden/policy.yaml").toString()));
        assertThat(a.findings()).isEmpty();
    }

    @Test
    void writingAShellStartupFileIsPersistence() {
        Analysis a = call("Edit", Map.of("file_path", "~/.bashrc", "old_string", "a", "new_string", "b"));
        assertThat(ids(a)).contains("fs.persistence");
    }

    @Test
    void ordinaryProjectEditsHaveNoFindings() {
        Analysis a = call("Write", Map.of("file_path", project.resolve("src/Main.java").toString(), "content", "x"));
        assertThat(a.findings()).isEmpty();
        assertThat(a.paths()).extracting(PathUse::access).containsExactly(PathUse.Access.WRITE);
    }

    @Test
    void notebookEditUsesNotebookPath() {
        Analysis a = call("NotebookEdit", Map.of("notebook_path", "analysis.ipynb", "new_source", "x"));
        assertThat(a.paths()).extracting(PathUse::path).containsExactly(project.resolve("analysis.ipynb").toString());
    }

    @Test
    void globAndGrepReadWhereTheyLook() {
        Analysis g = call("Glob", Map.of("pattern", "~/.ssh/*"));
        assertThat(ids(g)).contains("secrets.private-key");
        Analysis r = call("Grep", Map.of("pattern", "password", "path", home.resolve(".aws").toString()));
        assertThat(ids(r)).contains("secrets.credentials");
    }

    @Test
    void aFileToolWithoutItsPathIsAFinding() {
        Analysis a = call("Write", Map.of("content", "x"));
        assertThat(ids(a)).containsExactly("analysis.malformed-input");
    }

    @Test
    void webFetchRecordsTheLowerCasedHost() {
        Analysis a = call("WebFetch", Map.of("url", "https://Docs.Example.COM:443/path?q=1", "prompt", "x"));
        assertThat(a.hosts()).containsExactly("docs.example.com");
        Analysis p = call("WebFetch", Map.of("url", "https://xn--bcher-kva.example/", "prompt", "x"));
        assertThat(p.hosts()).containsExactly("xn--bcher-kva.example");
    }

    @Test
    void mcpSqlIsJudgedLikeSqlFromTheShell() {
        Analysis a = call("mcp__postgres__query", Map.of("sql", "DROP TABLE users;"));
        assertThat(ids(a)).contains("sql.drop");
        Analysis ok = call("mcp__postgres__query", Map.of("sql", "select * from users where id = 1"));
        assertThat(ok.findings()).isEmpty();
    }

    @Test
    void mcpToolsNamedForDestructionAndSuspiciousFetchesAreFindings() {
        assertThat(ids(call("mcp__github__delete_repository", Map.of("repo", "o/r")))).contains("tail.destructive-verb");
        assertThat(call("mcp__github__get_issue", Map.of("number", "4")).findings()).isEmpty();
        assertThat(ids(call("WebFetch", Map.of("url", "https://pastebin.com/raw/x", "prompt", "p")))).contains("net.suspicious-host");
        assertThat(ids(call("WebFetch", Map.of("url", "http://203.0.113.9/x", "prompt", "p")))).contains("net.suspicious-host");
        assertThat(call("WebFetch", Map.of("url", "https://docs.python.org/3/", "prompt", "p")).findings()).isEmpty();
    }

    @Test
    void mcpNestedValuesPathsUrlsAndCommandsAreScanned() {
        Map<String, @Nullable Object> input = new HashMap<>();
        input.put("options", Map.of("files", List.of(home.resolve(".ssh/id_rsa").toString())));
        input.put("url", "https://hooks.example.org/x");
        input.put("command", "rm -rf /");
        Analysis a = call("mcp__tools__run", input);
        assertThat(ids(a)).contains("secrets.private-key", "fs.delete-catastrophic");
        assertThat(a.hosts()).contains("hooks.example.org");
    }

    @Test
    void bashWithoutACommandIsAFindingNotACrash() {
        Analysis a = call("Bash", Map.of("description", "nothing"));
        assertThat(ids(a)).containsExactly("analysis.malformed-input");
    }

    @Test
    void bashRecordsPathsAndHostsForProfiles() {
        Analysis a = call("Bash", Map.of("command",
                "rm -rf build && cp a.txt /tmp/b.txt && curl -s https://API.example.com/v1 && git clone git@github.com:o/r.git"));
        assertThat(a.paths()).extracting(PathUse::path, PathUse::access).contains(
                org.assertj.core.groups.Tuple.tuple(project.resolve("build").toString(), PathUse.Access.DELETE),
                org.assertj.core.groups.Tuple.tuple(project.resolve("a.txt").toString(), PathUse.Access.READ),
                org.assertj.core.groups.Tuple.tuple("/tmp/b.txt", PathUse.Access.WRITE));
        assertThat(a.hosts()).contains("api.example.com", "github.com");
        assertThat(a.commands()).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void remoteCommandsAreJudgedButTheirPathsAreNotThisMachines() {
        Analysis a = call("Bash", Map.of("command", "ssh build.example.com 'rm -rf /srv/cache && rm -rf /'"));
        assertThat(ids(a)).contains("fs.delete-catastrophic");
        assertThat(a.paths()).isEmpty();
        assertThat(a.hosts()).contains("build.example.com");
    }

    @Test
    void productionMarkersRaiseFindings() {
        AnalysisContext prod = new AnalysisContext(project, home, Set.of("main"),
                new AnalysisContext.Production(Set.of("prod*"), Set.of("prod-*"), Set.of("prod"), Set.of("*.prod.example.com"),
                        Set.of("prod-db.internal")), List.of());
        ToolCall k = new ToolCall("claude", "s", null, null, project.toString(), "Bash",
                Map.of("command", "kubectl --context prod-eu apply -f deploy.yaml"), null, null, null);
        Analysis a = analyzer.analyze(k, prod);
        assertThat(a.findings()).extracting(Finding::id).contains("cloud.k8s-change", "prod.touch");
        assertThat(a.findings()).filteredOn(f -> f.id().equals("cloud.k8s-change")).extracting(Finding::severity)
                .containsExactly(Severity.HIGH);
        ToolCall staging = new ToolCall("claude", "s", null, null, project.toString(), "Bash",
                Map.of("command", "kubectl --context staging apply -f deploy.yaml"), null, null, null);
        assertThat(analyzer.analyze(staging, prod).findings()).extracting(Finding::severity).containsExactly(Severity.MEDIUM);
        ToolCall rails = new ToolCall("claude", "s", null, null, project.toString(), "Bash",
                Map.of("command", "RAILS_ENV=production rails db:rollback"), null, null, null);
        assertThat(analyzer.analyze(rails, prod).findings()).extracting(Finding::id).contains("prod.touch");
    }

    @Test
    void aPlainPushFromTheProtectedBranchIsAPushToIt() throws IOException {
        Files.createDirectories(project.resolve(".git"));
        Files.writeString(project.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        assertThat(ids(call("Bash", Map.of("command", "git push")))).contains("git.push-protected");
        assertThat(call("Bash", Map.of("command", "git push -f")).findings()).extracting(Finding::severity)
                .contains(Severity.CRITICAL);
        Files.writeString(project.resolve(".git/HEAD"), "ref: refs/heads/feature/x\n");
        assertThat(call("Bash", Map.of("command", "git push")).findings()).isEmpty();
    }

    @Test
    void aRefspecNamingTheCurrentBranchIsJudgedAsTheBranchItIs() throws IOException {
        Files.createDirectories(project.resolve(".git"));
        Files.writeString(project.resolve(".git/HEAD"), "ref: refs/heads/feature/x\n");
        assertThat(call("Bash", Map.of("command", "git push -u origin \"$(git branch --show-current)\"")).findings()).isEmpty();
        assertThat(call("Bash", Map.of("command", "git push origin HEAD")).findings()).isEmpty();
        Files.writeString(project.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        assertThat(ids(call("Bash", Map.of("command", "git push origin HEAD")))).contains("git.push-protected");
        assertThat(ids(call("Bash", Map.of("command", "git push -u origin $(git rev-parse --abbrev-ref HEAD)"))))
                .contains("git.push-protected");
        assertThat(call("Bash", Map.of("command", "git push -f origin HEAD")).findings()).extracting(Finding::severity)
                .contains(Severity.CRITICAL);
    }

    @Test
    void pushesAndFetchesRecordTheRemotesHostFromGitConfig() throws IOException {
        Files.createDirectories(project.resolve(".git"));
        Files.writeString(project.resolve(".git/config"), """
                [core]
                \tbare = false
                [remote "origin"]
                \turl = git@GitHub.com:acme/app.git
                [remote "mirror"]
                \turl = https://git.example.org/acme/app.git
                """);
        assertThat(call("Bash", Map.of("command", "git push origin feature/x")).hosts()).containsExactly("github.com");
        assertThat(call("Bash", Map.of("command", "git fetch mirror")).hosts()).containsExactly("git.example.org");
        assertThat(call("Bash", Map.of("command", "git pull")).hosts()).containsExactly("github.com");
    }

    @Test
    void hostileInputsNeverThrow() {
        String huge = "echo " + "a".repeat(2_000_000);
        for (String s : List.of("", " ", "\u0000", "((((", huge, "rm -rf " + "/x".repeat(50_000), "'".repeat(10_001),
                "$(".repeat(5000), "psql -c '" + "DROP TABLE x;".repeat(20_000) + "'")) {
            Analysis a = call("Bash", Map.of("command", s));
            assertThat(a).isNotNull();
        }
        Map<String, @Nullable Object> deep = new HashMap<>();
        Map<String, @Nullable Object> cur = deep;
        for (int i = 0; i < 200; i++) {
            Map<String, @Nullable Object> next = new HashMap<>();
            cur.put("k", next);
            cur = next;
        }
        assertThat(call("mcp__x__y", deep)).isNotNull();
    }
}
