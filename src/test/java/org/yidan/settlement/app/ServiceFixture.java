package org.yidan.settlement.app;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The service started in-process on free ports, with an H2 file ledger in a given folder. */
public final class ServiceFixture implements AutoCloseable {
    public final ApplicationContext context;
    public final EmbeddedServer server;
    public final int mllpPort;
    private final HttpClient http = HttpClient.newHttpClient();

    public ServiceFixture(Path dataDir, Map<String, Object> extra) {
        mllpPort = freePort();
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("yidan.mllp.host", "127.0.0.1");
        props.put("yidan.mllp.port", mllpPort);
        props.put("datasources.default.url", "jdbc:h2:file:" + dataDir.resolve("settlement").toAbsolutePath());
        props.putAll(extra);
        context = ApplicationContext.run(props);
        server = context.getBean(EmbeddedServer.class).start();
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public record Reply(int status, String body) {}

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).GET().build());
    }

    public Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    private Reply send(HttpRequest r) {
        try {
            HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(resp.statusCode(), resp.body());
        } catch (IOException | InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
