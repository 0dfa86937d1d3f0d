package org.yidan.settlement.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean death (issue 10): a lost database turns /health DOWN (503) so a supervisor notices, and an H2 database
 * that cannot be used any more ends the process (status 3) so the supervisor starts it again; nothing answered is
 * lost by that (KillTest).
 */
@Timeout(180)
class DatabaseLossTest {
    @TempDir
    Path dir;

    @Test
    void aClosedH2DatabaseEndsTheProcess() throws Exception {
        // AUTO_SERVER: the service opens the file and serves it, so this test can reach the same database and close it
        String url = "jdbc:h2:file:" + dir.resolve("db/settlement").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        Map<String, String> settings = new HashMap<>();
        settings.put("datasources.default.url", url);
        settings.put("micronaut.server.port", String.valueOf(ServiceFixture.freePort()));
        settings.put("yidan.mllp.port", String.valueOf(ServiceFixture.freePort()));
        settings.put("yidan.mllp.host", "127.0.0.1");
        settings.put("yidan.database-watchdog.seconds", "1");
        settings.put("yidan.database-watchdog.failures", "3");
        ChildService svc = ChildService.start(dir.resolve("logs"), settings, List.of());
        try {
            try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                c.createStatement().execute("SHUTDOWN");
            } catch (java.sql.SQLException closedUnderUs) {
                // the server ends this session too as it shuts the database
            }
            // and its file is gone (a disk replaced, a directory removed): what the pool opens again is no such database
            try (var files = java.nio.file.Files.list(dir.resolve("db"))) {
                for (Path f : files.toList()) java.nio.file.Files.deleteIfExists(f);
            }
            assertTrue(svc.process.waitFor(60, TimeUnit.SECONDS), "the service exited");
            assertEquals(3, svc.process.exitValue());
            assertTrue(svc.output().contains("the database cannot be used (3 checks in a row failed"), svc.output());
        } finally {
            svc.close();
        }
    }

    @Test
    void anUnreachablePostgresTurnsHealthDown() throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.start();
        try {
            try (Connection c = pg.getPostgresDatabase().getConnection()) {
                c.createStatement().execute("CREATE DATABASE settlement");
            }
            Map<String, Object> db = Map.of("datasources.default.url", pg.getJdbcUrl("postgres", "settlement"),
                    "datasources.default.username", "postgres", "datasources.default.password", "postgres",
                    "datasources.default.connection-timeout", 2000);
            try (ServiceFixture svc = new ServiceFixture(dir, db)) {
                assertEquals(200, svc.anonymous().get("/health").status());
                pg.close();
                pg = null;
                ServiceFixture.Reply down = svc.anonymous().get("/health");
                assertEquals(503, down.status(), down.body());
                assertTrue(down.body().contains("DOWN"), down.body());
            }
        } finally {
            if (pg != null) pg.close();
        }
    }
}
