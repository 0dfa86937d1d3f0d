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
            assertTrue(one.get("/api/status").body().contains("PostgreSQL"), one.get("/api/status").body());
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

    /**
     * The same over MLLP (issue 10): 12 discharges of one person through the two instances at once, each an A01, a
     * DFT^P03 and an A03 on a connection of its own; the assistance cap (30000, 聊政办发〔2022〕5号 三(四)1) is reached
     * exactly, never passed, and the ledger equals the sum of the bills' assistance (fund 610100).
     */
    @Test
    void twoInstancesOverMllpNeverExceedACap(@TempDir Path a, @TempDir Path b) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE DATABASE mllprace");
        }
        Map<String, Object> db = Map.of("datasources.default.url", pg.getJdbcUrl("postgres", "mllprace"), "datasources.default.username",
                "postgres", "datasources.default.password", "postgres");
        try (ServiceFixture one = new ServiceFixture(a, db); ServiceFixture two = new ServiceFixture(b, db)) {
            ExecutorService pool = Executors.newFixedThreadPool(12);
            List<Future<String>> acks = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int port = (i % 2 == 0 ? one : two).mllpPort;
                int n = i;
                acks.add(pool.submit(() -> {
                    String last = null;
                    try (org.yidan.settlement.tools.MllpClient c = new org.yidan.settlement.tools.MllpClient("127.0.0.1", port, 60_000)) {
                        for (String f : new String[] {"lc-01-adt-a01.hl7", "lc-02-dft-p03.hl7", "lc-03-dft-p03.hl7", "lc-04-adt-a03.hl7"}) {
                            String m = Files.readString(Path.of("mappings/examples", f)).replace("EX-LC-0001", "PM-V" + n)
                                    .replace("EX-P-371500-01", "PM-P1").replace("LC0001", "PM" + n);
                            last = new String(c.send(m.getBytes(java.nio.charset.StandardCharsets.UTF_8)), java.nio.charset.StandardCharsets.UTF_8);
                            if (!last.contains("MSA|AA|")) throw new AssertionError(f + ": " + last);
                        }
                    }
                    return last;
                }));
            }
            for (Future<String> f : acks) assertTrue(f.get().contains("\rZBL|PM-V"));
            pool.shutdown();
            JsonNode ledger = Json.MAPPER.readTree(two.get("/api/ledger/PM-P1/2024").body());
            BigDecimal paid = ledger.at("/pools/assist/paid").decimalValue();
            assertEquals(0, paid.compareTo(new BigDecimal("30000.00")), "the cap is reached exactly, never passed: " + paid);
            BigDecimal fromBills = BigDecimal.ZERO;
            for (JsonNode v : ledger.get("visits")) {
                for (JsonNode row : Json.MAPPER.readTree(one.get("/api/settlements/" + v.asText()).body()).get("setldetail")) {
                    if (row.get("fund_pay_type").asText().equals("610100")) fromBills = fromBills.add(row.get("fund_payamt").decimalValue());
                }
            }
            assertEquals(0, paid.compareTo(fromBills), "the ledger equals the sum of the bills: " + fromBills);
            assertEquals(12, ledger.get("visits").size());
        }
    }

    /** The counter's SQL (search by name, prints, audit, reconciliation) on PostgreSQL; figures as in ReconciliationTest. */
    @Test
    void theCounterOnPostgres(@TempDir Path dir) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE DATABASE counter");
        }
        Map<String, Object> db = Map.of("datasources.default.url", pg.getJdbcUrl("postgres", "counter"),
                "datasources.default.username", "postgres", "datasources.default.password", "postgres");
        String example = Files.readString(Path.of("conformance-tests/examples/liaocheng-dibao-inpatient.json"));
        try (ServiceFixture svc = new ServiceFixture(dir, db)) {
            ServiceFixture.Client boss = svc.account("zhang", "supervisor", "Boss-Secret-42x");
            assertEquals(200, svc.post("/api/settlements", example.replace("EX-LC-0001", "PGC-1").replace("EX-P-371500-01", "PGC-P1")
                    .replace("王秀英", "欧阳_春花")).status());
            assertEquals(200, svc.post("/api/settlements", example.replace("EX-LC-0001", "PGC-2").replace("EX-P-371500-01", "PGC-P2")).status());
            JsonNode hits = Json.MAPPER.readTree(boss.get("/api/counter/visits?q=" + java.net.URLEncoder.encode("欧阳_", "UTF-8")).body());
            assertEquals(1, hits.get("visits").size(), hits.toString());
            assertEquals("PGC-1", hits.at("/visits/0/mdtrt_id").asText());
            assertEquals(0, Json.MAPPER.readTree(boss.get("/api/counter/visits?q=" + java.net.URLEncoder.encode("欧阳%", "UTF-8")).body())
                    .get("visits").size());
            // the patient facts the JSON sent (the example's "patient"), kept for the sheet in visit_facts
            JsonNode patient = Json.MAPPER.readTree(boss.get("/api/counter/visits/PGC-1").body()).get("patient");
            assertEquals("女", patient.get("sex").asText(), patient.toString());   // gend 2, GB/T 2261.1
            assertEquals("ZY2024000317", patient.get("medrcdno").asText());
            assertEquals("脑梗死", patient.at("/diagnoses/0/name").asText());
            assertEquals(1, Json.MAPPER.readTree(boss.post("/api/counter/visits/PGC-1/print", "").body()).get("print_no").asInt());
            assertEquals(2, Json.MAPPER.readTree(boss.post("/api/counter/visits/PGC-1/print", "").body()).get("print_no").asInt());
            assertEquals(200, boss.post("/api/counter/visits/PGC-2/cancel", "{\"reason\":\"测试撤销\"}").status());
            String today = ServiceFixture.TODAY.toString();   // the hospital's day at the fixture's START
            JsonNode day = Json.MAPPER.readTree(boss.get("/api/counter/reconciliation?date=" + today).body());
            assertEquals(2, day.at("/totals/settled/count").asInt());
            assertEquals(1, day.at("/totals/cancelled/count").asInt());
            assertEquals("6432.37", day.at("/totals/net/maf_pay").decimalValue().toPlainString());
            assertEquals("zhang", day.at("/cancels/0/by").asText());
            JsonNode audit = Json.MAPPER.readTree(boss.get("/api/audit?date=" + today).body()).get("entries");
            assertTrue(audit.toString().contains("测试撤销"), audit.toString());
        }
    }
}
