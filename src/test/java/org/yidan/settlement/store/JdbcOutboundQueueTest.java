package org.yidan.settlement.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The outbound queue on H2 and PostgreSQL: a due message is claimed by one sender at a time, a claim that outlives
 * its lease is due again, a failure waits, a dead letter stays until requeued.
 */
class JdbcOutboundQueueTest extends StoreTestBase {
    static final Instant T0 = Instant.parse("2026-12-01T20:00:00Z");

    static MessageStore.Stored bill(String id) {
        byte[] m = ("MSH|^~\\&|YIDAN|SETTLEMENT|HIS|H|20261202||ZBL^Z01^ZBL_Z01|" + id + "|P|2.5\rZBL|V\r").getBytes(StandardCharsets.UTF_8);
        return new MessageStore.Stored(null, MessageStore.OUT, T0, id, "ZBL^Z01", null, "YIDAN", "SETTLEMENT", "127.0.0.1:2576",
                null, "V", "P", null, "排队待发送", m, m.length, true, null, null, null);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void claimedOnceRetriedLaterDeadUntilRequeued(TestDb.Kind kind) {
        DataSource ds = open(kind);
        JdbcMessageStore store = new JdbcMessageStore(ds);
        JdbcOutboundQueue q = new JdbcOutboundQueue(ds, store);
        long a = q.enqueue(bill("B1"));
        long b = q.enqueue(bill("B2"));
        assertArrayEquals(new long[] {2, 0}, q.depth());

        // two senders: each gets a different message, the oldest first; a third finds nothing due
        assertEquals(a, q.claim("one", T0, Duration.ofSeconds(30)).orElseThrow().messageId());
        assertEquals(b, q.claim("two", T0, Duration.ofSeconds(30)).orElseThrow().messageId());
        assertTrue(q.claim("three", T0, Duration.ofSeconds(30)).isEmpty());
        // "one" died mid-send: after its lease the message is due again
        assertTrue(q.claim("three", T0.plusSeconds(29), Duration.ofSeconds(30)).isEmpty());
        assertEquals(a, q.claim("three", T0.plusSeconds(31), Duration.ofSeconds(30)).orElseThrow().messageId());
        // "two" got its AA
        q.sent(b, T0.plusSeconds(5), "AA", "ACK".getBytes(StandardCharsets.UTF_8), "已发送");
        assertEquals(OutboundQueue.SENT, q.find(b).orElseThrow().status());
        assertEquals(T0.plusSeconds(5), q.find(b).orElseThrow().sentAt());

        // a failure waits until its next attempt; the answer and outcome go with the message
        q.failed(a, "HIS 应答 AE", T0.plusSeconds(40), false, "AE", "ACK".getBytes(StandardCharsets.UTF_8), "发送失败（第 1 次）");
        OutboundQueue.Entry e = q.find(a).orElseThrow();
        assertEquals(OutboundQueue.QUEUED, e.status());
        assertEquals(1, e.attempts());
        assertEquals("HIS 应答 AE", e.lastError());
        assertEquals("AE", store.find(a).orElseThrow().ackCode());
        assertEquals("发送失败（第 1 次）", store.find(a).orElseThrow().outcome());
        assertTrue(q.claim("one", T0.plusSeconds(39), Duration.ofSeconds(30)).isEmpty());
        assertEquals(a, q.claim("one", T0.plusSeconds(40), Duration.ofSeconds(30)).orElseThrow().messageId());
        q.failed(a, "no listener", T0.plusSeconds(40), true, null, null, "已放弃");
        assertEquals(OutboundQueue.DEAD, q.find(a).orElseThrow().status());
        assertTrue(q.claim("one", T0.plusSeconds(3600), Duration.ofSeconds(30)).isEmpty(), "a dead letter is not claimed");

        assertArrayEquals(new long[] {0, 1}, q.depth());
        assertEquals(1, q.list(OutboundQueue.DEAD, 10).size());
        assertEquals(2, q.list(null, 10).size());

        // requeued: due now, with no attempts
        assertTrue(q.requeue(a, T0.plusSeconds(100)));
        assertEquals(0, q.find(a).orElseThrow().attempts());
        assertArrayEquals(new long[] {1, 0}, q.depth());
        assertEquals(a, q.claim("one", T0.plusSeconds(100), Duration.ofSeconds(30)).orElseThrow().messageId());
        assertTrue(!q.requeue(987654, T0));
    }
}
