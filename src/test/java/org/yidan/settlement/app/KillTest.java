package org.yidan.settlement.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yidan.settlement.core.ChargeClass;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.FeeLine;
import org.yidan.settlement.core.LineKind;
import org.yidan.settlement.core.Upstream;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.tools.Hl7Writer;
import org.yidan.settlement.tools.MllpClient;

/**
 * kill -9 under load loses nothing that was answered AA (issue 10, D1). The service runs in a JVM of its own on an H2
 * file or a real PostgreSQL; four connections send admissions, charges and discharges (three people each, so a
 * person's year has several stays); the JVM is killed mid-run, three times, and started again on the same database
 * and the same ports. Then, read straight from the database: every AA'd A01 has its admission, every AA'd DFT^P03 its
 * charge message, every AA'd A03 its bill, every AA its kept answer; each person-year's totals are exactly the sum of
 * its bills' changes (nothing doubled, nothing half-written); and a resend of an AA'd discharge gets the same ACK.
 */
class KillTest {
    static final int CONNECTIONS = 4;
    static final int ROUNDS = 3;

    @TempDir
    Path dir;

    /** What the HIS was told AA for. */
    static final class Told {
        final Set<String> admitted = ConcurrentHashMap.newKeySet();
        final Map<String, String> charged = new ConcurrentHashMap<>();   // control id -> visit
        final Map<String, byte[]> settled = new ConcurrentHashMap<>();   // visit -> the A03's ACK
        final Map<String, byte[]> a03 = new ConcurrentHashMap<>();       // visit -> the A03 sent
        final Set<String> aaControlIds = ConcurrentHashMap.newKeySet();
    }

    static Encounter encounter(String visit, String person, int lines) {
        List<FeeLine> fee = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            ChargeClass c = i % 3 == 2 ? ChargeClass.B : ChargeClass.A;
            BigDecimal amount = BigDecimal.valueOf(20_000 + i * 1_111L, 2);
            fee.add(new FeeLine(String.valueOf(i + 1), "K" + i, c, BigDecimal.ONE, amount, amount,
                    c == ChargeClass.B ? new BigDecimal("0.10") : null, null, LineKind.ORDINARY));
        }
        LocalDate end = LocalDate.of(2024, 6, 10);
        return new Encounter(visit, person, null, null, LocalDate.of(1970, 1, 1), "390", "371500", "371502", "3", "21",
                end.minusDays(5), end, List.of("DIBAO"), List.of("I63.9"), null, null, fee, Upstream.NONE);
    }

    /** Sends discharges on {@code CONNECTIONS} connections until stopped (or the service dies); records every AA. */
    static List<Thread> load(int port, String round, Told told, AtomicBoolean stop) {
        Hl7Writer w = new Hl7Writer("UNICODE UTF-8");
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < CONNECTIONS; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                try (MllpClient c = new MllpClient("127.0.0.1", port, 10_000)) {
                    for (int n = 0; !stop.get(); n++) {
                        String visit = "KV-" + round + "-" + thread + "-" + n;
                        Encounter e = encounter(visit, "KP-" + thread + "-" + n % 3, 5);
                        String id = "K" + round + "-" + thread + "-" + n;
                        byte[] a01 = w.admit(e, id + "-A").getBytes(StandardCharsets.UTF_8);
                        byte[] p03 = w.charges(e, e.feedetail(), id + "-P").getBytes(StandardCharsets.UTF_8);
                        byte[] a03 = w.discharge(e, id + "-D").getBytes(StandardCharsets.UTF_8);
                        if (aa(c.send(a01))) {
                            told.admitted.add(visit);
                            told.aaControlIds.add(id + "-A");
                        }
                        if (aa(c.send(p03))) {
                            told.charged.put(id + "-P", visit);
                            told.aaControlIds.add(id + "-P");
                        }
                        byte[] ack = c.send(a03);
                        if (aa(ack)) {
                            told.settled.put(visit, ack);
                            told.a03.put(visit, a03);
                            told.aaControlIds.add(id + "-D");
                        }
                    }
                } catch (Exception gone) {
                    // the service was killed: this connection ends; what was not answered was not told
                }
            }, "kill-load-" + t);
            th.start();
            threads.add(th);
        }
        return threads;
    }

    static boolean aa(byte[] ack) {
        return new String(ack, StandardCharsets.UTF_8).contains("\rMSA|AA|");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void noAcknowledgedMessageIsLostAcrossKills(String kind) throws Exception {
        EmbeddedPostgres pg = null;
        try {
            Map<String, String> settings = new HashMap<>();
            String url;
            if (kind.equals("h2")) {
                url = "jdbc:h2:file:" + dir.resolve("db/settlement").toAbsolutePath() + ";QUERY_CACHE_SIZE=64;RETENTION_TIME=1000";
                settings.put("datasources.default.url", url);
            } else {
                pg = EmbeddedPostgres.start();
                try (Connection c = pg.getPostgresDatabase().getConnection()) {
                    c.createStatement().execute("CREATE DATABASE settlement");
                }
                url = pg.getJdbcUrl("postgres", "settlement");
                settings.put("datasources.default.url", url);
                settings.put("datasources.default.username", "postgres");
                settings.put("datasources.default.password", "postgres");
            }
            int http = ServiceFixture.freePort();
            int mllp = ServiceFixture.freePort();
            settings.put("micronaut.server.port", String.valueOf(http));
            settings.put("yidan.mllp.port", String.valueOf(mllp));
            settings.put("yidan.mllp.host", "127.0.0.1");
            Told told = new Told();
            java.util.Random random = new java.util.Random(20261202L);
            for (int round = 0; round < ROUNDS; round++) {
                // started again at once on the same database and ports (the listener reuses the address: D12)
                ChildService svc = ChildService.start(dir.resolve("logs"), settings);
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> threads = load(mllp, kind + round, told, stop);
                Thread.sleep(1_500 + random.nextInt(1_000));
                svc.kill();
                stop.set(true);
                for (Thread t : threads) t.join(15_000);
            }
            assertTrue(told.settled.size() > 20, "the load settled too little to tell: " + told.settled.size());
            System.out.printf("KillTest %s: %d kills; told AA: %d admissions, %d charge messages, %d discharges%n", kind, ROUNDS,
                    told.admitted.size(), told.charged.size(), told.settled.size());

            // after the last kill: one more start, and resends of AA'd discharges get their first answer
            try (ChildService svc = ChildService.start(dir.resolve("logs"), settings);
                 MllpClient c = new MllpClient("127.0.0.1", mllp, 10_000)) {
                int checked = 0;
                for (Map.Entry<String, byte[]> e : told.a03.entrySet()) {
                    if (checked++ == 30) break;
                    assertArrayEquals(told.settled.get(e.getKey()), c.send(e.getValue()), "the resend of " + e.getKey());
                }
            }
            check(kind, url, told);
        } finally {
            if (pg != null) pg.close();
        }
    }

    static void check(String kind, String url, Told told) throws Exception {
        try (Connection c = kind.equals("h2") ? DriverManager.getConnection(url, "sa", "") : DriverManager.getConnection(url, "postgres", "postgres");
             Statement st = c.createStatement()) {
            Set<String> admissions = column(st, "SELECT mdtrt_id FROM visit_admission");
            Set<String> chargeMessages = column(st, "SELECT message_id FROM visit_charge_message");
            Set<String> settled = column(st, "SELECT mdtrt_id FROM ledger_settled");
            Set<String> answeredAa = column(st, "SELECT control_id FROM message_log WHERE ack_code = 'AA'");
            assertMissing("AA'd admissions", told.admitted, admissions);
            assertMissing("AA'd charge messages", told.charged.keySet(), chargeMessages);
            assertMissing("AA'd discharges' bills", told.settled.keySet(), settled);
            assertMissing("AA'd answers", told.aaControlIds, answeredAa);

            // each person-year's totals are exactly the sum of its bills' changes: nothing doubled or half-written
            Map<String, BigDecimal[]> sums = new TreeMap<>();
            try (ResultSet rs = st.executeQuery("SELECT psn_no, setl_year, changes FROM ledger_settled")) {
                while (rs.next()) {
                    for (JsonNode ch : Json.MAPPER.readTree(rs.getString(3))) {
                        BigDecimal[] s = sums.computeIfAbsent(rs.getString(1) + "/" + rs.getInt(2) + "/" + ch.get("pool").asText(),
                                k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                        s[0] = s[0].add(ch.get("base").decimalValue());
                        s[1] = s[1].add(ch.get("paid").decimalValue());
                    }
                }
            }
            Map<String, String> expected = new TreeMap<>();
            sums.forEach((k, v) -> {
                if (v[0].signum() != 0 || v[1].signum() != 0) expected.put(k, v[0].setScale(2) + " " + v[1].setScale(2));
            });
            Map<String, String> totals = new TreeMap<>();
            try (ResultSet rs = st.executeQuery("SELECT psn_no, setl_year, pool, base, paid FROM ledger_total")) {
                while (rs.next()) {
                    totals.put(rs.getString(1) + "/" + rs.getInt(2) + "/" + rs.getString(3),
                            rs.getBigDecimal(4).setScale(2) + " " + rs.getBigDecimal(5).setScale(2));
                }
            }
            assertEquals(expected, totals, "ledger totals = the sum of the stored bills");
        }
    }

    static Set<String> column(Statement st, String sql) throws Exception {
        Set<String> out = new HashSet<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    static void assertMissing(String what, Set<String> told, Set<String> stored) {
        Set<String> lost = new java.util.TreeSet<>(told);
        lost.removeAll(stored);
        assertTrue(lost.isEmpty(), what + " lost: " + lost.size() + " of " + told.size() + ", e.g. " + lost.stream().limit(5).toList());
    }
}
