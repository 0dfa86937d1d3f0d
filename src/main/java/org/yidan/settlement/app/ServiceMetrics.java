package org.yidan.settlement.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.util.function.Supplier;

/** Counters and timers for settlements and messages (exposed at /metrics and /prometheus). */
@Singleton
public class ServiceMetrics {
    private final MeterRegistry registry;

    ServiceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public <T> T timeSettlement(String channel, Supplier<T> work) {
        Timer.Sample s = Timer.start(registry);
        T out = work.get();
        s.stop(registry.timer("settlement.settle", "channel", channel));
        registry.counter("settlement.settled", "channel", channel).increment();
        return out;
    }

    public void rejected(String channel) {
        registry.counter("settlement.rejected", "channel", channel).increment();
    }

    public void hl7(String type, String ackCode, boolean resent, long nanos) {
        String t = type == null ? "unknown" : type;
        registry.counter("hl7.messages", "type", t, "ack", ackCode, "resent", String.valueOf(resent)).increment();
        registry.timer("hl7.handle", "type", t).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
