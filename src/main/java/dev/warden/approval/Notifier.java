package dev.warden.approval;

import dev.warden.harness.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Outgoing webhooks: approval requests and decisions, alerts, quarantines and freezes, posted to
 * Slack-compatible or generic JSON receivers, signed with HMAC-SHA256.
 *
 * <p>Design note. Notifying must never slow or block a decision: {@link #publish} only offers
 * the event to a bounded queue and returns (a full queue drops the event and counts it). One
 * virtual thread drains the queue and hands each delivery to its own virtual thread (at most
 * {@value #MAX_IN_FLIGHT} at once), which retries with exponential backoff — so a receiver that
 * is down delays nothing but its own deliveries.
 *
 * <p>Signature: {@code X-Warden-Signature: sha256=HEX(HMAC-SHA256(secret, timestamp + "." + body))}
 * with {@code X-Warden-Timestamp} (Unix seconds); receivers should also reject old timestamps.
 */
public final class Notifier implements AutoCloseable {

    /** Payload shapes. */
    public enum Format {
        /** {@code {"text": "...", "warden": {event}}}: what Slack's incoming webhooks accept. */
        SLACK,
        /** {@code {"event", "time", "title", "data"}}. */
        JSON;

        public static Format parse(String s) {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        }
    }

    /**
     * One receiver.
     *
     * @param url    where to POST
     * @param format payload shape
     * @param secret HMAC key, or null to send unsigned
     * @param events event kinds to send ({@code approval.requested}, {@code approval.*}, {@code *})
     */
    public record Webhook(URI url, Format format, @Nullable String secret, Set<String> events) {
        public Webhook {
            events = Set.copyOf(events);
        }

        boolean wants(String kind) {
            for (String e : events) {
                if (e.equals("*") || e.equals(kind) || (e.endsWith(".*") && kind.startsWith(e.substring(0, e.length() - 1)))) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Something to tell people about.
     *
     * @param kind  {@code approval.requested}, {@code approval.granted}, {@code approval.rejected},
     *              {@code approval.expired}, {@code alert}, {@code quarantine}, {@code freeze}, {@code unfreeze}
     * @param title one line for humans
     * @param data  details (JSON-like values)
     */
    public record Event(String kind, Instant time, String title, Map<String, @Nullable Object> data) {}

    static final int MAX_IN_FLIGHT = 16;

    private final List<Webhook> hooks;
    private final BlockingQueue<Event> queue;
    private final int attempts;
    private final Duration backoff;
    private final HttpClient http;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final @Nullable Thread worker;
    private volatile boolean closed;

    /**
     * @param hooks    the receivers (none: publishing does nothing)
     * @param capacity how many events may wait; more are dropped
     * @param attempts tries per delivery (at least 1)
     * @param backoff  the first retry's delay; it doubles each time
     */
    public Notifier(List<Webhook> hooks, int capacity, int attempts, Duration backoff) {
        this.hooks = List.copyOf(hooks);
        this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
        this.worker = this.hooks.isEmpty() ? null : Thread.ofVirtual().name("warden-webhooks").start(this::drain);
    }

    /** A notifier that sends nothing. */
    public static Notifier none() {
        return new Notifier(List.of(), 1, 1, Duration.ofMillis(1));
    }

    /** Queues an event; never blocks. Returns false when it was dropped (queue full or closed). */
    public boolean publish(Event e) {
        if (hooks.isEmpty() || hooks.stream().noneMatch(h -> h.wants(e.kind()))) {
            return true;
        }
        if (closed || !queue.offer(e)) {
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    public long dropped() {
        return dropped.get();
    }

    public long delivered() {
        return delivered.get();
    }

    public long failed() {
        return failed.get();
    }

    private void drain() {
        while (!closed || !queue.isEmpty()) {
            Event e;
            try {
                e = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ie) {
                return;
            }
            if (e == null) {
                continue;
            }
            for (Webhook h : hooks) {
                if (!h.wants(e.kind())) {
                    continue;
                }
                try {
                    inFlight.acquire();
                } catch (InterruptedException ie) {
                    return;
                }
                Thread.ofVirtual().name("warden-webhook-delivery").start(() -> {
                    try {
                        deliver(h, e);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
    }

    private void deliver(Webhook h, Event e) {
        String body = payload(h.format(), e);
        String delivery = UUID.randomUUID().toString();
        long delay = backoff.toMillis();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                long ts = Instant.now().getEpochSecond();
                HttpRequest.Builder rb = HttpRequest.newBuilder(h.url()).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "warden-webhook")
                        .header("X-Warden-Event", e.kind())
                        .header("X-Warden-Delivery", delivery)
                        .header("X-Warden-Timestamp", Long.toString(ts))
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
                if (h.secret() != null) {
                    rb.header("X-Warden-Signature", "sha256=" + sign(h.secret(), ts, body));
                }
                HttpResponse<Void> r = http.send(rb.build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    delivered.incrementAndGet();
                    return;
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception ex) {
                // retried below
            }
            if (attempt < attempts) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
                delay = Math.min(delay * 2, 60_000);
            }
        }
        failed.incrementAndGet();
    }

    /** The hex HMAC-SHA256 of {@code timestamp + "." + body}. */
    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    static String payload(Format f, Event e) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        if (f == Format.SLACK) {
            root.put("text", "[Warden] " + e.title());
            ObjectNode w = root.putObject("warden");
            w.put("event", e.kind());
            w.put("time", e.time().toString());
            w.set("data", Json.MAPPER.valueToTree(e.data()));
        } else {
            root.put("event", e.kind());
            root.put("time", e.time().toString());
            root.put("title", e.title());
            root.set("data", Json.MAPPER.valueToTree(e.data()));
        }
        return root.toString();
    }

    /** Stops accepting events and waits (bounded) for queued deliveries. */
    @Override
    public void close() {
        closed = true;
        if (worker != null) {
            try {
                worker.join(Duration.ofSeconds(5));
                inFlight.tryAcquire(MAX_IN_FLIGHT, 5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
