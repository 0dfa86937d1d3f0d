package org.yidan.settlement.app;

import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yidan.settlement.core.PolicySet;
import org.yidan.settlement.camel.MllpAccess;
import org.yidan.settlement.camel.RouteSettings;

/** Says where the service listens once it is ready. */
@Singleton
public class StartupReport {
    private static final Logger LOG = LoggerFactory.getLogger("discharge-settlement");
    private final CamelContext camel;
    private final PolicySet policies;
    private final RouteSettings settings;
    private final MllpAccess mllpAccess;
    private final String dbUrl;

    StartupReport(CamelContext camel, PolicySet policies, RouteSettings settings, MllpAccess mllpAccess,
                  @Value("${datasources.default.url}") String dbUrl) {
        this.camel = camel;
        this.policies = policies;
        this.settings = settings;
        this.mllpAccess = mllpAccess;
        this.dbUrl = dbUrl;
    }

    @EventListener
    void onStartup(ServerStartupEvent e) {
        long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        var p = settings.properties();
        // the MLLP part says who may connect and how, so a missing MLLP_ALLOW or MLLP_TLS is seen at the first start
        String mllpAccessText = (mllpAccess.tlsEnabled() ? "TLS, client certificates " + mllpAccess.clientAuth() : "plain TCP")
                + ", from " + mllpAccess.allowList();
        LOG.info("ready in {} ms: HTTP {} | MLLP {}:{} ({}) | ledger {} | {} policy regions | routes {}", ms,
                e.getSource().getURL(), p.get("mllp.host"), p.get("mllp.port"), mllpAccessText, dbUrl.replaceAll("password=[^;&]*", "password=***"),
                policies.regions().size(), camel.getRoutes().stream()
                        .filter(r -> camel.getRouteController().getRouteStatus(r.getRouteId()).isStarted())
                        .map(org.apache.camel.Route::getRouteId).toList());
    }
}
