package org.yidan.settlement.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The message store on H2 and PostgreSQL: kept whole (deflated), found by each field, newest first, page by page. */
class JdbcMessageStoreTest extends StoreTestBase {
    static final Instant T0 = Instant.parse("2026-12-01T16:00:00Z");

    static MessageStore.Stored in(int n, String type, String ack, String app, String visit, String psn, byte[] bytes) {
        return new MessageStore.Stored(null, MessageStore.IN, T0.plusSeconds(60L * n), "C-" + n, type, ack, app, "LCRMYY",
                "10.0.0." + n, "UNICODE UTF-8", visit, psn, "AA".equals(ack) ? null : 103, "outcome " + n, bytes, bytes.length,
                true, ("ACK " + n).getBytes(StandardCharsets.UTF_8), null, null);
    }

    static MessageStore.Query all() {
        return new MessageStore.Query(null, null, null, null, null, null, null, null, null, null, null, 100);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void keptWholeFoundByEachFieldNewestFirst(TestDb.Kind kind) {
        JdbcMessageStore store = new JdbcMessageStore(open(kind));
        byte[] gb = "MSH|^~\\&|HIS|LCRMYY|||20240301||ADT^A01|C-1|P|2.5||||||GB 18030-2000\rPID|||P1||张三丰\r"
                .getBytes(java.nio.charset.Charset.forName("GB18030"));
        long a = store.add(in(1, "ADT^A01", "AA", "HIS", "V1", "P1", gb));
        long b = store.add(in(2, "DFT^P03", "AE", "HIS", "V1", "P1", "MSH|x\r".getBytes(StandardCharsets.US_ASCII)));
        long c = store.add(in(3, "ADT^A03", "AA", "LIS", "V2", "P2", "MSH|y\r".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(a < b && b < c);

        MessageStore.Stored found = store.find(a).orElseThrow();
        assertArrayEquals(gb, found.message(), "the bytes as received, GB18030 included");
        assertArrayEquals("ACK 1".getBytes(StandardCharsets.UTF_8), found.ack());
        assertEquals("C-1", found.controlId());
        assertEquals("10.0.0.1", found.peer());
        assertEquals("UNICODE UTF-8", found.charset(), "as the record said");
        assertEquals(T0.plusSeconds(60), found.at());
        assertNull(found.errorCode());
        assertEquals(103, store.find(b).orElseThrow().errorCode());

        assertEquals(List.of(c, b, a), ids(store.search(all())));
        assertNull(store.search(all()).get(0).message(), "a search does not read the bytes");
        assertEquals(List.of(b, a), ids(store.search(q("V1", null, null, null, null, null, null, null))));
        assertEquals(List.of(c), ids(store.search(q(null, "P2", null, null, null, null, null, null))));
        assertEquals(List.of(b), ids(store.search(q(null, null, "C-2", null, null, null, null, null))));
        assertEquals(List.of(c), ids(store.search(q(null, null, null, "ADT^A03", null, null, null, null))));
        assertEquals(List.of(b), ids(store.search(q(null, null, null, null, "AE", null, null, null))));
        assertEquals(List.of(c), ids(store.search(q(null, null, null, null, null, "LIS", null, null))));
        // [from, to): the second message's minute only
        assertEquals(List.of(b), ids(store.search(q(null, null, null, null, null, null, T0.plusSeconds(120), T0.plusSeconds(180)))));
        // the next page: ids below the last one seen
        assertEquals(List.of(b, a), ids(store.search(new MessageStore.Query(null, null, null, null, null, null, null, null, null,
                null, c, 100))));
        assertEquals(List.of(c), ids(store.search(new MessageStore.Query(null, null, null, null, null, null, null, null, null,
                null, null, 1))));
        assertEquals(List.of(), ids(store.search(q(null, null, null, null, null, null, T0.minusSeconds(60), T0))));

        // a reprocess points back to its original
        MessageStore.Stored r = in(4, "DFT^P03", "AA", "HIS", "V1", "P1", "MSH|z\r".getBytes(StandardCharsets.US_ASCII));
        long d = store.add(new MessageStore.Stored(null, r.direction(), r.at(), r.controlId(), r.messageType(), r.ackCode(),
                r.sendingApp(), r.sendingFacility(), "admin", r.charset(), r.mdtrtId(), r.psnNo(), null, r.outcome(), r.message(),
                r.messageBytes(), true, r.ack(), b, "admin"));
        assertEquals(List.of(d), ids(store.reprocessesOf(b)));
        assertEquals(b, store.find(d).orElseThrow().reprocessOf());
        assertEquals("admin", store.find(d).orElseThrow().actor());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void aMessageTooLargeToKeepKeepsItsHead(TestDb.Kind kind) {
        JdbcMessageStore store = new JdbcMessageStore(open(kind));
        byte[] noise = new byte[1_200_000];   // does not deflate: more than a column holds
        new Random(13).nextBytes(noise);
        byte[] head = "MSH|^~\\&|HIS|LCRMYY|||20240301||DFT^P03|BIG|P|2.5\r".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, noise, 0, head.length);
        long id = store.add(in(9, "DFT^P03", "AR", "HIS", null, null, noise));
        MessageStore.Stored s = store.find(id).orElseThrow();
        assertFalse(s.complete());
        assertEquals(1_200_000, s.messageBytes());
        assertEquals(64 * 1024, s.message().length);
        assertArrayEquals(java.util.Arrays.copyOf(noise, 64 * 1024), s.message());
    }

    static MessageStore.Query q(String visit, String psn, String control, String type, String ack, String app, Instant from, Instant to) {
        return new MessageStore.Query(null, visit, psn, control, type, ack, app, null, from, to, null, 100);
    }

    static List<Long> ids(List<MessageStore.Stored> l) {
        return l.stream().map(MessageStore.Stored::id).toList();
    }
}
