package org.yidan.settlement.camel;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yidan.settlement.app.ServiceMetrics;
import org.yidan.settlement.config.MllpConfig;
import org.yidan.settlement.config.ServiceSettings;

/**
 * The CamelContext as a Micronaut bean, started with the service. Every *.yaml file in routes/ is loaded (Camel
 * YAML DSL); a file that does not load stops start-up with its name and the reason. Route files see the service's
 * settings as properties ({{mllp.port}}, {{drop.enabled}}, ...) and the handlers as beans (hl7Handler,
 * jsonDropHandler). The mllp component is camel-mllp with the peer allow-list (MllpAccess); the listener's TLS
 * parameters are the bean mllpTls when yidan.mllp.tls.enabled.
 */
@Factory
public class CamelFactory {
    private static final Logger LOG = LoggerFactory.getLogger(CamelFactory.class);

    /** A route file that cannot be loaded or started. */
    public static class RouteFileException extends RuntimeException {
        RouteFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Context
    @Bean(preDestroy = "close")
    CamelContext camel(ServiceSettings service, RouteSettings settings, JsonDropHandler jsonDropHandler, Hl7Handler hl7Handler,
                       MllpAccess mllpAccess, ServiceMetrics metrics, MllpConfig mllp, java.time.Clock clock,
                       OutboundSender outboundSender) {
        String routesDir = service.routesDir();
        DefaultCamelContext ctx = new DefaultCamelContext();
        ctx.getCamelContextExtension().setName("discharge-settlement");
        // every mllp: listener in a route file is our bounded listener (ListenerMllpComponent): peers off the allow-list
        // reset at accept, frames up to max-frame-bytes, `workers` frames handled at once (0: four times the processors, at least 8)
        ctx.addComponent("mllp", new ListenerMllpComponent(mllpAccess.allowList(), metrics.mllpEvents(), mllp.maxFrameBytes(),
                mllp.workersToRun(), clock));
        // bound only when TLS is on: mllp-in.yaml names it in {{?mllp.tls.context}}, an option dropped when unset
        mllpAccess.tls(ctx).ifPresent(p -> ctx.getRegistry().bind(MllpAccess.TLS_BEAN, p));
        ctx.getRegistry().bind("jsonDropHandler", jsonDropHandler);
        ctx.getRegistry().bind("hl7Handler", hl7Handler);
        ctx.getRegistry().bind("outboundSender", outboundSender);
        Properties props = new Properties();
        for (Map.Entry<String, String> e : settings.properties().entrySet()) props.setProperty(e.getKey(), e.getValue());
        ctx.getPropertiesComponent().setInitialProperties(props);
        List<Path> files = routeFiles(Path.of(routesDir));
        for (Path f : files) {
            Resource r = PluginHelper.getResourceLoader(ctx).resolveResource("file:" + f.toAbsolutePath());
            try {
                PluginHelper.getRoutesLoader(ctx).loadRoutes(r);
            } catch (Exception ex) {
                throw new RouteFileException("route file " + f + " cannot be loaded: " + rootMessage(ex), ex);
            }
        }
        try {
            ctx.start();
        } catch (RuntimeException ex) {
            throw new RouteFileException("routes in " + routesDir + " cannot start: " + rootMessage(ex), ex);
        }
        LOG.info("Camel started {} route(s) from {}: {}", ctx.getRoutes().size(), routesDir,
                ctx.getRoutes().stream().map(r -> r.getRouteId() + (ctx.getRouteController().getRouteStatus(r.getRouteId()).isStarted() ? "" : " (stopped)")).toList());
        return ctx;
    }

    static List<Path> routeFiles(Path dir) {
        if (!Files.isDirectory(dir)) throw new RouteFileException("routes directory " + dir.toAbsolutePath() + " does not exist", null);
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList());
        } catch (IOException ex) {
            throw new RouteFileException("routes directory " + dir + " cannot be listed: " + ex.getMessage(), ex);
        }
    }

    static String rootMessage(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
                if (sb.length() > 0) sb.append(" <- ");
                sb.append(c.getMessage());
            }
        }
        return sb.toString();
    }
}
