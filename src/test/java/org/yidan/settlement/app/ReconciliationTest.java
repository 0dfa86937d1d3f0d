package org.yidan.settlement.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.service.Hl7Service;

/**
 * 对账 of one day: three settlements of the README example (35000.00; basic 21034.00, critical illness 3136.90,
 * assistance 6432.37, patient 4396.73: worked by hand in SettlerTest), one of them by HL7, two cancelled (one by a
 * supervisor at the counter, one by the HIS's ADT^A13). The day's net is one example bill.
 */
class ReconciliationTest {
    @TempDir
    Path data;

    @Test
    void theDaysSettlementsCancelsAndNetPerFund() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of())) {
            String example = Files.readString(Path.of("conformance-tests/examples/liaocheng-dibao-inpatient.json"));
            ServiceFixture.Client his = svc.account("his", "integration", "His-Secret-42x");
            ServiceFixture.Client boss = svc.account("zhang", "supervisor", "Boss-Secret-42x");
            ServiceFixture.Client clerk = svc.account("li", "clerk", "Clerk-Secret-42x");
            Hl7Service hl7 = svc.context.getBean(Hl7Service.class);
            for (String f : new String[] {"lc-01-adt-a01.hl7", "lc-02-dft-p03.hl7", "lc-03-dft-p03.hl7", "lc-04-adt-a03.hl7"}) {
                assertEquals("AA", hl7.handle(Files.readAllBytes(Path.of("mappings/examples", f))).ackCode(), f);
            }
            assertEquals(200, his.post("/api/settlements", example.replace("EX-LC-0001", "RC-2").replace("EX-P-371500-01", "RC-P2")).status());
            assertEquals(200, his.post("/api/settlements", example.replace("EX-LC-0001", "RC-3").replace("EX-P-371500-01", "RC-P3")).status());
            assertEquals(200, boss.post("/api/counter/visits/RC-2/cancel", "{\"reason\":\"患者身份登记错误, 重新登记\"}").status());
            assertEquals("AA", hl7.handle(Files.readAllBytes(Path.of("mappings/examples/lc-05-adt-a13.hl7"))).ackCode());

            String today = ServiceFixture.TODAY.toString();   // the hospital's day at the fixture's START
            JsonNode day = Json.MAPPER.readTree(clerk.get("/api/counter/reconciliation?date=" + today).body());
            assertEquals(3, day.at("/totals/settled/count").asInt());
            assertEquals("105000.00", day.at("/totals/settled/medfee_sumamt").decimalValue().toPlainString());
            assertEquals("19297.11", day.at("/totals/settled/maf_pay").decimalValue().toPlainString());   // 3 × 6432.37
            assertEquals(2, day.at("/totals/cancelled/count").asInt());
            assertEquals("8793.46", day.at("/totals/cancelled/psn_cash_pay").decimalValue().toPlainString());   // 2 × 4396.73
            JsonNode net = day.at("/totals/net");
            assertEquals(1, net.get("count").asInt());
            assertEquals("35000.00", net.get("medfee_sumamt").decimalValue().toPlainString());
            assertEquals("21034.00", net.get("hifp_pay").decimalValue().toPlainString());
            assertEquals("3136.90", net.get("hifmi_pay").decimalValue().toPlainString());
            assertEquals("6432.37", net.get("maf_pay").decimalValue().toPlainString());
            assertEquals("30603.27", net.get("fund_pay_sumamt").decimalValue().toPlainString());
            assertEquals("4396.73", net.get("psn_cash_pay").decimalValue().toPlainString());
            // who cancelled: the supervisor at the counter, the HIS by its MSH-3/MSH-4 (HIS, LCRMYY; handed to the service
            // directly here, so without a peer address)
            Map<String, String> by = new java.util.HashMap<>();
            for (JsonNode c : day.get("cancels")) by.put(c.get("mdtrt_id").asText(), c.get("by").asText());
            assertEquals(Map.of("RC-2", "zhang", "EX-LC-0001", "HIS/LCRMYY"), by);
            // and who settled: the same, for every settlement of the day
            for (JsonNode s : day.get("settlements")) assertTrue(!s.get("by").isNull(), "settled by someone: " + s);

            ServiceFixture.Reply csv = clerk.get("/api/counter/reconciliation.csv?date=" + today);
            assertEquals(200, csv.status());
            assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
            String[] lines = csv.body().split("\r\n");
            assertTrue(lines[0].startsWith("\uFEFF类型,就诊号,人员编号,姓名,时间,操作员,医疗费用总额"), lines[0]);
            assertEquals(1 + 3 + 2 + 3, lines.length);
            assertTrue(lines[4].contains(",\"患者身份登记错误, 重新登记\""), lines[4]);   // a comma in a cell is quoted
            assertEquals("净额,,,,,,35000.00,21034.00,3136.90,0.00,6432.37,0.00,30603.27,4396.73,0.00,4396.73,", lines[8]);
            assertEquals(400, clerk.get("/api/counter/reconciliation?date=2024-13-01").status());

            // the same day in the platform's shape (3201/3202): one line for 390 / 21 住院 / 371500; net as above,
            // 5 settlement records (3 settlements, 2 reversals), net per fund as one example bill
            JsonNode p = Json.MAPPER.readTree(clerk.get("/api/counter/reconciliation/platform?date=" + today).body());
            assertEquals(today, p.get("stmt_begndate").asText());
            assertEquals(1, p.get("3201").size(), p.toString());
            JsonNode t = p.at("/3201/0");
            assertEquals("390", t.get("insutype").asText());
            assertEquals("21", t.get("clr_type").asText());
            assertEquals("371500", t.get("setl_optins").asText());
            assertEquals("35000.00", t.get("medfee_sumamt").decimalValue().toPlainString());        // 3 × 35000 − 2 × 35000
            assertEquals("30603.27", t.get("fund_pay_sumamt").decimalValue().toPlainString());
            assertEquals(5, t.get("fixmedins_setl_cnt").asInt());
            assertEquals(3, t.get("settlement_cnt").asInt());
            assertEquals(2, t.get("reversal_cnt").asInt());
            assertEquals("21034.00", t.at("/funds/390100").decimalValue().toPlainString());
            assertEquals("3136.90", t.at("/funds/390200").decimalValue().toPlainString());
            assertEquals("6432.37", t.at("/funds/610100").decimalValue().toPlainString());
            assertEquals(5, p.get("3202").size());
            int reversals = 0;
            for (JsonNode r : p.get("3202")) {
                if (r.get("refd_setl_flag").asText().equals("1")) {
                    reversals++;
                    assertEquals("-35000.00", r.get("medfee_sumamt").decimalValue().toPlainString(), r.toString());
                }
            }
            assertEquals(2, reversals);
        }
    }
}
