package dev.warden.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.warden.harness.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Outgoing webhooks: signed, retried with backoff, never blocking the publisher. */
class NotifierTest {

    record Received(String body, String signature, String timestamp, String event) {}

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();

    /** A receiver on loopback that fails the first {@code failures} attempts with 503. */
    private URI start(int failures) throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            int n = attempts.incrementAndGet();
            int status = n <= failures ? 503 : 200;
            if (status == 200) {
                received.add(new Received(new String(body, StandardCharsets.UTF_8), ex.getRequestHeaders().getFirst("X-Warden-Signature"),
                        ex.getRequestHeaders().getFirst("X-Warden-Timestamp"), ex.getRequestHeaders().getFirst("X-Warden-Event")));
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        receiver.start();
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    }

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private static Notifier.Event event(String kind) {
        return new Notifier.Event(kind, Instant.parse("2026-01-01T00:00:00Z"), "apr_1 needs approval", Map.of("id", "apr_1"));
    }

    private void awaitReceived(int n) throws InterruptedException {
        for (int i = 0; i < 200 && received.size() < n; i++) {
            Thread.sleep(25);
        }
    }

    @Test
    void aSlackPayloadIsDeliveredWithAVerifiableSignature() throws Exception {
        URI url = start(0);
        try (Notifier n = new Notifier(List.of(new Notifier.Webhook(url, Notifier.Format.SLACK, "s3cret", Set.of("*"))), 10, 3,
                Duration.ofMillis(20))) {
            assertThat(n.publish(event("approval.requested"))).isTrue();
            awaitReceived(1);
        }
        assertThat(received).hasSize(1);
        Received r = received.get(0);
        JsonNode j = Json.MAPPER.readTree(r.body());
        assertThat(j.path("text").asString()).isEqualTo("[Warden] apr_1 needs approval");
        assertThat(j.path("warden").path("event").asString()).isEqualTo("approval.requested");
        assertThat(r.event()).isEqualTo("approval.requested");
        String expected = "sha256=" + Notifier.sign("s3cret", Long.parseLong(r.timestamp()), r.body());
        assertThat(r.signature()).isEqualTo(expected);
        assertThat(r.signature()).isNotEqualTo("sha256=" + Notifier.sign("wrong", Long.parseLong(r.timestamp()), r.body()));
        assertThat(r.signature()).isNotEqualTo("sha256=" + Notifier.sign("s3cret", Long.parseLong(r.timestamp()), r.body() + " "));
    }

    @Test
    void aReceiverThatFailsFirstGetsTheEventOnceItRecovers() throws Exception {
        URI url = start(2);
        Notifier n = new Notifier(List.of(new Notifier.Webhook(url, Notifier.Format.JSON, "k", Set.of("approval.*"))), 10, 5,
                Duration.ofMillis(50));
        try (n) {
            n.publish(event("approval.requested"));
            awaitReceived(1);
        }
        assertThat(n.delivered()).isEqualTo(1);
        assertThat(n.failed()).isZero();
        assertThat(attempts.get()).isEqualTo(3);
        assertThat(Json.MAPPER.readTree(received.get(0).body()).path("event").asString()).isEqualTo("approval.requested");
    }

    @Test
    void aReceiverThatNeverRecoversIsGivenUpAfterTheAttempts() throws Exception {
        URI url = start(100);
        try (Notifier n = new Notifier(List.of(new Notifier.Webhook(url, Notifier.Format.JSON, null, Set.of("*"))), 10, 3,
                Duration.ofMillis(10))) {
            n.publish(event("alert"));
            for (int i = 0; i < 200 && n.failed() == 0; i++) {
                Thread.sleep(25);
            }
            assertThat(n.failed()).isEqualTo(1);
        }
        assertThat(attempts.get()).isEqualTo(3);
    }

    @Test
    void publishingNeverBlocksAndAFullQueueDropsAndCounts() throws Exception {
        // A receiver address nobody listens on, and a tiny queue.
        URI dead = URI.create("http://127.0.0.1:9/hook");
        try (Notifier n = new Notifier(List.of(new Notifier.Webhook(dead, Notifier.Format.JSON, null, Set.of("*"))), 2, 2,
                Duration.ofMillis(10))) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                n.publish(event("alert"));
            }
            assertThat((System.nanoTime() - t0) / 1e6).isLessThan(500);
            assertThat(n.dropped()).isGreaterThan(900);
        }
    }

    @Test
    void eventsAWebhookDidNotAskForAreNotSent() throws Exception {
        URI url = start(0);
        try (Notifier n = new Notifier(List.of(new Notifier.Webhook(url, Notifier.Format.JSON, null, Set.of("freeze"))), 10, 1,
                Duration.ofMillis(10))) {
            n.publish(event("approval.requested"));
            n.publish(event("freeze"));
            awaitReceived(1);
        }
        assertThat(received).extracting(Received::event).containsExactly("freeze");
    }
}
