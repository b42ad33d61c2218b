package dev.warden.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * A minimal HTTP/1.1 client over a plain (or TLS) socket: one request per connection, a
 * Content-Length or chunked response, bounded sizes and timeouts. Chosen over the JDK's
 * HttpClient for the hook path because it loads a handful of classes instead of a selector
 * thread pool and its machinery (process start is part of every command hook's latency).
 * Keep-alive connections for the load generator are in {@link Connection}.
 */
public final class Wire {

    /** Largest response body read. */
    public static final int MAX_RESPONSE = 16 * 1024 * 1024;

    /** A response. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private Wire() {}

    /**
     * Sends one request and reads the whole response.
     *
     * @param base      {@code http://host:port} (a path prefix is kept)
     * @param headers   extra request headers
     * @param body      request body, or null
     * @param connectMs connect timeout
     * @param readMs    read timeout (each read)
     * @throws IOException when the server cannot be reached, times out, or answers garbage
     */
    public static Response send(URI base, String method, String path, Map<String, String> headers, byte @Nullable [] body,
            int connectMs, int readMs) throws IOException {
        try (Connection c = Connection.open(base, connectMs, readMs)) {
            c.closeAfter = true;
            return c.send(method, path, headers, body);
        }
    }

    /** One connection, reusable for several requests (keep-alive). Not thread-safe. */
    public static final class Connection implements AutoCloseable {
        private final URI base;
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        boolean closeAfter;

        private Connection(URI base, Socket socket) throws IOException {
            this.base = base;
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            this.out = socket.getOutputStream();
        }

        /** Opens a connection to the base URL's host. */
        public static Connection open(URI base, int connectMs, int readMs) throws IOException {
            String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IOException("not an http(s) URL: " + base);
            }
            if (base.getHost() == null) {
                throw new IOException("no host in " + base);
            }
            int port = base.getPort() > 0 ? base.getPort() : scheme.equals("https") ? 443 : 80;
            Socket s = scheme.equals("https") ? SSLSocketFactory.getDefault().createSocket() : new Socket();
            try {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(base.getHost(), port), connectMs);
                s.setSoTimeout(readMs);
            } catch (IOException e) {
                s.close();
                throw e;
            }
            return new Connection(base, s);
        }

        /** Sends a request and reads its response. */
        public Response send(String method, String path, Map<String, String> headers, byte @Nullable [] body) throws IOException {
            String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
            StringBuilder req = new StringBuilder(256);
            req.append(method).append(' ').append(prefix).append(path).append(" HTTP/1.1\r\n");
            req.append("Host: ").append(base.getHost()).append(base.getPort() > 0 ? ":" + base.getPort() : "").append("\r\n");
            req.append("User-Agent: warden-client\r\n");
            if (closeAfter) {
                req.append("Connection: close\r\n");
            }
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (h.getKey().indexOf('\n') >= 0 || h.getValue().indexOf('\n') >= 0 || h.getValue().indexOf('\r') >= 0) {
                    throw new IOException("header with a line break: " + h.getKey());
                }
                req.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
            req.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n\r\n");
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read();
        }

        private Response read() throws IOException {
            String status = line();
            if (!status.startsWith("HTTP/1.") || status.length() < 12) {
                throw new IOException("not an HTTP response: " + abbreviate(status));
            }
            int code;
            try {
                code = Integer.parseInt(status.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new IOException("bad HTTP status line: " + abbreviate(status));
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 0; i < 200; i++) {
                String h = line();
                if (h.isEmpty()) {
                    break;
                }
                int colon = h.indexOf(':');
                if (colon > 0) {
                    headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
                }
            }
            byte[] body;
            String te = headers.get("transfer-encoding");
            String cl = headers.get("content-length");
            if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
                body = chunked();
            } else if (cl != null) {
                long n;
                try {
                    n = Long.parseLong(cl);
                } catch (NumberFormatException e) {
                    throw new IOException("bad Content-Length: " + cl);
                }
                if (n < 0 || n > MAX_RESPONSE) {
                    throw new IOException("response too large: " + n + " bytes");
                }
                body = in.readNBytes((int) n);
                if (body.length != n) {
                    throw new IOException("response ended after " + body.length + " of " + n + " bytes");
                }
            } else {
                body = in.readNBytes(MAX_RESPONSE);
            }
            return new Response(code, headers, body);
        }

        private byte[] chunked() throws IOException {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = line();
                int semi = sizeLine.indexOf(';');
                int size;
                try {
                    size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size: " + abbreviate(sizeLine));
                }
                if (size < 0 || buf.size() + (long) size > MAX_RESPONSE) {
                    throw new IOException("response too large");
                }
                if (size == 0) {
                    while (!line().isEmpty()) {
                        // trailers
                    }
                    return buf.toByteArray();
                }
                byte[] chunk = in.readNBytes(size);
                if (chunk.length != size) {
                    throw new IOException("response ended inside a chunk");
                }
                buf.write(chunk);
                line();
            }
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    if (sb.isEmpty()) {
                        throw new IOException("connection closed before a complete response");
                    }
                    return sb.toString();
                }
                if (b == '\n') {
                    int len = sb.length();
                    return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
                }
                if (sb.length() > 16 * 1024) {
                    throw new IOException("response line too long");
                }
                sb.append((char) b);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
