package dev.warden.cli;

import dev.warden.audit.AuditTrail;
import dev.warden.call.WardenException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden audit export --format ocsf|otel [--output FILE] [--endpoint URL]}. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export as OCSF API Activity events (JSON Lines) or OpenTelemetry GenAI execute_tool spans (OTLP/JSON).")
public final class AuditExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AuditCli.Home home;

    @Mixin
    AuditQueryCommand.Filters filters;

    @Option(names = "--format", required = true, paramLabel = "ocsf|otel", description = "Export format.")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE (default: standard output).")
    @Nullable Path output;

    @Option(names = "--endpoint", paramLabel = "URL", description = "POST the OTLP/JSON document to this OTLP/HTTP traces URL (otel only).")
    @Nullable URI endpoint;

    @Override
    public Integer call() throws IOException, InterruptedException {
        AuditTrail.ExportFormat f;
        try {
            f = AuditTrail.ExportFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("warden: --format must be ocsf or otel");
            return ExitCodes.USAGE;
        }
        if (endpoint != null && f != AuditTrail.ExportFormat.OTEL) {
            spec.commandLine().getErr().println("warden: --endpoint is for --format otel");
            return ExitCodes.USAGE;
        }
        try (AuditTrail t = AuditTrail.open(home.resolve())) {
            long n;
            if (endpoint != null) {
                // Stream to a temporary file, then send it: constant memory however large the log.
                Path tmp = Files.createTempFile("warden-otlp", ".json");
                try {
                    try (OutputStream o = Files.newOutputStream(tmp)) {
                        n = t.export(f, filters.query(false), o);
                    }
                    post(tmp);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } else if (output != null) {
                try (OutputStream o = Files.newOutputStream(output)) {
                    n = t.export(f, filters.query(false), o);
                }
            } else {
                OutputStream o = new PrintWriterStream(spec.commandLine().getOut());
                n = t.export(f, filters.query(false), o);
            }
            spec.commandLine().getErr().println("exported " + n + (f == AuditTrail.ExportFormat.OTEL ? " spans" : " events")
                    + (endpoint != null ? " to " + endpoint : output != null ? " to " + output : ""));
            return ExitCodes.OK;
        }
    }

    private void post(Path body) throws IOException, InterruptedException {
        HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest req = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofFile(body)).build();
        HttpResponse<String> resp;
        try {
            resp = c.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "cannot reach " + endpoint + ": " + e.getMessage(), e);
        }
        if (resp.statusCode() / 100 != 2) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, endpoint + " answered " + resp.statusCode() + ": "
                    + AuditCli.cut(resp.body(), 200));
        }
    }

    /** Bytes to the command's writer (UTF-8 text only is ever written). */
    private static final class PrintWriterStream extends OutputStream {
        private final java.io.PrintWriter w;
        private final java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();

        PrintWriterStream(java.io.PrintWriter w) {
            this.w = w;
        }

        @Override
        public void write(int b) {
            buf.write(b);
            if (b == '\n') {
                flush();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            buf.write(b, off, len);
            if (buf.size() > 8192) {
                flush();
            }
        }

        @Override
        public void flush() {
            w.print(buf.toString(java.nio.charset.StandardCharsets.UTF_8));
            buf.reset();
            w.flush();
        }
    }
}
