package org.yidan.settlement.app;

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
                  @Value("${yidan.outbound.port}") int outPort) {
        properties.put("mllp.host", mllpHost);
        properties.put("mllp.port", String.valueOf(mllpPort));
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
