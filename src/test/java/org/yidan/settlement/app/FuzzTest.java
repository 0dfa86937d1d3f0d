package org.yidan.settlement.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yidan.settlement.app.MllpServiceTest.field;
import static org.yidan.settlement.app.MllpServiceTest.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.yidan.settlement.tools.MllpClient;

/**
 * Thousands of mutated messages over MLLP to an instance in this JVM (issue 10): bit flips, truncations, duplicated
 * and deleted segments, other delimiters, huge fields, bad bytes, other line ends, empty messages, from templates of
 * every message type (UTF-8 and GB18030), on four connections. Every well-framed message is answered; a message that
 * was refused (AE, AR) changed nothing (no admission, charge message, bill or cancel of its control id, and the
 * ledger's totals are exactly the sum of its bills); the service settles a valid discharge afterwards. The generator
 * is seeded, so a failure can be run again as it was.
 *
 * <p>{@code -Dfuzz.mllp=HOST:PORT} points it at a running instance (started as the README says) instead: every message
 * answered and a valid discharge settled after are checked there; {@code -Dfuzz.messages=N} sends N.
 */
@Timeout(300)
class FuzzTest {
    static final long SEED = Long.getLong("fuzz.seed", 20261202L);
    static final int MESSAGES = Integer.getInteger("fuzz.messages", 3000);
    static final int VISITS = 20;

    @TempDir
    Path data;

    record Template(String text, Charset cs) {}

    static Template template(String file, Charset cs) throws Exception {
        return new Template(new String(Files.readAllBytes(Path.of("mappings/examples", file)), cs), cs);
    }

    /** One message of type {@code t} for visit {@code v}, control id {@code id}. */
    static byte[] message(Template t, String v, String id) {
        String m = t.text().replace("EX-LC-0001", v).replace("EX-LY-0002", v).replaceAll("(?m)^(MSH(?:\\|[^|\\r]*){8}\\|)[^|\\r]*", "$1" + id);
        return m.getBytes(t.cs());
    }

    /** Applies one to three mutations. No VT or FS byte is made: framing is not what this varies. */
    static byte[] mutate(byte[] in, Random r) {
        byte[] m = in;
        int n = 1 + r.nextInt(3);
        for (int k = 0; k < n; k++) {
            switch (r.nextInt(10)) {
                case 0 -> {                                    // flip a bit
                    if (m.length > 0) {
                        m = m.clone();
                        int i = r.nextInt(m.length);
                        m[i] ^= (byte) (1 << r.nextInt(8));
                    }
                }
                case 1 -> m = java.util.Arrays.copyOf(m, m.length == 0 ? 0 : r.nextInt(m.length));   // truncate
                case 2 -> m = segments(m, r, true);            // duplicate a segment
                case 3 -> m = segments(m, r, false);           // delete a segment
                case 4 -> {                                    // other delimiters in MSH-1/2
                    if (m.length > 8) {
                        m = m.clone();
                        m[3 + r.nextInt(5)] = (byte) "#^~\\&|*!".charAt(r.nextInt(8));
                    }
                }
                case 5 -> m = insert(m, r, "X".repeat(r.nextInt(10) == 0 ? 200_000 : 5_000).getBytes(StandardCharsets.US_ASCII));
                case 6 -> m = insert(m, r, new byte[] {0, (byte) 0xff, (byte) 0x80, (byte) 0xc3, 0x28, (byte) 0xed, (byte) 0xa0});
                case 7 -> m = new String(m, StandardCharsets.ISO_8859_1).replace("\r", r.nextBoolean() ? "\n" : "\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1);
                case 8 -> m = r.nextInt(4) == 0 ? new byte[0] : insert(m, r, "|||^^^~~~\\\\".getBytes(StandardCharsets.US_ASCII));
                default -> m = insert(m, r, ("\r" + "ZZZ|" + r.nextInt()).getBytes(StandardCharsets.US_ASCII));
            }
        }
        for (int i = 0; i < m.length; i++) if (m[i] == 0x0b || m[i] == 0x1c) m[i] = '?';
        return m;
    }

    static byte[] insert(byte[] m, Random r, byte[] what) {
        int at = m.length == 0 ? 0 : r.nextInt(m.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(m.length + what.length);
        out.write(m, 0, at);
        out.write(what, 0, what.length);
        out.write(m, at, m.length - at);
        return out.toByteArray();
    }

    static byte[] segments(byte[] m, Random r, boolean duplicate) {
        List<String> segs = new ArrayList<>(List.of(new String(m, StandardCharsets.ISO_8859_1).split("\r", -1)));
        if (segs.size() < 2) return m;
        int i = r.nextInt(segs.size());
        if (duplicate) segs.add(i, segs.get(i));
        else segs.remove(i);
        return String.join("\r", segs).getBytes(StandardCharsets.ISO_8859_1);
    }

    record Sent(byte[] message, String ack) {}

    static final String TARGET = System.getProperty("fuzz.mllp");

    @Test
    void mutatedMessagesAreAllAnsweredAndRefusedOnesChangeNothing() throws Exception {
        try (ServiceFixture svc = TARGET == null ? new ServiceFixture(data, Map.of()) : null) {
            String host = TARGET == null ? "127.0.0.1" : TARGET.substring(0, TARGET.lastIndexOf(':'));
            int port = TARGET == null ? svc.mllpPort : Integer.parseInt(TARGET.substring(TARGET.lastIndexOf(':') + 1));
            Charset gb = Charset.forName("GB18030");
            List<Template> templates = List.of(template("lc-01-adt-a01.hl7", StandardCharsets.UTF_8), template("lc-02-dft-p03.hl7", StandardCharsets.UTF_8),
                    template("lc-03-dft-p03.hl7", StandardCharsets.UTF_8), template("lc-04-adt-a03.hl7", StandardCharsets.UTF_8),
                    template("lc-05-adt-a13.hl7", StandardCharsets.UTF_8), template("lc-06-adt-a11.hl7", StandardCharsets.UTF_8),
                    template("gb-01-adt-a01.hl7", gb), template("gb-03-adt-a03.hl7", gb));
            // visits in progress for the mutations to land on: admitted, one charge message each
            try (MllpClient c = new MllpClient(host, port, 30_000)) {
                // and one the mutations do not aim at: what an accepted A01 and DFT leave, to check the checks by
                for (int t = 0; t < 2; t++) assertTrue(new String(c.send(message(templates.get(t), "FK-0", "FK-0-" + t)),
                        StandardCharsets.UTF_8).contains("MSA|AA|"));
                for (int v = 0; v < VISITS; v++) {
                    for (int t = 0; t < 2; t++) {
                        String a = new String(c.send(message(templates.get(t), "FV-" + v, "FB-" + v + "-" + t)), StandardCharsets.UTF_8);
                        assertEquals("AA", field(segment(a, "MSA"), 1), a);
                    }
                }
            }
            ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
            AtomicInteger next = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 4; t++) {
                Thread th = new Thread(() -> {
                    try {
                        MllpClient c = new MllpClient(host, port, 60_000);
                        for (int i = next.getAndIncrement(); i < MESSAGES; i = next.getAndIncrement()) {
                            Random r = new Random(SEED * 31 + i);
                            Template tp = templates.get(r.nextInt(templates.size()));
                            String visit = r.nextInt(4) == 0 ? "FN-" + i : "FV-" + r.nextInt(VISITS);
                            byte[] m = mutate(message(tp, visit, "FZ-" + i), r);
                            byte[] ack;
                            try {
                                ack = c.send(m);
                            } catch (java.io.IOException closed) {
                                failures.add(new AssertionError("message " + i + " got no answer: " + closed));
                                c.close();
                                c = new MllpClient(host, port, 60_000);
                                continue;
                            }
                            sent.add(new Sent(m, new String(ack, StandardCharsets.ISO_8859_1)));
                        }
                        c.close();
                    } catch (Exception ex) {
                        failures.add(ex);
                    }
                });
                th.start();
                threads.add(th);
            }
            for (Thread th : threads) th.join();
            assertEquals(List.of(), failures, "every well-framed message is answered");
            assertEquals(MESSAGES, sent.size());

            Map<String, Integer> codes = new TreeMap<>();
            List<String> refusedIds = new ArrayList<>();
            for (Sent s : sent) {
                String code = field(segment(s.ack(), "MSA"), 1);
                codes.merge(code, 1, Integer::sum);
                assertTrue(code.equals("AA") || code.equals("AE") || code.equals("AR"), s.ack());
                String id = field(segment(s.ack(), "MSA"), 2);
                if (!code.equals("AA") && !id.isEmpty()) refusedIds.add(id);
            }
            System.out.printf("FuzzTest (seed %d): %d messages sent, %d answered: %s; %d refused with a control id checked%n",
                    SEED, MESSAGES, sent.size(), codes, refusedIds.size());

            String url = "jdbc:h2:file:" + data.resolve("settlement").toAbsolutePath();
            if (svc != null) try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                // the queries find what an accepted message left (so that finding nothing for a refused one means something)
                assertEquals(1, count(c, "SELECT COUNT(*) FROM visit_admission WHERE detail LIKE ?", "%\"via\":\"HL7 ADT^A01 FK-0-0\"%"));
                assertEquals(1, count(c, "SELECT COUNT(*) FROM visit_charge_message WHERE message_id = ?", "FK-0-1"));
                for (String id : refusedIds) {
                    String latin = id;   // MSA-2 as the ACK's bytes read in ISO-8859-1: exact for ASCII ids
                    if (!latin.chars().allMatch(ch -> ch < 128)) continue;
                    assertEquals(0, count(c, "SELECT COUNT(*) FROM visit_charge_message WHERE message_id = ?", id), "charges of refused " + id);
                    assertEquals(0, count(c, "SELECT COUNT(*) FROM ledger_settled WHERE settled_via = ?", "HL7 ADT^A03 " + id), "bill of refused " + id);
                    assertEquals(0, count(c, "SELECT COUNT(*) FROM ledger_cancelled WHERE settled_via = ?", "HL7 ADT^A03 " + id), "bill of refused " + id);
                    assertEquals(0, count(c, "SELECT COUNT(*) FROM audit_log WHERE reason = ?", "HL7 ADT^A13 " + id), "cancel by refused " + id);
                    assertEquals(0, count(c, "SELECT COUNT(*) FROM visit_admission WHERE detail LIKE ?", "%\"via\":\"HL7 ADT^A01 " + id + "\"%"),
                            "admission by refused " + id);
                }
                KillTest.check("h2", url, new KillTest.Told());   // the ledger's totals are the sum of its bills
            }

            // and the service still settles a valid discharge (the README example under a new visit and person)
            try (MllpClient c = new MllpClient(host, port, 30_000)) {
                String last = null;
                for (String f : new String[] {"lc-01-adt-a01.hl7", "lc-02-dft-p03.hl7", "lc-03-dft-p03.hl7", "lc-04-adt-a03.hl7"}) {
                    String after = TARGET == null ? "FZ-AFTER" : "FZ-AFTER-" + SEED + "-" + MESSAGES;
                    String m = Files.readString(Path.of("mappings/examples", f)).replace("EX-LC-0001", after)
                            .replace("EX-P-371500-01", after + "-P").replace("LC0001", after);
                    last = new String(c.send(m.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
                    assertEquals("AA", field(segment(last, "MSA"), 1), f + ": " + last);
                }
                assertEquals(new BigDecimal("6432.37"), new BigDecimal(field(segment(last, "ZBL"), 7)));
            }
            if (svc != null) {
                JsonNode bill = svc.get("/api/settlements/FZ-AFTER").ok();
                assertEquals("4396.73", bill.at("/setlinfo/psn_part_amt").decimalValue().toPlainString());
            }
        }
    }

    static long count(Connection c, String sql, String arg) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
