package org.yidan.settlement.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import javax.sql.DataSource;
import org.yidan.settlement.store.Databases;

/**
 * The store as metrics: the H2 file's group commit, {@code store.durable.commits} and {@code store.durable.checkpoints}
 * (their ratio is the commits each file write held; both stay at zero on PostgreSQL), and the outbound queue,
 * {@code outbound.waiting} and {@code outbound.dead}.
 */
@Singleton
public class DurabilityMetrics implements MeterBinder {
    /** Looked up when first read: the pool is itself instrumented, so it is made after the meter registry. */
    private final Provider<DataSource> ds;

    private final Provider<org.yidan.settlement.store.OutboundQueue> outbound;

    DurabilityMetrics(Provider<DataSource> ds, Provider<org.yidan.settlement.store.OutboundQueue> outbound) {
        this.ds = ds;
        this.outbound = outbound;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("store.durable.commits", ds, d -> Databases.durability(d.get()).commits())
                .description("commits made durable in the H2 file before their answer went out").register(registry);
        io.micrometer.core.instrument.Gauge.builder("outbound.waiting", outbound, q -> q.get().depth()[0])
                .description("messages queued for the HIS, not yet sent").register(registry);
        io.micrometer.core.instrument.Gauge.builder("outbound.dead", outbound, q -> q.get().depth()[1])
                .description("messages for the HIS given up after the maximum attempts (dead letters)").register(registry);
        FunctionCounter.builder("store.durable.checkpoints", ds, d -> Databases.durability(d.get()).checkpoints())
                .description("H2 checkpoints (file writes) that made those commits durable").register(registry);
    }
}
