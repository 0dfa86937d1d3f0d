package org.yidan.settlement.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.tools.MllpClient;

/**
 * HL7 over MLLP against the service started in-process: the example messages of mappings/examples, resends,
 * cancels, GB18030 on the wire, malformed messages, and a restart. The bill is the README example's (worked by
 * hand in SettlerTest: maf_pay 6432.37, psn_part_amt 4396.73).
 */
class MllpServiceTest {
    static final Charset GB = Charset.forName("GB18030");

    @TempDir
    Path data;

    static byte[] example(String name) throws Exception {
        return Files.readAllBytes(Path.of("mappings/examples", name));
    }

    static String segment(String ack, String seg) {
        for (String s : ack.split("\r")) if (s.startsWith(seg + "|")) return s;
        return null;
    }

    static String field(String segment, int n) {
        String[] f = segment.split("\\|", -1);
        return n < f.length ? f[n] : "";
    }

    /** The example visit under another number, with its ZIN-2 replaced (A01) and emptied (A03). */
    static byte[] visit(String file, String zin2) throws Exception {
        String m = new String(example(file), StandardCharsets.UTF_8).replace("EX-LC-0001", "EX-LC-ID1").replace("LC0001-", "LCID1-")
                .replace("EX-P-371500-01", "EX-P-ID1");
        return m.replace("ZIN|371500|9902|", "ZIN|371500|" + zin2 + "|").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDatedIdentityOfTheAdmissionCountsOnlyWhileValid() throws Exception {
        // A01: 9902 低保 valid 2024-01-01..2024-03-05; the A03 (discharge 2024-03-12) carries no ZIN-2, so the admission's
        // identity is used, with its dates. Admitted 2024-03-01 → 先诊疗后付费 (聊政办发〔2022〕5号 五): ZDP-1 Y; discharged
        // after its end → settled as ordinary: basic 21034.00 (SettlerTest), ordinary critical illness base 12326 under
        // its 15000 deductible → 0, no assistance: maf 0.00, patient 35000 − 21034 = 13966.00
        try (ServiceFixture svc = new ServiceFixture(data, Map.of());
             MllpClient c = new MllpClient("127.0.0.1", svc.mllpPort, 10_000)) {
            String a01 = new String(c.send(visit("lc-01-adt-a01.hl7", "9902^20240101^20240305")), StandardCharsets.UTF_8);
            assertEquals("AA", field(segment(a01, "MSA"), 1), a01);
            assertEquals("Y", field(segment(a01, "ZDP"), 1), a01);
            assertEquals("AA", field(segment(new String(c.send(visit("lc-02-dft-p03.hl7", "")), StandardCharsets.UTF_8), "MSA"), 1));
            assertEquals("AA", field(segment(new String(c.send(visit("lc-03-dft-p03.hl7", "")), StandardCharsets.UTF_8), "MSA"), 1));
            String a03 = new String(c.send(visit("lc-04-adt-a03.hl7", "")), StandardCharsets.UTF_8);
            assertEquals("AA", field(segment(a03, "MSA"), 1), a03);
            String zbl = segment(a03, "ZBL");
            assertEquals("21034.00", field(zbl, 4));
            assertEquals("0.00", field(zbl, 7));
            assertEquals("13966.00", field(zbl, 10));
            JsonNode id = Json.MAPPER.readTree(svc.get("/api/settlements/EX-LC-ID1").body()).at("/relief/identities/0");
            assertEquals("DIBAO", id.get("category").asText(), id.toString());
            assertEquals(false, id.get("valid_at_discharge").asBoolean());
            assertEquals(true, id.get("valid_at_admission").asBoolean());
            assertEquals("2024-03-05", id.get("endtime").asText());
        }
    }

    @Test
    void admitChargesDischargeResendCancel() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of());
             MllpClient c = new MllpClient("127.0.0.1", svc.mllpPort, 10_000)) {
            String a01 = new String(c.send(example("lc-01-adt-a01.hl7")), StandardCharsets.UTF_8);
            assertEquals("AA", field(segment(a01, "MSA"), 1), a01);
            assertEquals("LC0001-A01", field(segment(a01, "MSA"), 2));
            // 聊政办发〔2022〕5号 五: 低保 inpatient inside the city → deposit-free
            assertEquals("Y", field(segment(a01, "ZDP"), 1), a01);
            assertEquals("AA", field(segment(new String(c.send(example("lc-02-dft-p03.hl7")), StandardCharsets.UTF_8), "MSA"), 1));
            assertEquals("AA", field(segment(new String(c.send(example("lc-03-dft-p03.hl7")), StandardCharsets.UTF_8), "MSA"), 1));
            byte[] a03bytes = c.send(example("lc-04-adt-a03.hl7"));
            String a03 = new String(a03bytes, StandardCharsets.UTF_8);
            assertEquals("AA", field(segment(a03, "MSA"), 1), a03);
            String zbl = segment(a03, "ZBL");
            assertEquals("35000.00", field(zbl, 2));
            assertEquals("6432.37", field(zbl, 7));
            assertEquals("4396.73", field(zbl, 10));
            // the full bill is stored
            JsonNode bill = Json.MAPPER.readTree(svc.get("/api/settlements/EX-LC-0001").body());
            assertEquals("4396.73", bill.at("/setlinfo/psn_part_amt").decimalValue().toPlainString());
            assertEquals("王秀英", bill.get("psn_name").asText());
            assertTrue(svc.get("/api/status").body().contains("\"ADT^A03|AA\":1"), svc.get("/api/status").body());
            // a resend (same MSH-10) gets the same ACK, byte for byte, and settles nothing twice
            assertArrayEquals(a03bytes, c.send(example("lc-04-adt-a03.hl7")));
            assertArrayEquals(a03bytes, c.send(example("lc-04-adt-a03.hl7")));
            JsonNode ledger = Json.MAPPER.readTree(svc.get("/api/ledger/EX-P-371500-01/2024").body());
            assertEquals("6432.37", ledger.at("/pools/assist/paid").decimalValue().toPlainString());
            // a charge message after settlement is refused
            String late = new String(example("lc-03-dft-p03.hl7"), StandardCharsets.UTF_8).replace("LC0001-P03-2", "LC0001-P03-3");
            assertEquals("AE", field(segment(new String(c.send(late.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8), "MSA"), 1));
            // cancel admission of a settled visit is refused; cancel discharge restores the ledger
            assertEquals("AE", field(segment(new String(c.send(example("lc-06-adt-a11.hl7")), StandardCharsets.UTF_8), "MSA"), 1));
            assertEquals("AA", field(segment(new String(c.send(example("lc-05-adt-a13.hl7")), StandardCharsets.UTF_8), "MSA"), 1));
            assertEquals(404, svc.get("/api/settlements/EX-LC-0001").status());
            assertEquals(0, Json.MAPPER.readTree(svc.get("/api/ledger/EX-P-371500-01/2024").body()).get("pools").size());
            // the discharge sent again under a new control id settles again, to the same figures
            String again = new String(example("lc-04-adt-a03.hl7"), StandardCharsets.UTF_8).replace("LC0001-A03", "LC0001-A03B");
            String a03b = new String(c.send(again.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            assertEquals("6432.37", field(segment(a03b, "ZBL"), 7), a03b);
        }
    }

    @Test
    void gb18030OnTheWire() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of());
             MllpClient c = new MllpClient("127.0.0.1", svc.mllpPort, 10_000)) {
            byte[] a01 = example("gb-01-adt-a01.hl7");
            String a01Text = new String(a01, GB);
            assertTrue(a01Text.contains("张三丰") && a01Text.contains("GB 18030-2000"));
            byte[] ack = c.send(a01);
            assertEquals("AA", field(segment(new String(ack, GB), "MSA"), 1), new String(ack, GB));
            // one charge line of 10000.00 甲类, in GB18030 (gb-02-dft-p03.hl7)
            assertTrue(new String(example("gb-02-dft-p03.hl7"), GB).contains("330100^手术费"));
            assertEquals("AA", field(segment(new String(c.send(example("gb-02-dft-p03.hl7")), GB), "MSA"), 1));
            byte[] a03ack = c.send(example("gb-03-adt-a03.hl7"));
            String a03 = new String(a03ack, GB);
            assertEquals("AA", field(segment(a03, "MSA"), 1), a03);
            assertTrue(a03.contains("GB 18030-2000"), "the ACK answers in the message's character set");
            JsonNode bill = Json.MAPPER.readTree(svc.get("/api/settlements/EX-LY-0002").body());
            assertEquals("张三丰", bill.get("psn_name").asText(), "the Chinese name survives the round trip");
            assertEquals("**************1234", bill.get("certno").asText());
        }
    }

    @Test
    void malformedMessagesGetErrorAcks() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of());
             MllpClient c = new MllpClient("127.0.0.1", svc.mllpPort, 10_000)) {
            // garbage: AR, no control id to echo
            String garbage = new String(c.send("hello, not HL7".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            assertEquals("AR", field(segment(garbage, "MSA"), 1), garbage);
            // unsupported type: AR carrying MSA-2
            String a08 = new String(example("lc-01-adt-a01.hl7"), StandardCharsets.UTF_8).replace("ADT^A01^ADT_A01|LC0001-A01", "ADT^A08^ADT_A01|BAD-A08");
            String ack = new String(c.send(a08.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            assertEquals("AR", field(segment(ack, "MSA"), 1), ack);
            assertEquals("BAD-A08", field(segment(ack, "MSA"), 2));
            assertTrue(segment(ack, "ERR") != null);
            // unknown insured region: AE with the place (ZIN-1) and changes nothing
            String a03 = new String(example("lc-04-adt-a03.hl7"), StandardCharsets.UTF_8).replace("ZIN|371500|", "ZIN|110000|")
                    .replace("LC0001-A03", "BAD-A03");
            String dft = new String(example("lc-02-dft-p03.hl7"), StandardCharsets.UTF_8);
            c.send(dft.getBytes(StandardCharsets.UTF_8));
            String err = new String(c.send(a03.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            assertEquals("AE", field(segment(err, "MSA"), 1), err);
            assertTrue(segment(err, "ERR").contains("ZIN"), err);
            assertTrue(err.contains("参保地医保区划 110000 没有政策"), err);
            assertTrue(segment(err, "ERR").contains("|103^Table value not found^HL70357|"), "an unknown code: " + err);
            assertEquals(404, svc.get("/api/settlements/EX-LC-0001").status());
            // a cancel of a visit that is not settled: AE 204 (unknown key), in words
            String a13 = new String(example("lc-05-adt-a13.hl7"), StandardCharsets.UTF_8).replace("LC0001-A13", "BAD-A13");
            String none = new String(c.send(a13.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            assertEquals("AE", field(segment(none, "MSA"), 1), none);
            assertTrue(segment(none, "ERR").contains("|204^Unknown key identifier^HL70357|"), none);
            assertTrue(none.contains("就诊 EX-LC-0001 未结算，无可撤销的结算"), none);
        }
    }

    @Test
    void aRestartLosesNoAckedSettlement() throws Exception {
        byte[] ack;
        try (ServiceFixture svc = new ServiceFixture(data, Map.of());
             MllpClient c = new MllpClient("127.0.0.1", svc.mllpPort, 10_000)) {
            for (String f : new String[] {"lc-01-adt-a01.hl7", "lc-02-dft-p03.hl7", "lc-03-dft-p03.hl7"}) c.send(example(f));
            ack = c.send(example("lc-04-adt-a03.hl7"));
        }
        try (ServiceFixture svc = new ServiceFixture(data, Map.of());
             MllpClient c = new MllpClient("127.0.0.1", svc.mllpPort, 10_000)) {
            assertEquals(200, svc.get("/api/settlements/EX-LC-0001").status());
            assertArrayEquals(ack, c.send(example("lc-04-adt-a03.hl7")), "the resend after a restart gets the same ACK");
            assertEquals("6432.37", Json.MAPPER.readTree(svc.get("/api/ledger/EX-P-371500-01/2024").body())
                    .at("/pools/assist/paid").decimalValue().toPlainString());
        }
    }
}
