package org.yidan.settlement.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.util.function.Supplier;

/** Counters and timers for settlements and messages (exposed at /metrics and /prometheus). */
@Singleton
public class ServiceMetrics {
    private final MeterRegistry registry;
    private final java.util.Map<String, io.micrometer.core.instrument.Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();
    private final io.micrometer.core.instrument.Counter mllpRefused;
    private final io.micrometer.core.instrument.Counter mllpTlsFailed;
    private final io.micrometer.core.instrument.Counter mllpEvicted;
    private final io.micrometer.core.instrument.Counter mllpOversize;
    /** Every inbound HL7 message's time from read to ACK, with its median and 99th percentile (the dashboard's). */
    private final Timer ackTime;

    ServiceMetrics(MeterRegistry registry) {
        this.registry = registry;
        // registered at start, so that an alert on its increase has a series (at 0) before the first refusal; no peer
        // tag: a scan from many addresses would make a series per address (the peer is in the WARN line instead)
        this.mllpRefused = io.micrometer.core.instrument.Counter.builder("mllp.refused")
                .description("MLLP connections refused at accept: peer not in yidan.mllp.allow, or every connection busy").register(registry);
        this.mllpTlsFailed = io.micrometer.core.instrument.Counter.builder("mllp.tls.failed")
                .description("MLLP TLS handshakes that failed (a plain client on the TLS port, no or an untrusted client certificate)").register(registry);
        this.mllpEvicted = io.micrometer.core.instrument.Counter.builder("mllp.evicted")
                .description("idle MLLP connections closed to make room for a new one (yidan.mllp max connections)").register(registry);
        this.ackTime = Timer.builder("hl7.ack.time").description("inbound HL7 message, received to ACK ready (all types)")
                .publishPercentiles(0.5, 0.99).distributionStatisticExpiry(java.time.Duration.ofMinutes(5))
                .distributionStatisticBufferLength(5).register(registry);
        this.mllpOversize = io.micrometer.core.instrument.Counter.builder("mllp.oversize")
                .description("MLLP frames over yidan.mllp.max-frame-bytes, answered AR").register(registry);
    }

    /** What the MLLP listener reports, as counters. */
    public org.yidan.settlement.mllp.MllpListener.Events mllpEvents() {
        return new org.yidan.settlement.mllp.MllpListener.Events() {
            @Override
            public void refused(java.net.InetAddress peer) {
                mllpRefused.increment();
            }

            @Override
            public void handshakeFailed(java.net.InetAddress peer) {
                mllpTlsFailed.increment();
            }

            @Override
            public void evicted() {
                mllpEvicted.increment();
            }

            @Override
            public void oversize() {
                mllpOversize.increment();
            }
        };
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
        // the meters are looked up once per tag combination: a registry look-up builds and hashes an id each time
        counters.computeIfAbsent(t + '|' + ackCode + '|' + resent,
                k -> registry.counter("hl7.messages", "type", t, "ack", ackCode, "resent", String.valueOf(resent))).increment();
        timers.computeIfAbsent(t, k -> registry.timer("hl7.handle", "type", t)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        ackTime.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * The ACK time's median and 99th percentile in milliseconds over the last few minutes, and how many messages were
     * timed since start: {p50, p99, count}; the percentiles are NaN before the first message.
     */
    public double[] ackTimes() {
        io.micrometer.core.instrument.distribution.HistogramSnapshot s = ackTime.takeSnapshot();
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        for (io.micrometer.core.instrument.distribution.ValueAtPercentile v : s.percentileValues()) {
            if (v.percentile() == 0.5) p50 = v.value(java.util.concurrent.TimeUnit.MILLISECONDS);
            if (v.percentile() == 0.99) p99 = v.value(java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        return new double[] {s.count() == 0 ? Double.NaN : p50, s.count() == 0 ? Double.NaN : p99, s.count()};
    }
}
