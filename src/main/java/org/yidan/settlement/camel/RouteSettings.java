package org.yidan.settlement.camel;

import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yidan.settlement.config.ChannelSettings;
import org.yidan.settlement.config.MllpConfig;

/** The service settings route files may use as {{name}} placeholders. */
@Singleton
public class RouteSettings {
    private final Map<String, String> properties = new LinkedHashMap<>();

    RouteSettings(MllpConfig mllp, ChannelSettings.Drop drop, ChannelSettings.Outbound out, MllpAccess mllpAccess) {
        properties.put("mllp.host", mllp.host());
        properties.put("mllp.port", String.valueOf(mllp.port()));
        // set only when TLS is on, so that the route's optional {{?mllp.tls.context}} leaves the listener plain
        // otherwise. Not "mllp.tls": Camel lets an environment variable named like a placeholder (MLLP_TLS=true)
        // override it, and the route would then be given "true" for sslContextParameters
        if (mllpAccess.tlsEnabled()) properties.put("mllp.tls.context", "#" + MllpAccess.TLS_BEAN);
        properties.put("drop.enabled", String.valueOf(drop.enabled()));
        properties.put("drop.dir", drop.dir());
        properties.put("outbound.enabled", String.valueOf(out.enabled()));
        properties.put("outbound.host", out.host());
        properties.put("outbound.port", String.valueOf(out.port()));
    }

    public Map<String, String> properties() {
        return properties;
    }
}
