package dev.warden.analysis.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.analysis.Report;
import dev.warden.call.Finding;
import dev.warden.call.PathUse;
import dev.warden.call.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SQL text is judged by statement: destruction, whole-table writes, schema and privilege changes. */
class SqlScanTest {

    private static List<Finding> scan(String sql) {
        List<Finding> found = new ArrayList<>();
        SqlScan.scan(sql, "evidence", new Report() {
            @Override public void add(Finding f) { found.add(f); }
            @Override public void path(String p, PathUse.Access a, String o) { }
            @Override public void host(String h) { }
            @Override public void downloaded(String p) { }
            @Override public void signal(Signal s) { }
        });
        return found;
    }

    private static List<String> ids(String sql) {
        return scan(sql).stream().map(Finding::id).toList();
    }

    @Test
    void dropAndTruncateAreHigh() {
        assertThat(scan("DROP TABLE users")).extracting(Finding::id, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sql.drop", Severity.HIGH));
        assertThat(ids("truncate table orders;")).containsExactly("sql.truncate");
        assertThat(ids("DROP DATABASE prod")).containsExactly("sql.drop");
    }

    @Test
    void deleteAndUpdateWithoutWhereTouchEveryRow() {
        assertThat(ids("DELETE FROM users")).containsExactly("sql.delete-all");
        assertThat(ids("update accounts set balance = 0")).containsExactly("sql.delete-all");
        assertThat(ids("DELETE FROM users WHERE id = 5")).containsExactly("sql.write");
        assertThat(ids("UPDATE t SET a = 1 WHERE b = 2")).containsExactly("sql.write");
    }

    @Test
    void aWhereInsideACommentOrStringDoesNotCount() {
        assertThat(ids("DELETE FROM users -- WHERE id = 5")).containsExactly("sql.delete-all");
        assertThat(ids("UPDATE t SET note = 'where is it'")).containsExactly("sql.delete-all");
    }

    @Test
    void schemaAndPrivilegeChanges() {
        assertThat(scan("ALTER TABLE users ADD COLUMN age int")).extracting(Finding::severity).containsExactly(Severity.MEDIUM);
        assertThat(scan("ALTER TABLE users DROP COLUMN email")).extracting(Finding::severity).containsExactly(Severity.HIGH);
        assertThat(ids("GRANT ALL ON db.* TO 'app'@'%'")).containsExactly("sql.privileges");
        assertThat(ids("REVOKE SELECT ON t FROM bob")).containsExactly("sql.privileges");
        assertThat(ids("CREATE USER eve")).containsExactly("sql.privileges");
    }

    @Test
    void readsAndInsertsAreNotFindings() {
        assertThat(scan("SELECT * FROM users; INSERT INTO log VALUES (1); CREATE TABLE t (id int)")).isEmpty();
    }

    @Test
    void everyStatementOfAScriptIsJudged() {
        assertThat(ids("BEGIN; SELECT 1; DROP TABLE a; DELETE FROM b; COMMIT;")).containsExactly("sql.drop", "sql.delete-all");
    }

    @Test
    void semicolonsInsideStringsDoNotSplit() {
        assertThat(ids("INSERT INTO t VALUES ('a; DROP TABLE x')")).isEmpty();
    }

    @Test
    void garbageNeverThrows() {
        assertThat(scan("")).isEmpty();
        assertThat(scan(";;;")).isEmpty();
        assertThat(ids("DELETE FROM ((((")).containsExactly("sql.delete-all");
        assertThat(scan("x".repeat(100_000))).isEmpty();
        assertThat(ids("DROP TABLE x;".repeat(10_000))).hasSize(10_000);
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void thousandsOfStatementsDoNotHangBecauseFullParsesAreCapped() {
        assertThat(ids("DELETE FROM x WHERE id = 1;".repeat(5_000))).hasSize(5_000).containsOnly("sql.write");
    }

    @Test
    void looksLikeSqlRecognisesStatementStarts() {
        assertThat(SqlScan.looksLikeSql("  select 1")).isTrue();
        assertThat(SqlScan.looksLikeSql("(SELECT 1)")).isTrue();
        assertThat(SqlScan.looksLikeSql("dropbox settings")).isFalse();
        assertThat(SqlScan.looksLikeSql("hello")).isFalse();
    }
}
