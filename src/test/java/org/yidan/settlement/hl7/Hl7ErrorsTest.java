package org.yidan.settlement.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yidan.settlement.hl7.Hl7Fixtures.segment;
import static org.yidan.settlement.hl7.Hl7Fixtures.text;
import static org.yidan.settlement.hl7.Hl7Fixtures.utf8;
import static org.yidan.settlement.hl7.Hl7Fixtures.withField;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Malformed messages: the right HL7 error code and location, every problem at once, and an ACK with MSA-2. */
class Hl7ErrorsTest {
    final Hl7Reader reader = Hl7Fixtures.reader();
    final Hl7Acks acks = Hl7Fixtures.acks();

    Hl7Exception fails(String message) {
        return assertThrows(Hl7Exception.class, () -> reader.read(utf8(message)));
    }

    Hl7Exception fails(byte[] message) {
        return assertThrows(Hl7Exception.class, () -> reader.read(message));
    }

    static void at(Hl7Error e, int code, String segment, int seq, int field, int component) {
        assertEquals(code, e.code(), e.toString());
        assertEquals(segment, e.segment(), e.toString());
        assertEquals(seq, e.sequence(), e.toString());
        assertEquals(field, e.field(), e.toString());
        assertEquals(component, e.component(), e.toString());
    }

    /** The ACK for a failed message, decoded. */
    String ack(byte[] message, Hl7Exception e) {
        Hl7Acks.Ack a = acks.error(message, e);
        return new String(a.bytes(), a.charset());
    }

    @Test
    void missingPid3() {
        String m = withField(text("lc-01-adt-a01.hl7"), "PID", 3, "");
        Hl7Exception e = fails(m);
        assertFalse(e.rejected());
        assertEquals("AE", e.ackCode());
        assertEquals(1, e.errors().size(), e.getMessage());   // psn_no is required; certno is not
        at(e.errors().get(0), 101, "PID", 1, 3, 1);
        assertEquals("PID[1]-3-1 人员编号（psn_no）不能为空（没有组件 5 = PN 的重复）",
                e.errors().get(0).text());
        String ack = ack(utf8(m), e);
        assertTrue(segment(ack, "MSA").startsWith("MSA|AE|LC0001-A01|"), ack);
        assertEquals("ERR||PID^1^3^^1|101^Required field missing^HL70357|E||||"
                + "PID[1]-3-1 人员编号（psn_no）不能为空（没有组件 5 = PN 的重复）",
                segment(ack, "ERR"));
    }

    @Test
    void badAmountInFt1() {
        String m = withField(text("lc-02-dft-p03.hl7"), "FT1", 2, 10, "abc");
        m = withField(m, "FT1", 1, 11, "-660.00");
        Hl7Exception e = fails(m);
        assertEquals(2, e.errors().size(), e.getMessage());
        at(e.errors().get(0), 102, "FT1", 1, 11, 1);
        assertEquals("FT1[1]-11-1-1 明细项目费用总额（det_item_fee_sumamt）：-660.00 不能为负数", e.errors().get(0).text());
        at(e.errors().get(1), 102, "FT1", 2, 10, 0);
        assertEquals("FT1[2]-10 数量（cnt）：'abc' 不是数字", e.errors().get(1).text());
        String ack = ack(utf8(m), e);
        assertTrue(segment(ack, "MSA").startsWith("MSA|AE|LC0001-P03-1|"), ack);
        assertEquals(2, ack.split("\rERR\\|").length - 1, ack);
    }

    @Test
    void amountsHaveAtMostTwoDecimalsAndMatchQuantityTimesPrice() {
        String m = withField(text("lc-02-dft-p03.hl7"), "FT1", 1, 11, "660.001");
        at(fails(m).errors().get(0), 102, "FT1", 1, 11, 1);
        m = withField(text("lc-02-dft-p03.hl7"), "FT1", 2, 11, "2999.00");
        Hl7Error e = fails(m).errors().get(0);
        at(e, 102, "FT1", 2, 11, 1);
        assertTrue(e.text().contains("与数量 × 单价 = 3000 不符"), e.text());
    }

    @Test
    void reliefIdentitiesWithDates() throws Exception {
        // ZIN-2 repetition code^begin^end (mappings/hl7-default.yaml relief_begntime/relief_endtime): 9902 低保 from
        // 2024-01-01 to 2024-02-29 has dates; 9901 特困 alone has none; 9900 (ordinary) maps to no category and is dropped
        String m = withField(text("lc-01-adt-a01.hl7"), "ZIN", 2, "9902^20240101^20240229~9901~9900^20240101");
        Hl7Message.Admit a = (Hl7Message.Admit) reader.read(utf8(m));
        assertEquals(List.of("TEKUN"), a.admission().reliefCategories());
        assertEquals(List.of(new org.yidan.settlement.core.Identity("DIBAO", java.time.LocalDate.of(2024, 1, 1),
                java.time.LocalDate.of(2024, 2, 29))), a.admission().identities());
        // an open end: only the begin date
        Hl7Message.Admit open = (Hl7Message.Admit) reader.read(utf8(withField(text("lc-01-adt-a01.hl7"), "ZIN", 2, "9902^20240301")));
        assertEquals(List.of(new org.yidan.settlement.core.Identity("DIBAO", java.time.LocalDate.of(2024, 3, 1), null)),
                open.admission().identities());
        // an end before the begin: refused at ZIN-2's repetition, component 3 (the end date)
        Hl7Exception e = fails(withField(text("lc-01-adt-a01.hl7"), "ZIN", 2, "9901~9902^20240201^20240131"));
        Hl7Error err = e.errors().get(0);
        at(err, 102, "ZIN", 1, 2, 3);
        assertEquals(2, err.repetition());
        assertTrue(err.text().contains("2024-01-31 早于身份开始日期 2024-02-01"), err.text());
    }

    @Test
    void yearToDateSegments() throws Exception {
        // ZYT|source|as-of|year|layer or pool|base|paid (mappings/hl7-default.yaml ytd_*), one per layer or pool
        String a03 = text("lc-04-adt-a03.hl7").stripTrailing();
        String m = a03 + "\rZYT|5206|20240229|2024|assistance|45000.00|30000.00\rZYT|5206|20240229|2024|reassist|100.00|0\r";
        Hl7Message.Discharge d = (Hl7Message.Discharge) reader.read(utf8(m));
        org.yidan.settlement.core.YearToDate y = d.encounterWithoutLines().yearToDate();
        assertEquals(2024, y.year());
        assertEquals(java.time.LocalDate.of(2024, 2, 29), y.asOf());
        assertEquals("5206", y.source());
        assertEquals(new org.yidan.settlement.core.PoolTotals(new java.math.BigDecimal("45000.00"), new java.math.BigDecimal("30000.00")),
                y.layers().get("assistance"));
        assertEquals(new java.math.BigDecimal("100.00"), y.pools().get("reassist").base());
        // paid above its base: refused at ZYT[1]-6; a second segment with another date: at its ZYT-3
        Hl7Error paid = fails(a03 + "\rZYT|5206|20240229|2024|assistance|100.00|30000.00\r").errors().get(0);
        at(paid, 102, "ZYT", 1, 6, 0);
        assertTrue(paid.text().contains("30000.00 超过累计基数 100.00"), paid.text());
        Hl7Error mixed = fails(a03 + "\rZYT|5206|20240229|2024|assistance|1|1\rZYT|5206|20240301|2024|re_assistance|1|1\r").errors().get(0);
        assertEquals("ZYT", mixed.segment());
        assertEquals(2, mixed.sequence());
        assertTrue(mixed.text().contains("各年度累计段的来源、截至日期和年度应相同"), mixed.text());
    }

    @Test
    void unknownReliefCode() {
        String m = withField(text("lc-01-adt-a01.hl7"), "ZIN", 2, "9902~9999");
        Hl7Exception e = fails(m);
        assertEquals(1, e.errors().size(), e.getMessage());
        Hl7Error err = e.errors().get(0);
        at(err, 103, "ZIN", 1, 2, 0);
        assertEquals(2, err.repetition());
        assertTrue(err.text().startsWith("ZIN[1]-2(2) 人员身份类别（relief_categories）：'9999' 不在 "
                + "mappings/hl7-default.yaml 的代码表 relief_categories 中"), err.text());
        String ack = ack(utf8(m), e);
        assertTrue(segment(ack, "ERR").startsWith("ERR||ZIN^1^2^2|103^Table value not found^HL70357|E|"), ack);
    }

    @Test
    void unknownCodesInOtherTables() {
        String m = withField(text("lc-01-adt-a01.hl7"), "PV1", 18, "99");
        m = withField(m, "IN1", 2, "320^公务员医疗补助");
        Hl7Exception e = fails(m);
        assertEquals(List.of(103, 103), e.errors().stream().map(Hl7Error::code).toList(), e.getMessage());
        assertEquals("IN1", e.errors().get(0).segment());
        assertEquals("PV1", e.errors().get(1).segment());
    }

    @Test
    void unsupportedMessageType() {
        String m = text("lc-05-adt-a13.hl7").replace("ADT^A13^ADT_A01", "ADT^A08^ADT_A01");
        Hl7Exception e = fails(m);
        assertTrue(e.rejected());
        at(e.errors().get(0), 200, "MSH", 1, 9, 2);
        assertEquals("LC0001-A13", e.controlId());
        String ack = ack(utf8(m), e);
        assertTrue(segment(ack, "MSA").startsWith("MSA|AR|LC0001-A13|"), ack);
        assertTrue(segment(ack, "MSH").contains("|ACK^A08^ACK|"), ack);
        assertTrue(segment(ack, "ERR").startsWith("ERR||MSH^1^9^^2|200^Unsupported message type^HL70357|E|"), ack);
    }

    @Test
    void unsupportedVersion() {
        Hl7Exception e = fails(withField(text("lc-05-adt-a13.hl7"), "MSH", 12, "2.6"));
        assertTrue(e.rejected());
        at(e.errors().get(0), 203, "MSH", 1, 12, 0);
    }

    @Test
    void garbageBytes() {
        byte[] garbage = {(byte) 0x9c, 0x00, 0x13, (byte) 0xff, 'x', 'y', '|', '^', '\r', 0x7f, (byte) 0xe4, (byte) 0xb8};
        Hl7Exception e = fails(garbage);
        assertTrue(e.rejected());
        at(e.errors().get(0), 100, "MSH", 1, 0, 0);
        assertNull(e.controlId());
        assertNull(Hl7Reader.controlId(garbage));
        Hl7Acks.Ack a = acks.error(garbage, e);
        String ack = new String(a.bytes(), a.charset());
        assertEquals("AR", a.code());
        assertNull(a.controlId());
        assertEquals("MSA|AR||消息不是以 MSH 段开头", segment(ack, "MSA"));
        assertEquals("ERR||MSH^1|100^Segment sequence error^HL70357|E||||消息不是以 MSH 段开头",
                segment(ack, "ERR"));
        assertEquals("MSH|^~\\&|YIDAN|SETTLEMENT|||20240312100530+0800||ACK|ACK0001|P|2.5||||||UNICODE UTF-8",
                segment(ack, "MSH"));
    }

    @Test
    void unparseableAfterMshStillAnswersWithTheControlId() {
        // MSH is fine, the rest is not HL7: HAPI cannot make segments of it
        String m = segment(text("lc-05-adt-a13.hl7"), "MSH") + "\r" + "\u0001\u0002 not a segment\r";
        Hl7Exception e = fails(m);
        assertTrue(e.rejected(), e.getMessage());
        assertEquals("LC0001-A13", e.controlId());
        assertTrue(e.errors().get(0).text().contains("消息第 2 段：'?? not a segment' 不是段标识"),
                e.errors().get(0).text());
        assertTrue(segment(ack(utf8(m), e), "MSA").startsWith("MSA|AR|LC0001-A13|"));
    }

    @Test
    void badBytesForTheCharsetAreRejectedWithTheControlId() {
        byte[] ok = utf8(text("lc-01-adt-a01.hl7"));
        byte[] bad = ok.clone();
        int pid = new String(ok, StandardCharsets.ISO_8859_1).indexOf("王");
        if (pid < 0) pid = indexOfName(ok);
        bad[pid] = (byte) 0xff;   // not UTF-8
        Hl7Exception e = fails(bad);
        assertTrue(e.rejected());
        assertEquals(102, e.errors().get(0).code());
        assertEquals("PID", e.errors().get(0).segment());
        assertEquals("LC0001-A01", e.controlId());
        assertEquals("LC0001-A01", Hl7Reader.controlId(bad));
    }

    private static int indexOfName(byte[] raw) {
        return Hl7ExamplesTest.indexOf(raw, "王".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyProblemIsReportedTogether() {
        String m = withField(text("lc-01-adt-a01.hl7"), "PV1", 19, "");
        m = withField(m, "PV1", 44, "2024-03-01");
        m = withField(m, "ZIN", 1, "3715");
        m = withField(m, "ZIN", 6, "1.234");
        m = withField(m, "PID", 7, "19801345");
        Hl7Exception e = fails(m);
        assertEquals(List.of("PV1[1]-19-1", "PID[1]-7", "ZIN[1]-1", "PV1[1]-44-1", "ZIN[1]-6"),
                e.errors().stream().map(Hl7Error::location).toList(), e.getMessage());
        assertEquals(List.of(101, 102, 102, 102, 102), e.errors().stream().map(Hl7Error::code).toList());
    }

    @Test
    void missingSegmentsAndMissingControlId() {
        String noFt1 = String.join("\r", java.util.Arrays.stream(text("lc-02-dft-p03.hl7").split("\r"))
                .filter(s -> !s.startsWith("FT1") && !s.startsWith("ZFT")).toList()) + "\r";
        at(fails(noFt1).errors().get(0), 100, "FT1", 1, 0, 0);

        String noZft = text("lc-02-dft-p03.hl7").replace("ZFT|02|0.10\r", "");
        Hl7Error e = fails(noZft).errors().get(0);
        at(e, 100, "FT1", 2, 0, 0);
        assertTrue(e.text().startsWith("缺少 FT1[2] 之后的 ZFT 段"), e.text());

        String noPv1 = text("lc-05-adt-a13.hl7").replace("PV1|1|I|||||||||||||||||EX-LC-0001\r", "");
        at(fails(noPv1).errors().get(0), 100, "PV1", 1, 0, 0);

        Hl7Exception noId = fails(withField(text("lc-05-adt-a13.hl7"), "MSH", 10, ""));
        assertTrue(noId.rejected());
        at(noId.errors().get(0), 101, "MSH", 1, 10, 0);
        assertNull(noId.controlId());
    }

    @Test
    void dischargeBeforeAdmission() {
        String m = withField(text("lc-04-adt-a03.hl7"), "PV1", 45, "20240229120000");
        Hl7Error e = fails(m).errors().get(0);
        at(e, 102, "PV1", 1, 45, 1);
        assertTrue(e.text().contains("早于入院时间"), e.text());
    }

    @Test
    void controlIdOfAnUnknownCharsetMessage() {
        String m = withField(text("lc-05-adt-a13.hl7"), "MSH", 18, "BIG-5");
        Hl7Exception e = fails(utf8(m));
        assertTrue(e.rejected());
        at(e.errors().get(0), 103, "MSH", 1, 18, 0);
        assertNotNull(e.controlId());
        Hl7Acks.Ack a = acks.error(utf8(m), e);
        assertEquals("LC0001-A13", a.controlId());
        assertEquals(StandardCharsets.UTF_8, a.charset());
        assertTrue(segment(a.text(), "MSH").endsWith("|UNICODE UTF-8"), a.text());
    }
}
