package org.yidan.settlement.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** JdbcMessageLog on H2 and on PostgreSQL: the first answer to a control id stays. */
class JdbcMessageLogTest extends StoreTestBase {
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void messageLogKeepsTheFirstAnswer(TestDb.Kind kind) throws Exception {
        DataSource ds = open(kind);
        JdbcMessageLog log = new JdbcMessageLog(ds);
        Instant at = Instant.parse("2024-03-12T10:00:00.000001Z");
        byte[] ack = "MSH|^~\\&|SETTLE|HOSP|HIS|HOSP|20240312100000||ACK^A03|ACK-1|P|2.5\rMSA|AA|MSG-1\r中文"
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(log.find("MSG-1").isEmpty());
        log.record(new MessageLog.Entry("MSG-1", "ADT^A03", "AA", ack, at));
        MessageLog.Entry e = log.find("MSG-1").orElseThrow();
        assertEquals("MSG-1", e.controlId());
        assertEquals("ADT^A03", e.messageType());
        assertEquals("AA", e.ackCode());
        assertArrayEquals(ack, e.ack());
        assertEquals(at, e.at());
        // recorded again (a resend answered again): the first answer stays
        log.record(new MessageLog.Entry("MSG-1", "ADT^A03", "AE", new byte[] {1, 2, 3}, at.plusSeconds(5)));
        assertEquals("AA", log.find("MSG-1").orElseThrow().ackCode());
        assertArrayEquals(ack, log.find("MSG-1").orElseThrow().ack());
        log.record(new MessageLog.Entry("MSG-2", "ADT^A03", "AE", new byte[0], at));
        log.record(new MessageLog.Entry("MSG-3", "DFT^P03", "AA", new byte[] {0, -1, 127}, at));
        log.record(new MessageLog.Entry("MSG-4", "ADT^A03", "AA", new byte[] {13}, at));
        assertArrayEquals(new byte[] {0, -1, 127}, log.find("MSG-3").orElseThrow().ack());
        assertEquals(Map.of("ADT^A03|AA", 2L, "ADT^A03|AE", 1L, "DFT^P03|AA", 1L), log.counts());

        // the same control id from two instances at once: one row, no error
        JdbcMessageLog other = new JdbcMessageLog(db.dataSource(4));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                JdbcMessageLog l = t % 2 == 0 ? log : other;
                String code = t % 2 == 0 ? "AA" : "AE";
                Callable<Object> c = () -> {
                    go.await();
                    l.record(new MessageLog.Entry("MSG-5", "ADT^A01", code, new byte[] {1}, at));
                    return null;
                };
                fs.add(pool.submit(c));
            }
            go.countDown();
            for (Future<Object> f : fs) f.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        // the table holds one answer: an instance counting now finds it; each racer counted only its own win
        assertEquals(1L, a01(new JdbcMessageLog(ds).counts()));
        String kept = log.find("MSG-5").orElseThrow().ackCode();
        assertEquals(kept.equals("AA") ? 1L : 0L, a01(log.counts()), kept);
        // after the first count, answers recorded here are added in memory; a resend's is not
        log.record(new MessageLog.Entry("MSG-6", "DFT^P03", "AA", new byte[] {1}, at));
        log.record(new MessageLog.Entry("MSG-6", "DFT^P03", "AA", new byte[] {1}, at));
        assertEquals(2L, log.counts().get("DFT^P03|AA"));
        assertEquals(2L, new JdbcMessageLog(ds).counts().get("DFT^P03|AA"));
    }

    /** Health polls the counts while messages are answered: the first count (the table) and the in-memory ones
     *  that follow add up to the rows, none counted twice or missed. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void countsStartedDuringRecordingMatchTheTable(TestDb.Kind kind) throws Exception {
        DataSource ds = open(kind);
        JdbcMessageLog log = new JdbcMessageLog(ds);
        Instant at = Instant.parse("2024-03-12T10:00:00Z");
        int threads = 4, each = 150;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch going = new CountDownLatch(threads);
            List<Future<Object>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int tt = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        if (i == 20) going.countDown();
                        log.record(new MessageLog.Entry("C-" + tt + "-" + i, "ADT^A03", "AA", new byte[] {1}, at));
                    }
                    return null;
                }));
            }
            going.await();
            log.counts();   // the first count lands while the others record
            for (Future<Object> f : fs) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Map.of("ADT^A03|AA", (long) threads * each), log.counts());
    }

    private static long a01(Map<String, Long> counts) {
        return counts.entrySet().stream().filter(x -> x.getKey().startsWith("ADT^A01|")).mapToLong(Map.Entry::getValue).sum();
    }
}
