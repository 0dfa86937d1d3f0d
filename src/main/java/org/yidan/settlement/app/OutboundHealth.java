package org.yidan.settlement.app;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yidan.settlement.config.ChannelSettings;
import org.yidan.settlement.store.OutboundQueue;

/**
 * The outbound queue in /api/status (health "outbound": how many wait, how many are dead letters; UP while the
 * service can queue; the same as metrics: {@link DurabilityMetrics}).
 */
@Singleton
public class OutboundHealth extends AbstractHealthIndicator<Map<String, Object>> {
    private final Provider<OutboundQueue> queue;
    private final ChannelSettings.Outbound settings;

    OutboundHealth(Provider<OutboundQueue> queue, ChannelSettings.Outbound settings) {
        this.queue = queue;
        this.settings = settings;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        long[] d = queue.get().depth();
        healthStatus = HealthStatus.UP;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", settings.enabled());
        out.put("destination", settings.host() + ":" + settings.port());
        out.put("waiting", d[0]);
        out.put("dead", d[1]);
        return out;
    }

    @Override
    protected String getName() {
        return "outbound";
    }
}
