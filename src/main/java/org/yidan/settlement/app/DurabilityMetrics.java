package org.yidan.settlement.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import javax.sql.DataSource;
import org.yidan.settlement.store.Databases;

/**
 * The H2 file's group commit as metrics: {@code store.durable.commits} and {@code store.durable.checkpoints} (their
 * ratio is the commits each file write held; both stay at zero on PostgreSQL).
 */
@Singleton
public class DurabilityMetrics implements MeterBinder {
    /** Looked up when first read: the pool is itself instrumented, so it is made after the meter registry. */
    private final Provider<DataSource> ds;

    DurabilityMetrics(Provider<DataSource> ds) {
        this.ds = ds;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("store.durable.commits", ds, d -> Databases.durability(d.get()).commits())
                .description("commits made durable in the H2 file before their answer went out").register(registry);
        FunctionCounter.builder("store.durable.checkpoints", ds, d -> Databases.durability(d.get()).checkpoints())
                .description("H2 checkpoints (file writes) that made those commits durable").register(registry);
    }
}
