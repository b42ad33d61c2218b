package dev.warden.analysis.sql;

import static dev.warden.call.Severity.HIGH;
import static dev.warden.call.Severity.MEDIUM;

import dev.warden.analysis.Invocation;
import dev.warden.analysis.Pack;
import dev.warden.analysis.Report;
import dev.warden.analysis.Rule;
import dev.warden.call.Command;
import dev.warden.call.Finding;
import dev.warden.call.Severity;
import dev.warden.call.PathUse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Databases: SQL handed to database clients ({@code psql -c}, {@code mysql -e}, {@code sqlite3 db
 * "..."}, here-documents), MongoDB and Redis commands, and migration tools' destructive verbs
 * ({@code prisma migrate reset}, {@code rails db:drop}, {@code manage.py flush}).
 */
final class SqlPack implements Pack {

    static final Rule MONGO = new Rule("sql.mongo-destroy", HIGH,
            "drops a MongoDB database or collection, or deletes/updates every document", "mongosh --eval 'db.dropDatabase()'",
            "delete specific documents with a filter, after a human approves");
    static final Rule REDIS = new Rule("sql.redis-flush", HIGH,
            "wipes Redis data (FLUSHALL, FLUSHDB) or shuts the server down", "redis-cli FLUSHALL",
            "delete specific keys");
    static final Rule CACHE = new Rule("sql.cache-flush", HIGH,
            "empties a cache server (memcached flush_all), which every client of it then finds cold or loses",
            "memcflush --servers=localhost", "delete specific keys");
    static final Rule MIGRATION = new Rule("sql.migration-destroy", HIGH,
            "drops or resets a database through a migration tool, losing its data", "prisma migrate reset",
            "create a new migration; let a human reset databases");
    static final Rule ROLLBACK = new Rule("sql.migration-rollback", MEDIUM,
            "rolls back database migrations, which may drop tables or columns", "rails db:rollback",
            "write a forward migration instead");

    static final Rule EXTENSION = new Rule("sql.load-extension", MEDIUM,
            "loads a native extension into the database from outside the project: machine code that runs inside it, "
                    + "which Warden cannot read", "sqlite3 x.db \"select load_extension('/tmp/x.so')\"",
            "build the extension in the project, or use one installed by the system's package manager");

    static final List<Rule> RULES;

    static {
        List<Rule> r = new ArrayList<>(SqlScan.RULES);
        r.add(MONGO);
        r.add(REDIS);
        r.add(CACHE);
        r.add(MIGRATION);
        r.add(ROLLBACK);
        r.add(EXTENSION);
        RULES = List.copyOf(r);
    }

    private static final Set<String> PROGRAMS = Set.of("psql", "mysql", "mariadb", "sqlite3", "sqlite", "duckdb",
            "clickhouse-client", "clickhouse", "cqlsh", "snowsql", "bq", "cockroach", "sqlcmd", "usql", "pgcli",
            "mycli", "litecli", "trino", "presto", "beeline", "hive", "spark-sql", "mongosh", "mongo", "redis-cli",
            "valkey-cli", "keydb-cli", "flyway", "prisma", "rails", "rake", "bin/rails", "liquibase", "alembic",
            "sequelize", "sequelize-cli", "knex", "typeorm", "drizzle-kit", "mix", "php", "artisan", "dotnet", "goose",
            "migrate", "dbmate", "sqitch", "atlas", "diesel", "supabase", "python", "django-admin", "npx", "bunx",
            "pnpx", "bundle", "manage.py", "sqlx", "prisma-migrate", "db-migrate", "ecto", "gcloud", "dropdb", "dropuser",
            "mysqladmin", "python3", "flask", "mikro-orm", "mvn", "mvnw", "./mvnw", "gradle", "gradlew", "./gradlew",
            "hasura", "wrangler", "snow", "pg_restore", "mongo-shell", "cypher-shell", "pg_dumpall", "redli", "iredis",
            "surreal", "arangosh", "kubectl-cnpg", "kubectl", "aws", "memcflush", "nc", "ncat", "netcat", "telnet", "socat", "echo", "printf", "curl");

    /** Redis and memcached commands written as protocol text, one per line: FLUSHALL, FLUSHDB, SHUTDOWN, flush_all. */
    private static void cacheProtocol(String text, String evidence, Report out) {
        for (String line : text.replace("\\r", "\n").replace("\\n", "\n").split("[\r\n]+")) {
            String l = line.strip().toLowerCase(java.util.Locale.ROOT);
            if (l.equals("flushall") || l.startsWith("flushall ") || l.equals("flushdb") || l.startsWith("flushdb ")
                    || l.equals("shutdown") || l.startsWith("shutdown ")) {
                out.add(REDIS.finding("sends " + line.strip() + " to a Redis server", evidence));
                return;
            }
            if (l.equals("flush_all") || l.startsWith("flush_all ")) {
                out.add(CACHE.finding(evidence));
                return;
            }
        }
    }

    @Override
    public String name() {
        return "sql";
    }

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public Set<String> programs() {
        return PROGRAMS;
    }

    @Override
    public void inspect(Invocation c, Report out) {
        String prog = c.program();
        // launchers that run a package's binary: npx prisma ..., bundle exec rake ...
        if ((prog.equals("npx") || prog.equals("bunx") || prog.equals("pnpx")) && !c.args().isEmpty()) {
            int i = firstOperand(c);
            if (i >= 0) {
                Invocation inner = c.from(i);
                String n = inner.program();
                int at = n.lastIndexOf('@');
                if (at > 0) {
                    n = n.substring(0, at);
                }
                migration(inner, n.startsWith("@") ? n.substring(n.indexOf('/') + 1) : n, out);
            }
            return;
        }
        if (prog.equals("bundle") && c.arg(0).equals("exec") && c.args().size() > 1) {
            migration(c.from(1), Invocation.normalise(c.arg(1)), out);
            return;
        }
        switch (prog) {
            case "memcflush" -> out.add(CACHE.finding(c.text()));
            // printf 'FLUSHALL\r\n' | nc localhost 6379, echo flush_all | nc host 11211: the protocol as text
            case "nc", "ncat", "netcat", "telnet", "socat" -> cacheProtocol(c.stdin().orElse(""), c.text(), out);
            case "echo", "printf" -> {
                // printf 'FLUSHALL\r\n' > /dev/tcp/127.0.0.1/6379: bash opens the connection and writes the text
                for (dev.warden.call.Command.Redirect r : c.command().redirects()) {
                    if (r.target().startsWith("/dev/tcp/") || r.target().startsWith("/dev/udp/")) {
                        cacheProtocol(String.join(" ", c.args()), c.text(), out);
                        return;
                    }
                }
            }
            case "curl" -> {
                // curl gopher://127.0.0.1:6379/_FLUSHALL%0D%0A, curl dict://host:6379/FLUSHALL: the path is the protocol
                for (String a : c.args()) {
                    String l = a.toLowerCase(java.util.Locale.ROOT);
                    if (l.startsWith("gopher://") || l.startsWith("dict://")) {
                        int slash = a.indexOf('/', a.indexOf("://") + 3);
                        String path = slash < 0 ? "" : a.substring(slash + 1);
                        path = path.startsWith("_") ? path.substring(1) : path;
                        try {
                            cacheProtocol(java.net.URLDecoder.decode(path.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8)
                                    .replace(':', ' '), c.text(), out);
                        } catch (IllegalArgumentException e) {
                            cacheProtocol(path, c.text(), out);
                        }
                    }
                }
            }
            case "aws" -> {
                // aws athena start-query-execution --query-string SQL, aws redshift-data execute-statement --sql SQL
                for (String sql : values(c, "--query-string", "--sql", "--sqls", "--statement")) {
                    SqlScan.scan(sql, c.text(), out);
                }
            }
            case "psql", "pgcli", "cockroach", "usql" -> {
                for (String sql : values(c, "-c", "--command", "-e", "--execute")) {
                    SqlScan.scan(sql, c.text(), out);
                    copyFiles(sql, c, out);
                }
                c.stdin().ifPresent(sql -> copyFiles(sql, c, out));
                piped(c, out);
                files(c, "-f", "--file", out);
                heredoc(c, out);
            }
            case "mysql", "mariadb", "mycli" -> {
                for (String sql : values(c, "-e", "--execute")) {
                    SqlScan.scan(sql, c.text(), out);
                    copyFiles(sql, c, out);
                }
                c.stdin().ifPresent(sql -> copyFiles(sql, c, out));
                piped(c, out);
                heredoc(c, out);
            }
            case "sqlite3", "sqlite", "duckdb", "litecli" -> {
                Report db = embedded(c, out);
                List<String> ops = c.operands(Set.of("-cmd", "-separator", "-nullvalue", "-init", "-newline"));
                if (!ops.isEmpty()) {
                    boolean writes = false;
                    for (int i = 1; i < ops.size(); i++) {
                        fileFunctions(ops.get(i), c, db);
                        SqlScan.scan(ops.get(i), c.text(), db);
                        writes |= SqlScan.writes(ops.get(i));
                    }
                    for (Command.Redirect r : c.command().redirects()) {
                        writes |= r.op().startsWith("<<") && SqlScan.writes(r.target());
                    }
                    // the database file is written when the SQL changes it: Warden's own database is protected
                    PathUse.Access access = writes ? PathUse.Access.WRITE : PathUse.Access.READ;
                    c.path(ops.get(0)).ifPresent(p -> db.path(p.toString(), access, c.text()));
                }
                for (String sql : values(c, "-cmd", "-c")) {
                    fileFunctions(sql, c, db);
                    SqlScan.scan(sql, c.text(), db);
                }
                if (ops.size() <= 1) {
                    piped(c, db);
                    c.stdin().ifPresent(sql -> fileFunctions(sql, c, db));
                }
                for (Command.Redirect r : c.command().redirects()) {
                    if (r.op().startsWith("<<")) {
                        fileFunctions(r.target(), c, db);
                    }
                }
                heredoc(c, db);
            }
            case "clickhouse-client", "clickhouse", "snowsql", "trino", "presto", "beeline", "hive", "spark-sql" -> {
                for (String sql : values(c, "-q", "--query", "-e", "--execute", "--multiquery")) {
                    SqlScan.scan(sql, c.text(), out);
                }
                piped(c, out);
                heredoc(c, out);
            }
            case "cqlsh" -> {
                for (String sql : values(c, "-e", "--execute")) {
                    SqlScan.scan(sql, c.text(), out);
                    copyFiles(sql, c, out);
                }
                c.stdin().ifPresent(sql -> copyFiles(sql, c, out));
            }
            case "sqlcmd" -> {
                for (String sql : values(c, "-Q", "-q")) {
                    SqlScan.scan(sql, c.text(), out);
                }
            }
            case "bq" -> {
                List<String> ops = c.operands(Set.of("--project_id", "--location", "--format", "--dataset_id"));
                if (!ops.isEmpty() && ops.get(0).equals("query") && ops.size() > 1) {
                    SqlScan.scan(ops.get(ops.size() - 1), c.text(), out);
                } else if (!ops.isEmpty() && ops.get(0).equals("extract")) {
                    out.add(SqlScan.SERVER_IO.finding(MEDIUM, "exports a table to cloud storage (bq extract)", c.text()));
                } else if (!ops.isEmpty() && ops.get(0).equals("update") && c.option("--expiration", "--default_table_expiration")
                        .map(v -> v.matches("[0-9]{1,4}")).orElse(false)) {
                    out.add(SqlScan.DROP.finding("sets the table to expire within the hour: BigQuery deletes it", c.text()));
                } else if (!ops.isEmpty() && ops.get(0).equals("rm")) {
                    out.add(SqlScan.DROP.finding("removes a BigQuery " + (c.flag("-r") ? "dataset and its tables" : "table or dataset"),
                            c.text()));
                } else if (!ops.isEmpty() && (ops.get(0).equals("cp") || ops.get(0).equals("load"))
                        && c.flag("-f", "--force", "--replace")) {
                    // bq cp -f SRC DEST, bq load --replace: the destination table's rows are replaced
                    out.add(SqlScan.TRUNCATE.finding("replaces every row of the destination table (bq " + ops.get(0)
                            + " " + (c.flag("--replace") ? "--replace" : "-f") + ")", c.text()));
                }
            }
            case "wrangler" -> {
                List<String> ops = c.operands(Set.of("--command", "--file"));
                if (ops.size() > 1 && ops.get(0).equals("d1") && ops.get(1).equals("execute")) {
                    for (String sql : values(c, "--command")) {
                        SqlScan.scan(sql, c.text(), out);
                    }
                }
            }
            case "cypher-shell" -> {
                List<String> texts = new ArrayList<>(c.operands(Set.of("-a", "--address", "-u", "--username", "-p",
                        "--password", "-d", "--database", "--format", "-f", "--file", "-P", "--param")));
                c.stdin().ifPresent(texts::add);
                for (Command.Redirect r : c.command().redirects()) {
                    if (r.op().startsWith("<<")) {
                        texts.add(r.target());
                    }
                }
                for (String q : texts) {
                    cypher(q, c.text(), out);
                }
            }
            case "snow" -> {
                if (c.arg(0).equals("sql")) {
                    for (String sql : values(c, "-q", "--query")) {
                        SqlScan.scan(sql, c.text(), out);
                    }
                }
            }
            case "gcloud" -> {
                for (String sql : values(c, "--sql")) {
                    SqlScan.scan(sql, c.text(), out);
                }
            }
            case "mongosh", "mongo" -> {
                for (String js : values(c, "--eval")) {
                    mongo(js, c.text(), out);
                }
                c.stdin().ifPresent(js -> mongo(js, c.text(), out));
                for (Command.Redirect r : c.command().redirects()) {
                    if (r.op().startsWith("<<")) {
                        mongo(r.target(), c.text(), out);
                    }
                }
            }
            case "redis-cli", "valkey-cli", "keydb-cli", "redli", "iredis" -> redis(c, out);
            case "pg_dumpall" -> {
                // every role with its password hash comes first in the dump, unless told otherwise
                if (!c.flag("--no-role-passwords", "--help", "-?", "-V", "--version", "--tablespaces-only", "-t")) {
                    out.add(SqlScan.CREDENTIALS.finding("dumps every role with its password hash (pg_dumpall"
                            + (c.flag("--roles-only", "-r") ? " --roles-only" : c.flag("--globals-only", "-g")
                                    ? " --globals-only" : "") + "); add --no-role-passwords", c.text()));
                    out.signal(Report.Signal.SECRET_SOURCE);
                }
            }
            case "surreal" -> {
                // SurrealQL: REMOVE NAMESPACE / DATABASE / TABLE drops them with their records
                if (c.arg(0).equals("sql")) {
                    List<String> texts = new ArrayList<>(values(c, "-e", "--execute"));
                    c.stdin().ifPresent(texts::add);
                    for (Command.Redirect r : c.command().redirects()) {
                        if (r.op().startsWith("<<")) {
                            texts.add(r.target()); // surreal sql ... <<< 'REMOVE DATABASE app'
                        }
                    }
                    for (String q : texts) {
                        String u = q.toUpperCase(Locale.ROOT);
                        if (u.contains("REMOVE NAMESPACE") || u.contains("REMOVE DATABASE") || u.contains("REMOVE TABLE")
                                || u.contains("REMOVE NS ") || u.contains("REMOVE DB ")) {
                            out.add(SqlScan.DROP.finding("removes a SurrealDB namespace, database or table: " + q, c.text()));
                        } else {
                            SqlScan.scan(q, c.text(), out);
                        }
                    }
                }
            }
            case "arangosh" -> {
                // JavaScript run against the server: db._dropDatabase(), db.coll.drop(), .truncate()
                List<String> texts = new ArrayList<>(values(c, "--javascript.execute-string"));
                c.stdin().ifPresent(texts::add);
                for (String js : texts) {
                    String l = js.replace(" ", "");
                    if (l.contains("_dropDatabase(") || l.contains(".drop(") || l.contains("._drop(")
                            || l.contains(".truncate(") || l.contains("._truncate(")) {
                        out.add(SqlScan.DROP.finding("drops or empties an ArangoDB database or collection: " + js, c.text()));
                    }
                }
            }
            case "kubectl", "kubectl-cnpg" -> {
                // kubectl cnpg psql CLUSTER -- -c 'SQL': psql's own arguments follow the --
                List<String> args = c.args();
                int dash = args.indexOf("--");
                boolean cnpg = prog.equals("kubectl-cnpg") ? c.arg(0).equals("psql")
                        : c.arg(0).equals("cnpg") && c.arg(1).equals("psql");
                if (cnpg && dash >= 0) {
                    Invocation psql = c.from(dash); // "--" as the program, psql's options as its arguments
                    for (String sql : values(psql, "-c", "--command")) {
                        SqlScan.scan(sql, c.text(), out);
                    }
                }
            }
            case "dropdb", "dropuser" -> {
                // PostgreSQL's wrappers for DROP DATABASE and DROP ROLE
                if (c.flag("--help", "-?", "-V", "--version")) {
                    return;
                }
                List<String> ops = c.operands(Set.of("-h", "--host", "-p", "--port", "-U", "--username",
                        "--maintenance-db"));
                String name = ops.isEmpty() ? "" : " " + ops.get(ops.size() - 1);
                out.add(prog.equals("dropdb") ? SqlScan.DROP.finding("drops the database" + name + " (dropdb)", c.text())
                        : SqlScan.PRIVILEGES.finding("drops the database user" + name + " (dropuser)", c.text()));
            }
            case "mysqladmin" -> {
                List<String> ops = c.operands(Set.of("-h", "--host", "-P", "--port", "-u", "--user", "-S", "--socket"));
                int drop = ops.indexOf("drop");
                if (drop >= 0) {
                    out.add(SqlScan.DROP.finding("drops the database"
                            + (drop + 1 < ops.size() ? " " + ops.get(drop + 1) : "") + " (mysqladmin drop)", c.text()));
                } else if (ops.contains("shutdown")) {
                    out.add(SqlScan.SCHEMA.finding(MEDIUM, "shuts the MySQL server down", c.text()));
                }
            }
            default -> migration(c, prog, out);
        }
    }

    private static int firstOperand(Invocation c) {
        List<String> a = c.args();
        for (int i = 0; i < a.size(); i++) {
            String s = a.get(i);
            if (s.equals("-p") || s.equals("--package")) {
                i++;
                continue;
            }
            if (!s.startsWith("-")) {
                return i;
            }
        }
        return -1;
    }

    /** Every value of the given options ({@code -c SQL}, {@code -cSQL}, {@code --command=SQL}). */
    private static List<String> values(Invocation c, String... names) {
        List<String> out = new ArrayList<>(1);
        List<String> args = c.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            for (String n : names) {
                if (a.equals(n) && i + 1 < args.size()) {
                    out.add(args.get(i + 1));
                } else if (n.startsWith("--") && a.startsWith(n + "=")) {
                    out.add(a.substring(n.length() + 1));
                } else if (n.length() == 2 && a.startsWith(n) && a.length() > 2 && !a.startsWith("--")) {
                    out.add(a.substring(2));
                }
            }
        }
        return out;
    }

    private static void files(Invocation c, String shortName, String longName, Report out) {
        for (String f : values(c, shortName, longName)) {
            c.path(f).ifPresent(p -> out.path(p.toString(), PathUse.Access.READ, c.text()));
        }
    }

    /** SQL echoed into the client: {@code echo "DROP TABLE x" | psql}. */
    /**
     * An embedded database (DuckDB, SQLite) has no server: {@code COPY t TO 'out.parquet'} is this
     * process writing a file, judged by where it goes (inside the project it is ordinary work,
     * {@code TO '~/.bashrc'} is persistence) rather than as server-side file access.
     */
    private static Report embedded(Invocation c, Report out) {
        return Report.mapping(out, f -> {
            if (!f.id().equals(SqlScan.SERVER_IO.id()) || !f.message().startsWith("writes a file on the database server")) {
                return f;
            }
            // the targets, from the whole command (the message is abbreviated); any target Warden
            // cannot place keeps the finding
            String m = f.evidence();
            String u = m.toUpperCase(Locale.ROOT);
            List<java.nio.file.Path> targets = new ArrayList<>(1);
            for (int to = u.indexOf(" TO '"); to >= 0 && u.lastIndexOf("COPY", to) >= 0; to = u.indexOf(" TO '", to + 5)) {
                int end = m.indexOf('\'', to + 5);
                java.util.Optional<java.nio.file.Path> p = end > to + 5 ? c.path(m.substring(to + 5, end))
                        : java.util.Optional.empty();
                if (p.isEmpty()) {
                    return f;
                }
                targets.add(p.get());
            }
            if (targets.isEmpty()) {
                return f;
            }
            for (java.nio.file.Path p : targets) {
                out.path(p.toString(), PathUse.Access.WRITE, c.text());
            }
            return null;
        });
    }

    /**
     * Files the client (or a server on this machine) reads or writes for a statement:
     * {@code \copy t FROM 'f'} and cqlsh's {@code COPY t FROM 'f'} read f here and send it to the
     * server, wherever that is; {@code TO 'f'} writes it; MySQL's {@code LOAD DATA LOCAL INFILE 'f'}
     * reads it. Recorded as path uses, so a key sent into a table is judged like {@code cat}.
     * A hand-written scan: the SQL is untrusted text.
     */
    static void copyFiles(String sql, Invocation c, Report out) {
        String u = (sql.length() > 65536 ? sql.substring(0, 65536) : sql).toUpperCase(java.util.Locale.ROOT);
        for (int at = u.indexOf("COPY"); at >= 0; at = u.indexOf("COPY", at + 4)) {
            if (at > 0 && Character.isLetterOrDigit(u.charAt(at - 1))) {
                continue;
            }
            int end = at + 4;
            while (end < u.length() && u.charAt(end) != ';' && u.charAt(end) != '\n') {
                end++;
            }
            String stmt = u.substring(at, end);
            int from = stmt.indexOf(" FROM ");
            int to = stmt.indexOf(" TO ");
            int dir = from >= 0 && (to < 0 || from < to) ? from + 6 : to >= 0 ? to + 4 : -1;
            if (dir < 0) {
                continue;
            }
            String file = quoted(sql, at + dir);
            if (file != null) {
                PathUse.Access access = from >= 0 && (to < 0 || from < to) ? PathUse.Access.READ : PathUse.Access.WRITE;
                c.path(file).ifPresent(p -> out.path(p.toString(), access, c.text()));
            }
        }
        for (int at = u.indexOf("INFILE"); at >= 0; at = u.indexOf("INFILE", at + 6)) {
            String file = quoted(sql, at + 6);
            if (file != null) {
                c.path(file).ifPresent(p -> out.path(p.toString(), PathUse.Access.READ, c.text()));
            }
        }
    }

    /** The single- or double-quoted literal starting after blanks at {@code i}, or null. */
    private static @org.jspecify.annotations.Nullable String quoted(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        if (i >= s.length() || s.charAt(i) != '\'' && s.charAt(i) != '"') {
            return null;
        }
        int close = s.indexOf(s.charAt(i), i + 1);
        return close < 0 ? null : s.substring(i + 1, close);
    }

    private static void piped(Invocation c, Report out) {
        c.stdin().ifPresent(sql -> SqlScan.scan(sql, c.text(), out));
    }

    private static final java.util.regex.Pattern FILE_FUNCTION = java.util.regex.Pattern.compile(
            "(?i)\\b(readfile|writefile|read_text|read_blob)\\s*\\(\\s*'([^']+)'");

    /**
     * SQLite's {@code readfile('/path')} and {@code writefile('/path', x)} (DuckDB's
     * {@code read_text}, {@code read_blob}) read and write files: recorded as path uses, so
     * reading a key through SQL is judged like {@code cat}.
     */
    private static void fileFunctions(String sql, Invocation c, Report out) {
        for (String line : sql.split("\n", 256)) {
            // sqlite's .output FILE, .once FILE, .save FILE, .backup FILE write FILE
            String l = line.strip();
            if (l.startsWith(".load ")) {
                extension(unquoted(l.substring(6).strip().split("\\s+")[0]), c, out);
            }
            for (String dot : new String[] {".output ", ".once ", ".save ", ".backup ", ".excel", ".log "}) {
                if (l.startsWith(dot) && l.length() > dot.length()) {
                    String f = l.substring(dot.length()).strip();
                    f = f.startsWith("main ") ? f.substring(5).strip() : f;
                    if (f.length() > 1 && (f.startsWith("'") && f.endsWith("'") || f.startsWith("\"") && f.endsWith("\""))) {
                        f = f.substring(1, f.length() - 1);
                    }
                    if (!f.isEmpty() && !f.equals("stdout") && !f.startsWith("-") && !f.startsWith("|")) {
                        c.path(f).ifPresent(p -> out.path(p.toString(), PathUse.Access.WRITE, c.text()));
                    }
                }
            }
        }
        if (sql.indexOf('(') < 0) {
            return;
        }
        String lower = (sql.length() > 65536 ? sql.substring(0, 65536) : sql).toLowerCase(Locale.ROOT);
        for (int at = lower.indexOf("load_extension"); at >= 0; at = lower.indexOf("load_extension", at + 1)) {
            // select load_extension('/tmp/x.so'): native code loaded into the process
            int open = sql.indexOf('(', at);
            int q = open < 0 ? -1 : open + 1;
            while (q > 0 && q < sql.length() && sql.charAt(q) == ' ') {
                q++;
            }
            if (q > 0 && q < sql.length() && (sql.charAt(q) == '\'' || sql.charAt(q) == '"')) {
                int close = sql.indexOf(sql.charAt(q), q + 1);
                extension(close < 0 ? "" : sql.substring(q + 1, close), c, out);
            } else {
                extension("", c, out);
            }
        }
        java.util.regex.Matcher m = FILE_FUNCTION.matcher(sql.length() > 65536 ? sql.substring(0, 65536) : sql);
        while (m.find()) {
            PathUse.Access access = m.group(1).equalsIgnoreCase("writefile") ? PathUse.Access.WRITE : PathUse.Access.READ;
            c.path(m.group(2)).ifPresent(p -> out.path(p.toString(), access, c.text()));
        }
    }

    /** An extension loaded from the project or a system library directory is the project's own; anywhere else asks. */
    private static void extension(String file, Invocation c, Report out) {
        java.util.Optional<java.nio.file.Path> p = file.isEmpty() || Invocation.dynamic(file) ? java.util.Optional.empty() : c.path(file);
        boolean local = file.indexOf('/') < 0 && !file.isEmpty() && !Invocation.dynamic(file); // a name the library path finds
        if (local || p.isPresent() && (c.place(p.get()) == dev.warden.analysis.Place.PROJECT
                || c.place(p.get()) == dev.warden.analysis.Place.SYSTEM && !p.get().startsWith("/var"))) {
            return;
        }
        out.add(EXTENSION.finding(file.isEmpty() ? "loads a native extension whose path Warden cannot read"
                : "loads the native extension '" + file + "' from outside the project", c.text()));
    }

    private static String unquoted(String s) {
        return s.length() > 1 && (s.startsWith("'") && s.endsWith("'") || s.startsWith("\"") && s.endsWith("\""))
                ? s.substring(1, s.length() - 1) : s;
    }

    private static void heredoc(Invocation c, Report out) {
        for (Command.Redirect r : c.command().redirects()) {
            if (r.op().startsWith("<<")) {
                SqlScan.scan(r.target(), c.text(), out);
            } else if (r.op().equals("<")) {
                c.path(r.target()).ifPresent(p -> out.path(p.toString(), PathUse.Access.READ, c.text()));
            }
        }
    }

    // ---- MongoDB, Redis --------------------------------------------------------------------

    /** Cypher (Neo4j): deleting what a MATCH without WHERE finds is every node; DROP removes a database or schema. */
    private static void cypher(String q, String evidence, Report out) {
        String u = q.toUpperCase(Locale.ROOT);
        if (u.contains("DROP DATABASE") || u.contains("DROP CONSTRAINT") || u.contains("DROP INDEX")) {
            out.add(SqlScan.DROP.finding("drops a Neo4j database, constraint or index", evidence));
        } else if (u.contains("DELETE") && u.contains("MATCH") && !u.contains("WHERE") && !u.contains("{")) {
            out.add(SqlScan.DELETE_ALL.finding("deletes every node the MATCH finds (no WHERE)", evidence));
        } else if (u.contains("DELETE") || u.contains("REMOVE ") || u.contains(" SET ")) {
            out.add(SqlScan.WRITE.finding("changes nodes or relationships", evidence));
        }
    }

    /**
     * ORM code run from a framework's shell ({@code rails runner 'User.delete_all'},
     * {@code manage.py shell -c '...objects.all().delete()'}, {@code artisan tinker --execute}):
     * bulk deletes and drops by their method names, and any SQL string in it.
     */
    static void ormCode(String code, String evidence, Report out) {
        String s = code.replace(" ", "").toLowerCase(Locale.ROOT);
        if (s.contains(".delete_all") || s.contains(".destroy_all") || s.contains(".all().delete()")
                || s.contains("->truncate()") || s.contains(".truncate()") || s.contains("::truncate(")
                || s.contains("->delete()") && !s.contains("where") || s.contains(".deletemany({})")
                || s.contains(".destroy({where:{}") || s.contains(".destroy({truncate:true")) {
            out.add(SqlScan.DELETE_ALL.finding("deletes every row of a table through the ORM", evidence));
            return;
        }
        if (s.contains("drop_table") || s.contains("dropdatabase") || s.contains("schema::drop")
                || s.contains("drop_database")) {
            out.add(SqlScan.DROP.finding("drops a table or database through the ORM", evidence));
            return;
        }
        for (String lit : SqlScan.literals(code)) {
            SqlScan.scan(lit, evidence, out);
        }
    }

    /** {@code .deleteMany({field: {$exists: true}})} and nothing else in the filter (spaces removed, lower case). */
    private static boolean existsOnly(String s, String call) {
        int at = s.indexOf(call);
        if (at < 0) {
            return false;
        }
        int colon = s.indexOf(":{$exists:true}})", at);
        return colon > at && s.substring(at + call.length(), colon).chars().allMatch(ch -> Character.isLetterOrDigit(ch)
                || ch == '_' || ch == '.' || ch == '"' || ch == '\'');
    }

    static void mongo(String js, String evidence, Report out) {
        String s = js.replace(" ", "").toLowerCase(Locale.ROOT);
        if (s.contains(".dropdatabase(") || s.contains(".drop()") || s.contains("dropcollection(")
                || s.contains("dropdatabase:") || s.contains("{drop:")
                || s.contains(".dropuser(") || s.contains(".dropallusers(") || s.contains(".dropindexes(")) {
            out.add(MONGO.finding(evidence));
        } else if (s.contains(".deletemany({})") || s.contains(".deletemany()") || s.contains(".remove({})")
                || s.contains(".updatemany({},") || s.contains(".deletemany({},") || s.contains("deletemany:{filter:{}")
                || s.contains("{delete:") && s.contains("q:{}")) {
            out.add(MONGO.finding("deletes or updates every document of a collection", evidence));
        } else if (existsOnly(s, ".deletemany({") || existsOnly(s, ".remove({")) {
            // deleteMany({_id: {$exists: true}}): every document has an _id
            out.add(MONGO.finding("deletes every document of a collection (a filter every document meets)", evidence));
        } else if (s.contains(".deletemany(") || s.contains(".remove(") || s.contains(".updatemany(")
                || s.contains(".findoneanddelete(") || s.contains(".deleteone(")) {
            out.add(SqlScan.WRITE.finding("deletes or updates documents", evidence));
        } else if (s.contains("shutdownserver") || s.contains(".fsynclock(")) {
            out.add(REDIS.finding(MEDIUM, "runs a server administration command", evidence));
        }
        if (s.contains("createuser(") || s.contains("grantrolestouser(") || s.contains("updateuser(")) {
            boolean admin = s.contains("\"root\"") || s.contains("'root'") || s.contains("useradminanydatabase")
                    || s.contains("dbadminanydatabase") || s.contains("readwriteanydatabase") || s.contains("__system")
                    || s.contains("clusteradmin") || s.contains("role:\"root") || s.contains("dbowner");
            out.add(SqlScan.PRIVILEGES.finding(admin ? HIGH : MEDIUM, admin
                    ? "creates or changes a database user with administrator roles" : "creates or changes a database user",
                    evidence));
        }
        if (s.contains("showcredentials:true") || s.contains("system.users") && s.contains("find(")) {
            out.add(SqlScan.CREDENTIALS.finding("reads the server's users with their credentials", evidence));
            out.signal(Report.Signal.SECRET_SOURCE);
        }
    }

    private static void redis(Invocation c, Report out) {
        List<String> ops = c.operands(Set.of("-h", "-p", "-a", "-n", "-u", "--user", "--pass", "-s", "-r", "-i",
                "--pattern", "--count", "--eval", "-d", "--tls", "--cacert"));
        List<String> words = new ArrayList<>(ops);
        c.stdin().ifPresent(t -> words.addAll(List.of(t.strip().split("\\s+"))));
        for (Command.Redirect r : c.command().redirects()) {
            if (r.op().startsWith("<<")) {
                for (String line : r.target().split("\n")) {
                    words.addAll(List.of(line.strip().split("\\s+")));
                }
            }
        }
        for (String v : values(c, "--eval")) {
            words.add(v);
        }
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i).toUpperCase(Locale.ROOT);
            if (w.contains("REDIS.CALL") || w.contains("REDIS.PCALL")) {
                // EVAL "redis.call('flushall')" 0: the Lua script's commands
                String script = w.replace(" ", "");
                if (script.contains("('FLUSHALL'") || script.contains("(\"FLUSHALL\"") || script.contains("('FLUSHDB'")
                        || script.contains("(\"FLUSHDB\"")) {
                    out.add(REDIS.finding("empties the database from a Lua script", c.text()));
                    return;
                }
            }
            switch (w) {
                case "FUNCTION" -> {
                    String next = i + 1 < words.size() ? words.get(i + 1).toUpperCase(Locale.ROOT) : "";
                    if (next.equals("FLUSH") || next.equals("DELETE") || next.equals("RESTORE")) {
                        out.add(REDIS.finding(next.equals("FLUSH") ? HIGH : MEDIUM,
                                "removes the server's stored functions (FUNCTION " + next + ")", c.text()));
                        return;
                    }
                }
                case "FLUSHALL", "FLUSHDB" -> {
                    out.add(REDIS.finding("wipes Redis data (" + w + ")", c.text()));
                    return;
                }
                case "SHUTDOWN", "DEBUG" -> {
                    out.add(REDIS.finding(w.equals("DEBUG") ? MEDIUM : HIGH, "runs " + w + " on the Redis server", c.text()));
                    return;
                }
                case "CONFIG", "SLAVEOF", "REPLICAOF", "MODULE", "ACL", "SCRIPT" -> {
                    String next = i + 1 < words.size() ? words.get(i + 1).toUpperCase(Locale.ROOT) : "";
                    String key = i + 2 < words.size() ? words.get(i + 2).toLowerCase(Locale.ROOT) : "";
                    if (w.equals("CONFIG") && next.equals("GET") && (key.contains("pass") || key.contains("auth")
                            || key.equals("*"))) {
                        out.add(SqlScan.CREDENTIALS.finding("reads the Redis server's password (CONFIG GET " + key + ")",
                                c.text()));
                        out.signal(Report.Signal.SECRET_SOURCE);
                        return;
                    }
                    if (w.equals("ACL") && (next.equals("LIST") || next.equals("GETUSER"))) {
                        out.add(SqlScan.CREDENTIALS.finding(MEDIUM, "reads the Redis users with their password hashes",
                                c.text()));
                        return;
                    }
                    if (!next.equals("GET") && !next.equals("LIST") && !next.equals("WHOAMI") && !next.equals("EXISTS")) {
                        out.add(REDIS.finding(MEDIUM, "changes Redis server configuration (" + w + ")", c.text()));
                        return;
                    }
                }
                case "XTRIM", "LTRIM" -> {
                    // XTRIM s MAXLEN 0, LTRIM l 1 0: every entry of the stream or list removed
                    boolean empties = w.equals("XTRIM") ? words.subList(i, words.size()).stream()
                            .anyMatch(x -> x.equals("0")) : i + 3 < words.size() && words.get(i + 2).equals("1")
                            && words.get(i + 3).equals("0");
                    if (empties) {
                        out.add(REDIS.finding(MEDIUM, "empties a Redis " + (w.equals("XTRIM") ? "stream" : "list")
                                + " (" + w + " to zero)", c.text()));
                        return;
                    }
                }
                case "DEL", "UNLINK" -> {
                    boolean fed = i + 1 < words.size();
                    for (int k = i + 1; k < words.size(); k++) {
                        fed &= words.get(k).equals("{}"); // xargs' placeholder for the keys it reads
                    }
                    if (fed) {
                        // redis-cli --scan | xargs redis-cli del: the keys are whatever the pipeline lists
                        out.add(REDIS.finding("deletes every Redis key the pipeline feeds it (" + w
                                + " with keys from standard input)", c.text()));
                        return;
                    }
                    boolean glob = false;
                    for (int k = i + 1; k < words.size(); k++) {
                        if (words.get(k).indexOf('*') >= 0) {
                            glob = true;
                        }
                    }
                    out.add(glob ? REDIS.finding(MEDIUM, "deletes Redis keys by pattern", c.text())
                            : SqlScan.WRITE.finding("deletes Redis keys", c.text()));
                    return;
                }
                default -> { }
            }
        }
    }

    // ---- migration tools -------------------------------------------------------------------

    /** Variables that name the framework's environment, and the values that mean a test database. */
    private static final Set<String> ENV_VARIABLES = Set.of("RAILS_ENV", "RACK_ENV", "MIX_ENV", "APP_ENV", "NODE_ENV");

    /**
     * True when the command names the test environment ({@code RAILS_ENV=test}, {@code --env test},
     * {@code MIX_ENV=test}) and does not point the database elsewhere with a URL: its database is
     * the one the test suite rebuilds on every run.
     */
    static boolean testEnvironment(Invocation c) {
        if (c.env().containsKey("DATABASE_URL") || c.text().contains("DATABASE_URL")) {
            return false;
        }
        for (String v : ENV_VARIABLES) {
            if (isTest(c.env().get(v))) {
                return true;
            }
        }
        List<String> a = c.args();
        for (int i = 0; i < a.size(); i++) {
            String t = a.get(i);
            int eq = t.indexOf('=');
            if (eq > 0 && (ENV_VARIABLES.contains(t.substring(0, eq)) || t.startsWith("--env=")
                    || t.startsWith("--environment=")) && isTest(t.substring(eq + 1))) {
                return true; // rake db:reset RAILS_ENV=test, knex --env=test
            }
            if ((t.equals("-e") || t.equals("--env") || t.equals("--environment")) && i + 1 < a.size()
                    && isTest(a.get(i + 1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTest(@Nullable String env) {
        return env != null && (env.equals("test") || env.equals("testing"));
    }

    private static void migration(Invocation c, String prog, Report out) {
        if (!testEnvironment(c)) {
            migrationTools(c, prog, out);
            return;
        }
        // the test database: recorded, and low
        migrationTools(c, prog, Report.mapping(out, f -> f.id().equals(MIGRATION.id()) || f.id().equals(ROLLBACK.id())
                ? new Finding(f.id(), Severity.LOW, f.message() + " (the test environment's database)", f.evidence(), f.hint())
                : f));
    }

    private static void migrationTools(Invocation c, String prog, Report out) {
        List<String> ops = c.operands(Set.of("--schema", "-e", "--env", "--environment", "-c", "--config", "--url",
                "--database-url", "-d", "--dir", "--app", "--project"));
        String line = String.join(" ", ops).toLowerCase(Locale.ROOT);
        String sub = ops.isEmpty() ? "" : ops.get(0).toLowerCase(Locale.ROOT);
        String text = c.text();
        switch (prog) {
            case "flyway" -> {
                if (ops.contains("clean")) {
                    out.add(MIGRATION.finding("flyway clean drops every object in the schema", text));
                } else if (ops.contains("undo") || ops.contains("repair")) {
                    out.add(ROLLBACK.finding(text));
                }
            }
            case "prisma" -> {
                if (line.startsWith("migrate reset") || line.startsWith("db push") && (c.flag("--force-reset", "--accept-data-loss"))) {
                    out.add(MIGRATION.finding(text));
                } else if (line.startsWith("db execute")) {
                    out.add(SqlScan.SCHEMA.finding(MEDIUM, "runs a SQL script against the database", text));
                } else if (line.startsWith("migrate deploy") || line.startsWith("db push")) {
                    out.add(SqlScan.SCHEMA.finding(MEDIUM, "applies schema changes to the database", text));
                }
            }
            case "rails", "rake", "bin/rails" -> {
                if (sub.equals("runner") || sub.equals("r")) {
                    ormCode(ops.size() > 1 ? ops.get(1) : "", text, out);
                    return;
                }
                if (sub.equals("dbconsole") || sub.equals("db")) {
                    piped(c, out);
                    heredoc(c, out);
                    return;
                }
                if (ops.contains("db:migrate") && (c.env().getOrDefault("VERSION", "").equals("0") || ops.contains("VERSION=0"))) {
                    out.add(MIGRATION.finding("db:migrate VERSION=0 undoes every migration", text));
                    return;
                }
                for (String o : ops) {
                    String t = o.toLowerCase(Locale.ROOT);
                    if (t.equals("db:drop") || t.startsWith("db:drop:") || t.equals("db:reset") || t.equals("db:purge")
                            || t.equals("db:schema:load") || t.equals("db:structure:load") || t.equals("db:migrate:reset")
                            || t.equals("db:truncate_all") || t.equals("db:seed:replant")) {
                        out.add(MIGRATION.finding("runs " + o + ", which deletes the database's data", text));
                        return;
                    }
                    if (t.equals("db:rollback") || t.equals("db:migrate:down") || t.equals("db:migrate:redo")) {
                        out.add(ROLLBACK.finding(text));
                        return;
                    }
                }
            }
            case "liquibase" -> {
                if (line.contains("dropall") || line.contains("drop-all")) {
                    out.add(MIGRATION.finding("liquibase dropAll drops every object in the schema", text));
                } else if (line.startsWith("rollback")) {
                    out.add(ROLLBACK.finding(text));
                }
            }
            case "flask" -> {
                if (line.startsWith("db downgrade")) {
                    out.add(ops.contains("base") ? MIGRATION.finding("flask db downgrade base undoes every migration", text)
                            : ROLLBACK.finding(text));
                }
            }
            case "mikro-orm" -> {
                if (sub.equals("schema:drop") || sub.equals("schema:fresh") || sub.equals("migration:fresh")) {
                    out.add(MIGRATION.finding(text));
                } else if (sub.equals("migration:down")) {
                    out.add(ROLLBACK.finding(text));
                }
            }
            case "mvn", "mvnw", "./mvnw", "gradle", "gradlew", "./gradlew" -> {
                for (String o : c.args()) {
                    if (o.equals("flyway:clean") || o.equals("flywayClean") || o.equals("liquibase:dropAll")
                            || o.equals("dropAll")) {
                        out.add(MIGRATION.finding("runs " + o + ", which drops every object in the schema", text));
                        return;
                    }
                }
            }
            case "hasura" -> {
                if (line.startsWith("migrate apply") && c.flag("--down") && (ops.contains("all") || line.contains("--down all"))
                        || c.args().contains("all") && c.args().contains("--down")) {
                    out.add(MIGRATION.finding("hasura migrate apply --down all undoes every migration", text));
                } else if (line.startsWith("migrate apply") && c.flag("--down")) {
                    out.add(ROLLBACK.finding(text));
                }
            }
            case "pg_restore" -> {
                if (c.flag("-c", "--clean")) {
                    out.add(MIGRATION.finding("pg_restore --clean drops the database's objects before restoring", text));
                }
            }
            case "alembic" -> {
                if (sub.equals("downgrade")) {
                    out.add(ops.contains("base") ? MIGRATION.finding("alembic downgrade base undoes every migration", text)
                            : ROLLBACK.finding(text));
                }
            }
            case "python", "django-admin", "manage.py" -> {
                int m = prog.equals("python") ? ops.indexOf("manage.py") : -1;
                for (int i = 0; i < ops.size(); i++) {
                    if (ops.get(i).endsWith("manage.py")) {
                        m = i;
                    }
                }
                if (prog.equals("python") && m < 0) {
                    return;
                }
                List<String> rest = ops.subList(m + 1, ops.size());
                String cmd = rest.isEmpty() ? "" : rest.get(0);
                if (cmd.equals("dbshell")) {
                    piped(c, out);
                    heredoc(c, out);
                    return;
                }
                if (cmd.equals("shell") || cmd.equals("shell_plus")) {
                    for (String code : values(c, "-c", "--command")) {
                        ormCode(code, text, out);
                    }
                    return;
                }
                switch (cmd) {
                    case "flush", "reset_db", "sqlflush", "reset_schema", "drop_test_database" ->
                            out.add(MIGRATION.finding("runs manage.py " + cmd + ", which deletes the database's data", text));
                    case "migrate" -> {
                        if (c.flag("--plan", "--check")) {
                            return; // prints the plan or checks for unapplied migrations; the database is untouched
                        }
                        if (rest.contains("zero")) {
                            out.add(MIGRATION.finding("unapplies every migration of an app (migrate ... zero)", text));
                        } else if (rest.size() >= 3) {
                            out.add(ROLLBACK.finding(text));
                        }
                    }
                    default -> { }
                }
            }
            case "sequelize", "sequelize-cli" -> {
                if (sub.equals("db:drop") || sub.equals("db:migrate:undo:all") || sub.equals("db:seed:undo:all")) {
                    out.add(MIGRATION.finding(text));
                } else if (sub.startsWith("db:migrate:undo")) {
                    out.add(ROLLBACK.finding(text));
                }
            }
            case "knex" -> {
                if (sub.startsWith("migrate:rollback") || sub.equals("migrate:down")) {
                    out.add(c.flag("--all") ? MIGRATION.finding("rolls back every migration", text) : ROLLBACK.finding(text));
                }
            }
            case "typeorm" -> {
                if (sub.equals("query") && ops.size() > 1) {
                    SqlScan.scan(ops.get(1), text, out);
                } else if (sub.equals("schema:drop")) {
                    out.add(MIGRATION.finding(text));
                } else if (sub.equals("migration:revert")) {
                    out.add(ROLLBACK.finding(text));
                } else if (sub.equals("schema:sync")) {
                    out.add(SqlScan.SCHEMA.finding(MEDIUM, "synchronises the schema, which may drop columns", text));
                }
            }
            case "drizzle-kit" -> {
                if (sub.equals("drop")) {
                    out.add(MIGRATION.finding(text));
                } else if (sub.equals("push")) {
                    out.add(SqlScan.SCHEMA.finding(MEDIUM, "pushes schema changes directly to the database", text));
                }
            }
            case "mix" -> {
                if (sub.equals("ecto.drop") || sub.equals("ecto.reset")) {
                    out.add(MIGRATION.finding(text));
                } else if (sub.equals("ecto.rollback")) {
                    out.add(ROLLBACK.finding(text));
                }
            }
            case "php", "artisan" -> {
                int console = ops.indexOf("bin/console");
                if (prog.equals("php") && console >= 0 && console + 1 < ops.size()) {
                    // Symfony: doctrine:schema:drop, doctrine:database:drop, doctrine:fixtures:load (purges first)
                    String cmd = ops.get(console + 1);
                    if (cmd.equals("doctrine:schema:drop") || cmd.equals("doctrine:database:drop")
                            || cmd.equals("d:s:d") || cmd.equals("d:d:d")) {
                        out.add(MIGRATION.finding("runs " + cmd + ", which drops the database's tables", text));
                    } else if (cmd.equals("doctrine:fixtures:load") && !c.flag("--append")) {
                        out.add(MIGRATION.finding(MEDIUM, "runs doctrine:fixtures:load, which purges the database first",
                                text));
                    } else if (cmd.equals("doctrine:migrations:migrate") && ops.size() > console + 2
                            && (ops.get(console + 2).equals("prev") || ops.get(console + 2).equals("first"))) {
                        out.add(ROLLBACK.finding(text));
                    }
                    return;
                }
                int a = prog.equals("artisan") ? -1 : ops.indexOf("artisan");
                if (prog.equals("php") && a < 0) {
                    return;
                }
                String cmd = a + 1 < ops.size() ? ops.get(a + 1) : "";
                if (cmd.equals("tinker")) {
                    for (String a2 : c.args()) {
                        if (a2.startsWith("--execute=")) {
                            ormCode(a2.substring(10), text, out);
                        }
                    }
                    for (String code : values(c, "--execute")) {
                        ormCode(code, text, out);
                    }
                    return;
                }
                switch (cmd) {
                    case "migrate:fresh", "migrate:reset", "migrate:refresh", "db:wipe" -> out.add(MIGRATION.finding(text));
                    case "migrate:rollback" -> out.add(ROLLBACK.finding(text));
                    default -> { }
                }
            }
            case "dotnet" -> {
                if (line.startsWith("ef database drop")) {
                    out.add(MIGRATION.finding(text));
                } else if (line.startsWith("ef database update") && c.operands(Set.of("-p", "--project", "-s",
                        "--startup-project", "--connection", "-c", "--context", "--configuration", "-f", "--framework",
                        "-r", "--runtime", "--msbuildprojectextensionspath", "--environment", "-e")).size() > 3) {
                    // a named migration (update NAME, update 0): the database moves back to it
                    out.add(ROLLBACK.finding(text));
                }
            }
            case "goose", "migrate", "dbmate", "sqitch", "sqlx", "db-migrate" -> {
                for (String o : ops) {
                    String t = o.toLowerCase(Locale.ROOT);
                    if (t.equals("drop") || t.equals("reset") || t.equals("down-to") && ops.contains("0")) {
                        out.add(MIGRATION.finding(text));
                        return;
                    }
                    if (t.equals("down") || t.equals("rollback") || t.equals("revert")) {
                        out.add(ROLLBACK.finding(text));
                        return;
                    }
                }
            }
            case "atlas" -> {
                if (line.startsWith("schema clean")) {
                    out.add(MIGRATION.finding(text));
                } else if (line.startsWith("schema apply") && c.flag("--auto-approve")) {
                    out.add(SqlScan.SCHEMA.finding(HIGH, "applies schema changes without review", text));
                }
            }
            case "diesel" -> {
                if (line.startsWith("database reset") || line.startsWith("database drop")) {
                    out.add(MIGRATION.finding(text));
                } else if (line.startsWith("migration revert") || line.startsWith("migration redo")) {
                    out.add(ROLLBACK.finding(text));
                }
            }
            case "supabase" -> {
                if (line.startsWith("db reset")) {
                    out.add(MIGRATION.finding(text));
                } else if (line.startsWith("db push")) {
                    out.add(SqlScan.SCHEMA.finding(MEDIUM, "pushes migrations to the remote database", text));
                }
            }
            default -> { }
        }
    }
}
