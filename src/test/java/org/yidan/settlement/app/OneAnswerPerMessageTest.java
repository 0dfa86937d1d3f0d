package org.yidan.settlement.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yidan.settlement.app.MllpServiceTest.field;
import static org.yidan.settlement.app.MllpServiceTest.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yidan.settlement.core.Ledger;
import org.yidan.settlement.core.Settler;
import org.yidan.settlement.hl7.Hl7Acks;
import org.yidan.settlement.hl7.Hl7Mapping;
import org.yidan.settlement.hl7.Hl7Reader;
import org.yidan.settlement.store.MessageLog;
import org.yidan.settlement.store.StoreException;
import org.yidan.settlement.store.UnitOfWork;
import org.yidan.settlement.store.VisitStore;
import org.yidan.settlement.tools.MllpClient;
import org.yidan.settlement.service.EncounterCompletion;
import org.yidan.settlement.service.Hl7Service;
import org.yidan.settlement.config.InputLimits;
import org.yidan.settlement.service.Settlements;

/**
 * One message, one answer, kept with what it changed (issue 10, D3 and D8): concurrent resends of one control id
 * settle once and get byte-identical ACKs; an answer that cannot be kept leaves nothing changed; a non-ASCII control id
 * is recognised as a resend. Figures: the README example (35000.00 of charges; assistance 6432.37, SettlerTest).
 */
class OneAnswerPerMessageTest {
    @TempDir
    Path data;

    static byte[] example(String f) throws Exception {
        return Files.readAllBytes(Path.of("mappings/examples", f));
    }

    /** Sends {@code message} from {@code n} connections at the same moment; the ACKs. */
    static List<byte[]> atOnce(ServiceFixture svc, byte[] message, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<byte[]>> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(pool.submit(() -> {
                    try (MllpClient c = new MllpClient("127.0.0.1", svc.mllpPort, 30_000)) {
                        go.await();
                        return c.send(message);
                    }
                }));
            }
            go.countDown();
            List<byte[]> acks = new ArrayList<>();
            for (Future<byte[]> f : out) acks.add(f.get());
            return acks;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentResendsSettleOnceAndGetOneAnswer() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of())) {
            for (String f : new String[] {"lc-01-adt-a01.hl7", "lc-02-dft-p03.hl7", "lc-03-dft-p03.hl7"}) {
                try (MllpClient c = new MllpClient("127.0.0.1", svc.mllpPort, 10_000)) {
                    assertEquals("AA", field(segment(new String(c.send(example(f)), StandardCharsets.UTF_8), "MSA"), 1), f);
                }
            }
            List<byte[]> a03 = atOnce(svc, example("lc-04-adt-a03.hl7"), 16);
            for (byte[] ack : a03) assertArrayEquals(a03.get(0), ack, "one control id, one answer: " + new String(ack, StandardCharsets.UTF_8));
            assertEquals("6432.37", field(segment(new String(a03.get(0), StandardCharsets.UTF_8), "ZBL"), 7));
            // settled once: the person's year holds one stay's assistance (6432.37 of base 9189.10)
            JsonNode year = svc.get("/api/ledger/EX-P-371500-01/2024").ok();
            assertEquals(1, year.get("visits").size(), year.toString());
            assertEquals("6432.37", year.at("/pools/assist/paid").decimalValue().toPlainString());

            List<byte[]> a13 = atOnce(svc, example("lc-05-adt-a13.hl7"), 16);
            for (byte[] ack : a13) assertArrayEquals(a13.get(0), ack, new String(ack, StandardCharsets.UTF_8));
            assertEquals("AA", field(segment(new String(a13.get(0), StandardCharsets.UTF_8), "MSA"), 1));
            assertEquals(404, svc.get("/api/settlements/EX-LC-0001").status());
        }
    }

    @Test
    void aNonAsciiControlIdIsARecognisedResend() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of())) {
            byte[] a01 = new String(example("lc-01-adt-a01.hl7"), StandardCharsets.UTF_8).replace("LC0001-A01", "入院-0001")
                    .getBytes(StandardCharsets.UTF_8);
            Hl7Service hl7 = svc.context.getBean(Hl7Service.class);
            Hl7Service.Result first = hl7.handle(a01);
            Hl7Service.Result again = hl7.handle(a01);
            assertEquals("AA", first.ackCode());
            assertTrue(again.resent(), "the second is a resend");
            assertArrayEquals(first.ack(), again.ack());
            assertEquals("入院-0001", field(segment(new String(again.ack(), StandardCharsets.UTF_8), "MSA"), 2));
        }
    }

    @Test
    void aControlIdTooLongToKeepIsRefusedBeforeAnything() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of())) {
            Hl7Service hl7 = svc.context.getBean(Hl7Service.class);
            for (String f : new String[] {"lc-01-adt-a01.hl7", "lc-02-dft-p03.hl7", "lc-03-dft-p03.hl7"}) {
                assertEquals("AA", hl7.handle(example(f)).ackCode(), f);
            }
            // 70 × 中 = 70 characters (210 bytes) passes; 201 characters does not
            String a03 = new String(example("lc-04-adt-a03.hl7"), StandardCharsets.UTF_8);
            String longId = "X".repeat(201);
            Hl7Service.Result r = hl7.handle(a03.replace("LC0001-A03", longId).getBytes(StandardCharsets.UTF_8));
            String ack = new String(r.ack(), StandardCharsets.UTF_8);
            assertEquals("AR", r.ackCode(), ack);
            assertTrue(ack.contains("MSH^1^10") && ack.contains("MSH-10 消息控制ID长 201 个字符，最多 200 个"), ack);
            assertEquals(404, svc.get("/api/settlements/EX-LC-0001").status(), "refused, so not settled");
            Hl7Service.Result ok = hl7.handle(a03.replace("LC0001-A03", "中".repeat(70)).getBytes(StandardCharsets.UTF_8));
            assertEquals("AA", ok.ackCode());
            assertTrue(hl7.handle(a03.replace("LC0001-A03", "中".repeat(70)).getBytes(StandardCharsets.UTF_8)).resent());
        }
    }

    /** When the answer cannot be kept, the change it answers is not kept either, and the ACK says so truly. */
    @Test
    void anAnswerThatCannotBeKeptLeavesNothingChanged() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of())) {
            var ctx = svc.context;
            MessageLog real = ctx.getBean(MessageLog.class);
            MessageLog failing = new MessageLog() {
                @Override
                public Optional<Entry> find(String controlId) {
                    return real.find(controlId);
                }

                @Override
                public boolean record(Entry e) {
                    real.record(e);   // written in the unit of work, then the unit fails: both are rolled back
                    if (e.messageType().equals("ADT^A03") || e.messageType().equals("DFT^P03")) throw new StoreException("disk full", null);
                    return true;
                }

                @Override
                public void replace(MessageLog.Entry e) {
                    real.replace(e);
                }

                @Override
                public Map<String, Long> counts() {
                    return real.counts();
                }
            };
            Hl7Reader reader = new Hl7Reader(ctx.getBean(Hl7Mapping.class));
            Hl7Acks acks = new Hl7Acks("YIDAN", "SETTLEMENT", reader.charsets(), ctx.getBean(java.time.Clock.class), null);
            Hl7Service hl7 = new Hl7Service(reader, acks, org.yidan.settlement.service.hl7.Hl7Handlers.all(acks, ctx.getBean(Settler.class),
                    ctx.getBean(Ledger.class), ctx.getBean(VisitStore.class), ctx.getBean(EncounterCompletion.class), ctx.getBean(Settlements.class),
                    ctx.getBean(InputLimits.class), ctx.getBean(java.time.Clock.class)),
                    failing, ctx.getBean(org.yidan.settlement.store.MessageStore.class), ctx.getBean(java.time.Clock.class), UnitOfWork.on(ctx.getBean(DataSource.class)), ctx.getBean(InputLimits.class));
            assertEquals("AA", hl7.handle(example("lc-01-adt-a01.hl7")).ackCode());
            Hl7Service.Result dft = hl7.handle(example("lc-02-dft-p03.hl7"));
            String ack = new String(dft.ack(), StandardCharsets.UTF_8);
            assertEquals("AE", dft.ackCode(), ack);
            assertTrue(ack.contains("未作任何变更，请重发") && !ack.contains("disk full"), ack);
            assertEquals(List.of(), ctx.getBean(VisitStore.class).charges("EX-LC-0001"), "the charges went with the answer");
            assertTrue(real.find("LC0001-P03-1").isEmpty(), "no answer kept: a resend is tried again");
            // the same message, once the log works again, is applied
            Hl7Service working = svc.context.getBean(Hl7Service.class);
            assertEquals("AA", working.handle(example("lc-02-dft-p03.hl7")).ackCode());
            assertEquals(2, ctx.getBean(VisitStore.class).charges("EX-LC-0001").size());
        }
    }
}
