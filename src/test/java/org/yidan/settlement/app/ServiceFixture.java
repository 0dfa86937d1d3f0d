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
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The service started in-process on free ports, with an H2 file ledger in a given folder. Its first start creates
 * the account admin with {@link #ADMIN_PASSWORD}; {@link #get} and {@link #post} are made as admin (HTTP Basic),
 * {@link #as} as another account, {@link #anonymous} as nobody.
 *
 * <p>The service's clock starts at {@link #START} (TestClockFactory), whatever the machine's clock and zone: an
 * instant at which the hospital's day (Asia/Shanghai) is already the next day in UTC's terms, so a test that took
 * "today" from the machine's zone instead of the hospital's would fail.
 */
public final class ServiceFixture implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "Fixture-Admin-7q";
    /** The instant the service's clock starts at: 2026-12-01 20:00 UTC. */
    public static final java.time.Instant START = java.time.Instant.parse("2026-12-01T20:00:00Z");
    /** The hospital's day at {@link #START}: 20:00 UTC + 8 h = 04:00 on 2 December in Asia/Shanghai. */
    public static final java.time.LocalDate TODAY = java.time.LocalDate.of(2026, 12, 2);

    public final ApplicationContext context;
    public final EmbeddedServer server;
    public final int mllpPort;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Client admin;

    public ServiceFixture(Path dataDir, Map<String, Object> extra) {
        mllpPort = freePort();
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("yidan.mllp.host", "127.0.0.1");
        props.put("yidan.mllp.port", mllpPort);
        props.put("datasources.default.url", "jdbc:h2:file:" + dataDir.resolve("settlement").toAbsolutePath());
        props.put("yidan.security.admin-password", ADMIN_PASSWORD);
        props.put("yidan.security.pbkdf2-iterations", 20_000);   // fewer than in service, to keep the tests quick
        props.put("yidan.test.clock-start", START.toString());
        props.putAll(extra);
        context = ApplicationContext.run(props);
        server = context.getBean(EmbeddedServer.class).start();
        try {
            context.getBean(org.yidan.settlement.api.security.AdminBootstrap.class).await(java.time.Duration.ofSeconds(30));
        } catch (Exception ex) {
            throw new IllegalStateException("the admin account was not created", ex);
        }
        admin = as("admin", ADMIN_PASSWORD);
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public record Reply(int status, String body, java.net.http.HttpHeaders headers) {
        public Reply(int status, String body) {
            this(status, body, null);
        }

        /** The body as JSON, once the answer is known to be 200 (else the test fails with the status and body). */
        public com.fasterxml.jackson.databind.JsonNode ok() {
            if (status != 200) throw new AssertionError("expected 200, got " + status + ": " + body);
            try {
                return org.yidan.settlement.io.Json.MAPPER.readTree(body);
            } catch (java.io.IOException ex) {
                throw new AssertionError("not JSON: " + body, ex);
            }
        }
    }

    public String url(String path) {
        return server.getURL() + path;
    }

    public Reply get(String path) {
        return admin.get(path);
    }

    public Reply post(String path, String json) {
        return admin.post(path, json);
    }

    /** Requests made as {@code username} with HTTP Basic. */
    public Client as(String username, String password) {
        String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Client(Map.of("Authorization", "Basic " + token));
    }

    /** Requests made with a header set of one's own (a session cookie, nothing at all). */
    public Client with(Map<String, String> headers) {
        return new Client(headers);
    }

    public Client anonymous() {
        return new Client(Map.of());
    }

    /** Creates an account as admin; returns a client for it. */
    public Client account(String username, String role, String password) {
        Reply r = post("/api/accounts", "{\"username\":\"" + username + "\",\"role\":\"" + role + "\",\"password\":\"" + password + "\"}");
        if (r.status() != 201) throw new IllegalStateException("account " + username + ": " + r.status() + " " + r.body());
        return as(username, password);
    }

    public final class Client {
        private final Map<String, String> headers;

        Client(Map<String, String> headers) {
            this.headers = headers;
        }

        public Reply get(String path) {
            return send(builder(path).GET().build());
        }

        public Reply post(String path, String json) {
            return send(builder(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
        }

        public Reply form(String path, String urlencoded) {
            return send(builder(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(urlencoded, StandardCharsets.UTF_8)).build());
        }

        private HttpRequest.Builder builder(String path) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.getURL() + path));
            headers.forEach(b::header);
            return b;
        }
    }

    private Reply send(HttpRequest r) {
        try {
            HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(resp.statusCode(), resp.body(), resp.headers());
        } catch (IOException | InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
