package org.yidan.settlement.hl7;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yidan.settlement.hl7.Hl7Fixtures.bytes;
import static org.yidan.settlement.hl7.Hl7Fixtures.segment;
import static org.yidan.settlement.hl7.Hl7Fixtures.text;
import static org.yidan.settlement.hl7.Hl7Fixtures.utf8;
import static org.yidan.settlement.hl7.Hl7Fixtures.withField;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yidan.settlement.TestData;
import org.yidan.settlement.core.Bill;
import org.yidan.settlement.core.DepositDecision;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.FeeLine;
import org.yidan.settlement.core.Settler;
import org.yidan.settlement.ledger.InMemoryLedger;

/** ACKs: addressing, MSA, ERR in v2.5 and v2.3/2.4 form, ZBL from a settled bill, ZDP from a deposit decision. */
class Hl7AcksTest {
    final Hl7Reader reader = Hl7Fixtures.reader();
    final Hl7Acks acks = Hl7Fixtures.acks();
    final Settler settler = new Settler(TestData.policies(), new InMemoryLedger(java.time.Clock.systemUTC()));

    /** Settles the Liaocheng example from its HL7 messages, as the service will. */
    Bill settleLiaocheng() {
        List<FeeLine> lines = new ArrayList<>();
        for (String f : List.of("lc-02-dft-p03.hl7", "lc-03-dft-p03.hl7")) lines.addAll(((Hl7Message.Charges) reader.read(bytes(f))).lines());
        Encounter e = ((Hl7Message.Discharge) reader.read(bytes("lc-04-adt-a03.hl7"))).encounterWithoutLines();
        e = new Encounter(e.mdtrtId(), e.psnNo(), e.certno(), e.psnName(), e.brdy(), e.insutype(), e.insuAdmdvs(),
                e.fixmedinsAdmdvs(), e.hospLv(), e.medType(), e.begntime(), e.endtime(), e.reliefCategories(),
                e.diagnoses(), e.referralDedcPaid(), e.deposit(), lines, e.upstream());
        return settler.settle(e).bill();
    }

    @Test
    void acceptSwapsSenderAndReceiver() {
        Hl7Acks.Ack a = acks.accept(bytes("lc-02-dft-p03.hl7"));
        assertEquals("AA", a.code());
        assertEquals("LC0001-P03-1", a.controlId());
        // MSH-7: the fixed clock's 2024-03-12T02:05:30Z in the hospital's zone: + 8 h = 10:05:30, offset +0800
        assertEquals("MSH|^~\\&|YIDAN|SETTLEMENT|HIS|LCRMYY|20240312100530+0800||ACK^P03^ACK|ACK0001|P|2.5||||||UNICODE UTF-8\r"
                + "MSA|AA|LC0001-P03-1\r", a.text());
        assertArrayEquals(utf8(a.text()), a.bytes());
    }

    @Test
    void dischargeAckCarriesTheBill() {
        Bill bill = settleLiaocheng();
        Hl7Acks.Ack a = acks.settled(bytes("lc-04-adt-a03.hl7"), bill);
        assertEquals("MSA|AA|LC0001-A03", segment(a.text(), "MSA"));
        // the numbers of the README's example bill
        assertEquals("ZBL|EX-LC-0001|35000.00|30603.27|21034.00|3136.90|0.00|6432.37|0.00|0.00|4396.73|4396.73|4396.73"
                + "|0.00|DIBAO^低保对象|Y||0.00|0.00", segment(a.text(), "ZBL"));
        Bill.Setlinfo s = bill.setlinfo();
        String[] f = segment(a.text(), "ZBL").split("\\|", -1);
        assertEquals(s.fundPaySumamt().toPlainString(), f[3]);
        assertEquals(s.mafPay().toPlainString(), f[7]);
        assertEquals(s.psnPartAmt().toPlainString(), f[10]);
    }

    @Test
    void alertsRepeatInZbl16() {
        Bill b = settleLiaocheng();
        Bill withAlerts = new Bill(b.mdtrtId(), b.psnNo(), b.certno(), b.psnName(), b.insutype(), b.insuAdmdvs(),
                b.fixmedinsAdmdvs(), b.medType(), b.begntime(), b.endtime(), b.setlYear(), b.policy(), b.setlinfo(),
                b.setldetail(), b.relief(), b.deposit(),
                List.of(new Bill.Alert("LARGE_EXPENSE", "m", "c"), new Bill.Alert("BURDEN_MONITOR", "m", "c")),
                b.warnings(), b.ledgerChanges(), b.platform(), b.shadowChecks());
        String zbl = segment(acks.settled(bytes("lc-04-adt-a03.hl7"), withAlerts).text(), "ZBL");
        assertEquals("LARGE_EXPENSE~BURDEN_MONITOR", zbl.split("\\|", -1)[16]);
    }

    @Test
    void admitAckCarriesTheDepositDecision() {
        Hl7Message.Admit m = (Hl7Message.Admit) reader.read(bytes("lc-01-adt-a01.hl7"));
        DepositDecision d = settler.admit(m.admission());
        Hl7Acks.Ack a = acks.admitted(bytes("lc-01-adt-a01.hl7"), d);
        assertEquals("MSH|^~\\&|YIDAN|SETTLEMENT|HIS|LCRMYY|20240312100530+0800||ACK^A01^ACK|ACK0001|P|2.5||||||UNICODE UTF-8\r"
                + "MSA|AA|LC0001-A01\r"
                + "ZDP|Y|DIBAO|聊政办发〔2022〕5号 五|低保对象：先诊疗后付费，免住院押金（聊政办发〔2022〕5号 五）|deposit-free\r", a.text());
    }

    @Test
    void ackKeepsTheInboundVersion() {
        for (String v : Hl7Reader.VERSIONS) {
            String m = withField(text("lc-05-adt-a13.hl7"), "MSH", 12, v);
            String msh = segment(acks.accept(utf8(m)).text(), "MSH");
            assertTrue(msh.contains("|P|" + v + "|"), msh);
            assertTrue(msh.contains(v.equals("2.3") ? "|ACK^A13|" : "|ACK^A13^ACK|"), msh);
        }
        String m = withField(text("lc-05-adt-a13.hl7"), "MSH", 12, "2.7");
        assertTrue(segment(acks.accept(utf8(m)).text(), "MSH").contains("|P|2.5|"), "unsupported: answered as 2.5");
    }

    @Test
    void olderVersionsGetErr1() {
        String m = withField(withField(withField(text("lc-02-dft-p03.hl7"), "MSH", 12, "2.4"), "FT1", 2, 10, "abc"),
                "FT1", 1, 11, "x");
        Hl7Exception e = org.junit.jupiter.api.Assertions.assertThrows(Hl7Exception.class, () -> reader.read(utf8(m)));
        String ack = acks.error(utf8(m), e).text();
        assertEquals(1, ack.split("\rERR\\|").length - 1, "one ERR, ERR-1 repeats: " + ack);
        assertEquals("ERR|FT1^1^11^102&FT1[1]-11-1-1 明细项目费用总额（det_item_fee_sumamt）：'x' 不是数字&HL70357"
                + "~FT1^2^10^102&FT1[2]-10 数量（cnt）：'abc' 不是数字&HL70357", segment(ack, "ERR"));
        assertTrue(segment(ack, "MSA").startsWith("MSA|AE|LC0001-P03-1|FT1[1]-11-1-1 明细项目费用总额"), ack);
    }

    @Test
    void applicationErrorWithoutLocation() {
        Hl7Acks.Ack a = acks.error(bytes("lc-04-adt-a03.hl7"), "AE",
                List.of(Hl7Error.application("insu_admdvs: unknown region '999900'")));
        assertEquals("ERR|||207^Application internal error^HL70357|E||||insu_admdvs: unknown region '999900'",
                segment(a.text(), "ERR"));
        assertEquals("MSA|AE|LC0001-A03|insu_admdvs: unknown region '999900'", segment(a.text(), "MSA"));
    }

    @Test
    void senderFieldsWithComponentsAndEscapesAreCopied() {
        String m = withField(text("lc-05-adt-a13.hl7"), "MSH", 3, "HIS^2.16.840.1.113883.3.1^ISO");
        m = withField(m, "MSH", 4, "聊城\\F\\人民医院");
        m = withField(m, "MSH", 6, "");
        String msh = segment(acks.accept(utf8(m)).text(), "MSH");
        assertTrue(msh.startsWith("MSH|^~\\&|YIDAN|SETTLEMENT|HIS^2.16.840.1.113883.3.1^ISO|聊城\\F\\人民医院|"), msh);
    }

    @Test
    void unknownControlIdLeavesMsa2Empty() {
        Hl7Acks.Ack a = acks.accept(utf8("MSH|^~\\&|HIS|H|YIDAN|S|20240101||ADT^A13|||2.5\rPV1|1\r"));
        assertNull(a.controlId());
        assertEquals("MSA|AA", segment(a.text(), "MSA"));
    }

    /** The example ACKs of mappings/HL7.md are what the code sends. */
    @Test
    void exampleAcksInHl7MdAreCurrent() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("mappings/HL7.md"));
        List<String> acksSent = new ArrayList<>();
        Hl7Message.Admit admit = (Hl7Message.Admit) reader.read(bytes("lc-01-adt-a01.hl7"));
        acksSent.add(withId("ACK0001").admitted(bytes("lc-01-adt-a01.hl7"), settler.admit(admit.admission())).text());
        acksSent.add(withId("ACK0002").accept(bytes("lc-02-dft-p03.hl7")).text());
        acksSent.add(withId("ACK0004").settled(bytes("lc-04-adt-a03.hl7"), settleLiaocheng()).text());
        String bad = text("lc-02-dft-p03.hl7").replace("|||20|3000.00|150", "|||abc|3000.00|150");
        acksSent.add(withId("ACK0005").error(utf8(bad), failure(bad)).text());
        String v24 = bad.replace("|P|2.5|", "|P|2.4|").replace("ZFT|01\r", "");
        acksSent.add(withId("ACK0006").error(utf8(v24), failure(v24)).text());
        String a08 = text("lc-05-adt-a13.hl7").replace("ADT^A13^ADT_A01", "ADT^A08^ADT_A01");
        acksSent.add(withId("ACK0007").error(utf8(a08), failure(a08)).text());
        byte[] garbage = {1, 2, 3, 'x', 'y'};
        acksSent.add(withId("ACK0008").error(garbage, org.junit.jupiter.api.Assertions.assertThrows(Hl7Exception.class,
                () -> reader.read(garbage))).text());
        Hl7Message.Admit gb = (Hl7Message.Admit) reader.read(bytes("gb-01-adt-a01.hl7"));
        acksSent.add(withId("ACK0009").admitted(bytes("gb-01-adt-a01.hl7"), settler.admit(gb.admission())).text());
        for (String a : acksSent) {
            String block = "```\n" + a.replace('\r', '\n') + "```";
            assertTrue(doc.contains(block), "mappings/HL7.md lacks:\n" + block);
        }
    }

    Hl7Exception failure(String message) {
        return org.junit.jupiter.api.Assertions.assertThrows(Hl7Exception.class, () -> reader.read(utf8(message)));
    }

    Hl7Acks withId(String id) {
        return new Hl7Acks("YIDAN", "SETTLEMENT", new Hl7Charset(Hl7Fixtures.mapping().defaultCharset()),
                Hl7Fixtures.CLOCK, () -> id);
    }
}
