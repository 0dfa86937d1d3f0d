package org.yidan.settlement.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yidan.settlement.app.MllpServiceTest.field;
import static org.yidan.settlement.app.MllpServiceTest.segment;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.yidan.settlement.store.VisitStore;
import org.yidan.settlement.service.Hl7Service;

/**
 * Limits on what a message may carry (issue 10, D6, D10, D11 and limits): a value out of bounds is refused naming the
 * field and the bound, before any arithmetic or storage, and nothing is changed. The service runs with 10 charge lines
 * a message and 15 a visit, to keep the messages small.
 */
@Timeout(120)
class LimitsTest {
    @TempDir
    static Path data;
    static ServiceFixture svc;
    static String example;
    static Hl7Service hl7;

    @BeforeAll
    static void start() throws Exception {
        svc = new ServiceFixture(data, Map.of("yidan.limits.lines-per-message", 10, "yidan.limits.lines-per-visit", 15));
        example = Files.readString(Path.of("conformance-tests/examples/liaocheng-dibao-inpatient.json"));
        hl7 = svc.context.getBean(Hl7Service.class);
    }

    @AfterAll
    static void stop() {
        svc.close();
    }

    static String visit(String id) {
        return example.replace("EX-LC-0001", id);
    }

    static void refused(String body, String... says) {
        ServiceFixture.Reply r = svc.post("/api/settlements", body);
        assertEquals(400, r.status(), r.body());
        for (String s : says) assertTrue(r.body().contains(s), r.body());
        assertTrue(!r.body().contains("SQL") && !r.body().contains("Value too long"), r.body());
    }

    @Test
    void hugeExponentsAreRefusedBeforeArithmetic() {
        // an 11-character amount that BigDecimal would expand to ten million digits
        refused(visit("LM-1").replace("\"det_item_fee_sumamt\": 660.00", "\"det_item_fee_sumamt\": \"1e9999999\""),
                "feedetail[0].det_item_fee_sumamt: '1e9999999' 过大");
        refused(visit("LM-1").replace("\"det_item_fee_sumamt\": 660.00", "\"det_item_fee_sumamt\": 1e9999999"),
                "feedetail[0].det_item_fee_sumamt", "过大");
        refused(visit("LM-1").replace("\"cnt\": 11", "\"cnt\": 1e-9999999"), "feedetail[0].cnt", "小数多于 6 位");
        refused(visit("LM-1").replace("\"det_item_fee_sumamt\": 660.00", "\"det_item_fee_sumamt\": \"1e309\""), "过大");
        // the same on 预结算's path
        ServiceFixture.Reply p = svc.post("/api/settlements/preview", visit("LM-1").replace("\"pric\": 60", "\"pric\": \"1e9999999\""));
        assertEquals(400, p.status(), p.body());
        assertEquals(404, svc.get("/api/settlements/LM-1").status());
    }

    @Test
    void amountsHaveAnUpperBound() {
        // a deposit of 1e20: the bill would show a refund of 1e20
        refused(visit("LM-2").replace("\"deposit\": 0", "\"deposit\": 99999999999999999999.99"), "deposit: ", "过大");
        refused(visit("LM-2").replace("\"deposit\": 0", "\"deposit\": 100000000.00"),
                "deposit: 100000000.00 超过可接受的最大金额 99999999.99");
        assertEquals(404, svc.get("/api/settlements/LM-2").status());
    }

    @Test
    void textLongerThanItsColumnIsAFieldError() {
        refused(visit("LM-3").replace("王秀英", "王".repeat(1_000_000)), "psn_name: 长 1000000 个字符，最多 100 个");
        refused(visit("LM-3").replace("EX-P-371500-01", "P".repeat(65)), "psn_no: 长 65 个字符，最多 64 个");
        refused(visit("L".repeat(101)), "mdtrt_id: 长 101 个字符，最多 100 个");
        refused(visit("LM-3").replace("\"med_list_codg\": \"110900001\"", "\"med_list_codg\": \"" + "9".repeat(101) + "\""),
                "feedetail[0].med_list_codg: 长 101 个字符，最多 100 个");
        assertEquals(404, svc.get("/api/settlements/LM-3").status());
    }

    @Test
    void tooManyLinesAndTooLargeABody() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            lines.append(i == 0 ? "" : ",").append("{\"feedetl_sn\": \"").append(i).append("\", \"chrgitm_lv\": \"01\", \"cnt\": 1, \"pric\": 10, \"det_item_fee_sumamt\": 10.00}");
        }
        String eleven = visit("LM-4").replaceAll("(?s)\"feedetail\": \\[.*]", "\"feedetail\": [" + lines + "]");
        refused(eleven, "feedetail: 一条消息中有 11 条费用明细，最多 10 条（yidan.limits.lines-per-message）");
        // a body over the server's limit (4 MB by default): 413 before it is read
        ServiceFixture.Reply big = svc.post("/api/settlements", visit("LM-4").replace("王秀英", "王".repeat(2_000_000)));
        assertEquals(413, big.status(), big.body());
        assertEquals(404, svc.get("/api/settlements/LM-4").status());
    }

    static byte[] hl7File(String f, String... replace) throws Exception {
        String m = Files.readString(Path.of("mappings/examples", f));
        for (int i = 0; i < replace.length; i += 2) m = m.replace(replace[i], replace[i + 1]);
        return m.getBytes(StandardCharsets.UTF_8);
    }

    static String answer(byte[] message) {
        return new String(hl7.handle(message).ack(), StandardCharsets.UTF_8);
    }

    @Test
    void hl7FieldsNumbersAndLines() throws Exception {
        // PID-5 of a million characters: AE at PID-5 naming the bound; no admission stored
        String a01 = answer(hl7File("lc-01-adt-a01.hl7", "EX-LC-0001", "LH-1", "LC0001-A01", "LH-1-A01", "王秀英", "王".repeat(1_000_000)));
        assertEquals("AE", field(segment(a01, "MSA"), 1), a01.substring(0, Math.min(400, a01.length())));
        assertTrue(a01.contains("PID^1^5^1^1") && a01.contains("长 1000000 个字符，最多 100 个"), a01);
        assertTrue(svc.context.getBean(VisitStore.class).admission("LH-1").isEmpty());

        // an amount of 20 digits in FT1-11: AE 102 at that FT1; no charges stored
        assertEquals("AA", field(segment(answer(hl7File("lc-01-adt-a01.hl7", "EX-LC-0001", "LH-2", "LC0001-A01", "LH-2-A01")), "MSA"), 1));
        String p03 = answer(hl7File("lc-02-dft-p03.hl7", "EX-LC-0001", "LH-2", "LC0001-P03-1", "LH-2-P1", "|660.00|", "|99999999999999999999.00|"));
        assertTrue(p03.contains("MSA|AE|") && p03.contains("102^Data type error") && p03.contains("过大"), p03);
        assertEquals(0, svc.context.getBean(VisitStore.class).lineCount("LH-2"));

        // 11 FT1 in one DFT^P03: AR before it is parsed; 2 + 6 + 6 lines and then 6 more: over the visit's 15
        StringBuilder dft = new StringBuilder(Files.readString(Path.of("mappings/examples/lc-02-dft-p03.hl7")).replace("EX-LC-0001", "LH-2"));
        String ft1 = "FT1|9|9||20240301||CG|110900001^床位费|||1|60.00|60\rZFT|01\r";
        String six = ft1.repeat(6);
        String eleven = answer(dft.toString().replace("LC0001-P03-1", "LH-2-P2").concat(ft1.repeat(9)).getBytes(StandardCharsets.UTF_8));
        assertTrue(eleven.contains("MSA|AR|") && eleven.contains("一条消息中有 11 条费用明细（FT1），最多 10 条"), eleven);
        assertEquals("AA", field(segment(answer(dft.toString().replace("LC0001-P03-1", "LH-2-P3").concat(six).getBytes(StandardCharsets.UTF_8)), "MSA"), 1));
        String over = answer(dft.toString().replace("LC0001-P03-1", "LH-2-P4").concat(six).getBytes(StandardCharsets.UTF_8));
        assertTrue(over.contains("MSA|AE|") && over.contains("已有 8 条费用明细，再加 8 条将超过每次就诊上限 15 条"), over);
        assertEquals(8, svc.context.getBean(VisitStore.class).lineCount("LH-2"));
    }

    /** A message type of 100 characters is answered (AR) and kept as "other": never no answer (D4), never a new series (D14). */
    @Test
    void aLongMessageTypeIsAnswered() {
        String m = "MSH|^~\\&|HIS|H|YIDAN|S|20240101120000||ADT^" + "A".repeat(100) + "|LT-TYPE-1|P|2.5\rEVN|A01\r";
        Hl7Service.Result r = hl7.handle(m.getBytes(StandardCharsets.UTF_8));
        assertEquals("AR", r.ackCode(), new String(r.ack(), StandardCharsets.UTF_8));
        assertTrue(hl7.handle(m.getBytes(StandardCharsets.UTF_8)).resent(), "kept under its control id");
        assertTrue(svc.context.getBean(org.yidan.settlement.store.MessageLog.class).counts().containsKey("other|AR"));
    }
}
