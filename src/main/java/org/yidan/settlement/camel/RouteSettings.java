package org.yidan.settlement.camel;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/** The service settings route files may use as {{name}} placeholders. */
@Singleton
public class RouteSettings {
    private final Map<String, String> properties = new LinkedHashMap<>();

    RouteSettings(@Value("${yidan.mllp.host}") String mllpHost, @Value("${yidan.mllp.port}") int mllpPort,
                  @Value("${yidan.drop.enabled}") boolean dropEnabled, @Value("${yidan.drop.dir}") String dropDir,
                  @Value("${yidan.outbound.enabled}") boolean outEnabled, @Value("${yidan.outbound.host}") String outHost,
                  @Value("${yidan.outbound.port}") int outPort, MllpAccess mllpAccess) {
        properties.put("mllp.host", mllpHost);
        properties.put("mllp.port", String.valueOf(mllpPort));
        // set only when TLS is on, so that the route's optional {{?mllp.tls.context}} leaves the listener plain
        // otherwise. Not "mllp.tls": Camel lets an environment variable named like a placeholder (MLLP_TLS=true)
        // override it, and the route would then be given "true" for sslContextParameters
        if (mllpAccess.tlsEnabled()) properties.put("mllp.tls.context", "#" + MllpAccess.TLS_BEAN);
        properties.put("drop.enabled", String.valueOf(dropEnabled));
        properties.put("drop.dir", dropDir);
        properties.put("outbound.enabled", String.valueOf(outEnabled));
        properties.put("outbound.host", outHost);
        properties.put("outbound.port", String.valueOf(outPort));
    }

    public Map<String, String> properties() {
        return properties;
    }
}
