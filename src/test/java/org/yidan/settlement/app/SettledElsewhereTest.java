package org.yidan.settlement.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yidan.settlement.app.MllpServiceTest.field;
import static org.yidan.settlement.app.MllpServiceTest.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.service.Hl7Service;

/**
 * A visit settled one way and then messaged another: the HL7 example (mappings/examples lc-01..04) for the README's
 * visit EX-LC-0001 after the README's JSON settled it. Figures: the README example, worked by hand in SettlerTest
 * (35000.00 of charges; assistance 6432.37; the patient 4396.73). The service's clock reads 2026-12-02 04:00 in
 * Asia/Shanghai (ServiceFixture.START).
 */
class SettledElsewhereTest {
    @TempDir
    Path data;

    static String example() throws Exception {
        return Files.readString(Path.of("conformance-tests/examples/liaocheng-dibao-inpatient.json"));
    }

    static String hl7(Hl7Service s, String file) throws Exception {
        return hl7(s, Files.readAllBytes(Path.of("mappings/examples", file)));
    }

    static String hl7(Hl7Service s, byte[] message) {
        return new String(s.handle(message).ack(), StandardCharsets.UTF_8);
    }

    @Test
    void anA03ForAVisitSettledByJsonAnswersWithThatBill() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of())) {
            assertEquals(200, svc.post("/api/settlements", example()).status());
            String ledgerBefore = svc.get("/api/ledger/EX-P-371500-01/2024").body();
            String billBefore = svc.get("/api/settlements/EX-LC-0001").body();
            Hl7Service s = svc.context.getBean(Hl7Service.class);

            assertEquals("AA", field(segment(hl7(s, "lc-01-adt-a01.hl7"), "MSA"), 1));
            // the charges are refused, saying how and when the visit was settled
            String dft = hl7(s, "lc-02-dft-p03.hl7");
            assertEquals("AE", field(segment(dft, "MSA"), 1), dft);
            String err = field(segment(dft, "ERR"), 8);
            assertTrue(err.contains("已结算（于 2026-12-02 04:") && err.contains("+08:00 经 HTTP 接口 POST /api/settlements（admin） 结算）")
                    && err.contains("这些费用未记入"), err);
            assertEquals("AE", field(segment(hl7(s, "lc-03-dft-p03.hl7"), "MSA"), 1));

            // the A03: AA with that bill's totals and a warning (ERR-4 W, 205 the visit's key) saying so, never "no charges"
            String a03 = hl7(s, "lc-04-adt-a03.hl7");
            assertEquals("AA", field(segment(a03, "MSA"), 1), a03);
            String zbl = segment(a03, "ZBL");
            assertEquals("EX-LC-0001", field(zbl, 1));
            assertEquals("35000.00", field(zbl, 2));
            assertEquals("6432.37", field(zbl, 7));
            assertEquals("4396.73", field(zbl, 10));
            String warn = segment(a03, "ERR");
            assertEquals("W", field(warn, 4), warn);
            assertTrue(field(warn, 3).startsWith("205^"), warn);
            assertEquals("PV1^1^19^^1", field(warn, 2), warn);
            assertTrue(field(warn, 8).contains("就诊 EX-LC-0001 已由其他途径结算（于 2026-12-02 04:")
                    && field(warn, 8).contains("经 HTTP 接口 POST /api/settlements（admin） 结算）：本 ACK 带回该结算单，本条 ADT\\S\\A03 未作变更"), warn);

            // nothing changed: the ledger and the bill are as the JSON left them
            assertEquals(ledgerBefore, svc.get("/api/ledger/EX-P-371500-01/2024").body());
            assertEquals(billBefore, svc.get("/api/settlements/EX-LC-0001").body());
        }
    }

    @Test
    void anA03ForAVisitSettledForAnotherPersonIsRefused() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of())) {
            assertEquals(200, svc.post("/api/settlements", example().replace("EX-P-371500-01", "SE-OTHER")).status());
            Hl7Service s = svc.context.getBean(Hl7Service.class);
            String a03 = hl7(s, "lc-04-adt-a03.hl7");
            assertEquals("AE", field(segment(a03, "MSA"), 1), a03);
            assertTrue(a03.contains("已为另一人员结算") && a03.contains("不是人员 EX-P-371500-01；未作任何变更"), a03);
            assertEquals("SE-OTHER", Json.MAPPER.readTree(svc.get("/api/settlements/EX-LC-0001").body()).get("psn_no").asText());
        }
    }

    @Test
    void aDifferentA03ForAVisitSettledOverHl7NamesTheFirst() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of())) {
            Hl7Service s = svc.context.getBean(Hl7Service.class);
            for (String f : new String[] {"lc-01-adt-a01.hl7", "lc-02-dft-p03.hl7", "lc-03-dft-p03.hl7", "lc-04-adt-a03.hl7"}) {
                assertEquals("AA", field(segment(hl7(s, f), "MSA"), 1), f);
            }
            // the same discharge under a new control id is the same settlement: the first bill, AA
            String again = Files.readString(Path.of("mappings/examples/lc-04-adt-a03.hl7")).replace("LC0001-A03", "LC0001-A03-B");
            assertEquals("6432.37", field(segment(hl7(s, again.getBytes(StandardCharsets.UTF_8)), "ZBL"), 7));
            // a later discharge date is other content: refused, naming the settlement that stands
            String later = again.replace("LC0001-A03-B", "LC0001-A03-C").replace("20240312", "20240313");
            String ack = hl7(s, later.getBytes(StandardCharsets.UTF_8));
            assertEquals("AE", field(segment(ack, "MSA"), 1), ack);
            assertTrue(ack.contains("已按不同内容结算") && ack.contains("经 HL7 ADT\\S\\A03 LC0001-A03 结算）"), ack);
            JsonNode bill = Json.MAPPER.readTree(svc.get("/api/settlements/EX-LC-0001").body());
            assertEquals("2024-03-12", bill.get("endtime").asText());
        }
    }
}
