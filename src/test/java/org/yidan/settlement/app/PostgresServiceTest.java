package org.yidan.settlement.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yidan.settlement.io.Json;

/**
 * The service on a real PostgreSQL (embedded): two service instances on one database settle visits of the same
 * person at once; the yearly assistance cap (聊政办发〔2022〕5号 三(四)1: 30000) is never exceeded and the ledger
 * equals the sum of the bills.
 */
class PostgresServiceTest {
    static EmbeddedPostgres pg;
    static String url;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.start();
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE DATABASE settlement");
        }
        url = pg.getJdbcUrl("postgres", "settlement");
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    void twoInstancesNeverExceedACap(@TempDir Path a, @TempDir Path b) throws Exception {
        Map<String, Object> db = Map.of("datasources.default.url", url, "datasources.default.username", "postgres",
                "datasources.default.password", "postgres");
        String example = Files.readString(Path.of("conformance-tests/examples/liaocheng-dibao-inpatient.json"));
        try (ServiceFixture one = new ServiceFixture(a, db); ServiceFixture two = new ServiceFixture(b, db)) {
            assertTrue(one.get("/health").body().contains("PostgreSQL"), one.get("/health").body());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<ServiceFixture.Reply>> replies = new ArrayList<>();
            // 12 stays of one person, 6 through each instance at once; each stay alone would get 6432.37 of assistance
            for (int i = 0; i < 12; i++) {
                ServiceFixture svc = i % 2 == 0 ? one : two;
                String body = example.replace("EX-LC-0001", "PG-V" + i).replace("EX-P-371500-01", "PG-P1");
                replies.add(pool.submit(() -> svc.post("/api/settlements", body)));
            }
            BigDecimal assistance = BigDecimal.ZERO;
            for (Future<ServiceFixture.Reply> f : replies) {
                ServiceFixture.Reply r = f.get();
                assertEquals(200, r.status(), r.body());
                for (JsonNode row : Json.MAPPER.readTree(r.body()).at("/bill/setldetail")) {
                    if (row.get("fund_pay_type").asText().equals("610100")) assistance = assistance.add(row.get("fund_payamt").decimalValue());
                }
            }
            pool.shutdown();
            JsonNode ledger = Json.MAPPER.readTree(two.get("/api/ledger/PG-P1/2024").body());
            BigDecimal paid = ledger.at("/pools/assist/paid").decimalValue();
            assertEquals(0, paid.compareTo(new BigDecimal("30000.00")), "the cap is reached exactly, never passed: " + paid);
            assertEquals(0, paid.compareTo(assistance), "the ledger equals the sum of the bills");
            assertEquals(12, ledger.get("visits").size());
        }
    }
}
