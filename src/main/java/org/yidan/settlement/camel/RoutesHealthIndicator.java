package org.yidan.settlement.camel;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.yidan.settlement.core.PolicySet;
import org.yidan.settlement.store.MessageLog;

/**
 * Health of the Camel routes (each route's status; DOWN when a route that should run is not started), with the HL7
 * messages answered so far by type and ACK code.
 */
@Singleton
public class RoutesHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final CamelContext camel;
    private final PolicySet policies;
    private final RouteSettings settings;
    private final MessageLog messages;

    RoutesHealthIndicator(CamelContext camel, PolicySet policies, RouteSettings settings, MessageLog messages) {
        this.camel = camel;
        this.policies = policies;
        this.settings = settings;
        this.messages = messages;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> routes = new LinkedHashMap<>();
        boolean ok = camel.getStatus().isStarted();
        for (Route r : camel.getRoutes()) {
            String status = camel.getRouteController().getRouteStatus(r.getRouteId()).name();
            routes.put(r.getRouteId(), status);
            boolean shouldRun = r.isAutoStartup();
            if (shouldRun && !"Started".equals(status)) ok = false;
        }
        healthStatus = ok ? HealthStatus.UP : HealthStatus.DOWN;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("camel", camel.getStatus().name());
        out.put("routes", routes);
        out.put("mllp", settings.properties().get("mllp.host") + ":" + settings.properties().get("mllp.port"));
        out.put("policy_regions", policies.regions().size());
        out.put("hl7_messages", messages.counts());
        return out;
    }

    @Override
    protected String getName() {
        return "routes";
    }
}
