package dev.warden.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prometheus metrics: decisions by effect, rule and profile; decision latency histograms by
 * transport; pending approvals; active sessions. Meters are cached per tag set, so recording a
 * decision is two map lookups and two atomic adds.
 */
public final class Metrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

    public Metrics(Supplier<Number> pendingApprovals, Supplier<Number> activeSessions) {
        Gauge.builder("warden_pending_approvals", () -> pendingApprovals.get().doubleValue())
                .description("Approval requests waiting for a human").register(registry);
        Gauge.builder("warden_active_sessions", () -> activeSessions.get().doubleValue())
                .description("Sessions with a call in the last 10 minutes").register(registry);
    }

    /** Counts one decision and its latency. */
    public void decision(String transport, String effect, String rule, String profile, long nanos) {
        counters.computeIfAbsent(effect + '\0' + rule + '\0' + profile, k -> Counter.builder("warden_decisions")
                .description("Decisions by effect, deciding rule and profile")
                .tag("effect", effect).tag("rule", rule).tag("profile", profile).register(registry)).increment();
        timers.computeIfAbsent(transport, t -> Timer.builder("warden_decision_latency")
                .description("Time from request to answer, approval waits included")
                .tag("transport", t).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts an event (alerts, refused requests, approval outcomes). */
    public void event(String name, String outcome) {
        counters.computeIfAbsent(name + '\0' + outcome, k -> Counter.builder("warden_" + name)
                .tag("outcome", outcome).register(registry)).increment();
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
