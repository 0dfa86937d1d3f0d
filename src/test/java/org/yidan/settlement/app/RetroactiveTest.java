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

/**
 * Relief recognised after discharge (issue 12 item 4): an ordinary 聊城 resident's two stays of 2024, then 低保 granted
 * with effect from 2024-05-01; a supervisor settles the year again. Each stay is the README example's charges
 * (medfee 35000.00, inscp 33360.00, basic 21034.00: SettlerTest), admitted and discharged as below.
 *
 * <pre>
 * before: stay A (discharged 2024-03-10), ordinary: critical illness base 12326 under its 15000 deductible → 0;
 *         patient 35000 − 21034 = 13966.00
 *         stay B (2024-06-10 .. 2024-06-20), ordinary: critical illness running 12326 → 24652, (24652 − 15000) × 60%
 *         = 5791.20; patient 35000 − 21034 − 5791.20 = 8174.80
 * after:  stay A unchanged (discharged before 2024-05-01): the 低保 identity is not valid on its discharge date
 *         stay B as 低保 (聊政办发〔2022〕5号 三(二) tilt: deductible 7500, 65%): all of 12326 above it → 8011.90;
 *         三(四)1 assistance (12326 − 8011.90) × 70% = 4314.10 × 0.7 = 3019.87; re-assistance 4314.10 − 3019.87 =
 *         1294.23 < 5000 → 0; patient 35000 − 21034 − 8011.90 − 3019.87 = 2934.23; due back 8174.80 − 2934.23 = 5240.57
 * </pre>
 */
class RetroactiveTest {
    @TempDir
    Path data;

    @Test
    void aRecognitionWithEffectFromAnEarlierDateResettlesTheYear() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of())) {
            ServiceFixture.Client his = svc.account("his", "integration", "His-Secret-42x");
            ServiceFixture.Client boss = svc.account("zhang", "supervisor", "Boss-Secret-42x");
            ServiceFixture.Client clerk = svc.account("li", "clerk", "Clerk-Secret-42x");
            String example = Files.readString(Path.of("conformance-tests/examples/liaocheng-dibao-inpatient.json"))
                    .replace("\"relief_categories\": [\"DIBAO\"]", "\"relief_categories\": []").replace("EX-P-371500-01", "RT-P1");
            assertEquals(200, his.post("/api/settlements", example.replace("EX-LC-0001", "RT-A")
                    .replace("2024-03-12 10:00:00", "2024-03-10 10:00:00")).status());
            JsonNode b0 = Json.MAPPER.readTree(his.post("/api/settlements", example.replace("EX-LC-0001", "RT-B")
                    .replace("2024-03-01 08:30:00", "2024-06-10 08:30:00").replace("2024-03-12 10:00:00", "2024-06-20 10:00:00")).body());
            assertEquals("8174.80", b0.at("/bill/setlinfo/psn_part_amt").decimalValue().toPlainString(), b0.toString());

            String body = "{\"year\": 2024, \"reason\": \"聊城市民政局认定低保，自2024-05-01起享受\","
                    + " \"relief_identities\": [{\"category\": \"DIBAO\", \"begntime\": \"2024-05-01\"}]}";
            assertEquals(403, clerk.post("/api/counter/persons/RT-P1/retroactive", body).status());
            ServiceFixture.Reply incomplete = boss.post("/api/counter/persons/RT-P1/retroactive", "{\"year\": 2024}");
            assertEquals(400, incomplete.status());
            assertTrue(incomplete.body().contains("reason: 请填写追溯依据") && incomplete.body().contains("relief_identities: 请填写"),
                    incomplete.body());
            ServiceFixture.Reply r = boss.post("/api/counter/persons/RT-P1/retroactive", body);
            assertEquals(200, r.status(), r.body());
            JsonNode a = Json.MAPPER.readTree(r.body());
            assertEquals(2, a.get("adjustments").size());
            JsonNode first = a.at("/adjustments/0");
            assertEquals("RT-A", first.get("mdtrt_id").asText());
            assertEquals("13966.00", first.at("/after/psn_part_amt").decimalValue().toPlainString());
            assertEquals("0.00", first.get("due_to_patient").decimalValue().toPlainString());
            assertEquals(false, first.at("/identities/0/valid_at_discharge").asBoolean());
            JsonNode second = a.at("/adjustments/1");
            assertEquals("RT-B", second.get("mdtrt_id").asText());
            assertEquals("DIBAO", second.get("category_applied").asText());
            assertEquals("8011.90", second.at("/after/hifmi_pay").decimalValue().toPlainString());
            assertEquals("3019.87", second.at("/after/maf_pay").decimalValue().toPlainString());
            assertEquals("3019.87", second.at("/difference/maf_pay").decimalValue().toPlainString());
            assertEquals("2220.70", second.at("/difference/hifmi_pay").decimalValue().toPlainString());   // 8011.90 − 5791.20
            assertEquals("2934.23", second.at("/after/psn_part_amt").decimalValue().toPlainString());
            assertEquals("5240.57", second.get("due_to_patient").decimalValue().toPlainString());
            assertEquals("5240.57", a.get("due_to_patient").decimalValue().toPlainString());
            assertTrue(second.get("working").toString().contains("聊政办发〔2022〕5号 三(四)1"), second.get("working").toString());

            // the stored bill is the new one; the audit log has one 追溯 entry per stay, by the supervisor
            JsonNode stored = Json.MAPPER.readTree(his.get("/api/settlements/RT-B").body());
            assertEquals("3019.87", stored.at("/setlinfo/maf_pay").decimalValue().toPlainString());
            String today = ServiceFixture.TODAY.toString();
            JsonNode audit = Json.MAPPER.readTree(boss.get("/api/audit?date=" + today).body());
            int entries = 0;
            for (JsonNode e : audit.get("entries")) {
                if (e.get("action").asText().equals("retroactive")) {
                    entries++;
                    assertEquals("zhang", e.get("actor").asText());
                }
            }
            assertEquals(2, entries);
            // 对账: the day's four settlements and two cancels; the cancels say who and why
            JsonNode day = Json.MAPPER.readTree(clerk.get("/api/counter/reconciliation?date=" + today).body());
            assertEquals(4, day.at("/totals/settled/count").asInt());
            assertEquals(2, day.at("/totals/cancelled/count").asInt());
            assertEquals("3019.87", day.at("/totals/net/maf_pay").decimalValue().toPlainString());
            for (JsonNode c : day.get("cancels")) {
                assertEquals("zhang", c.get("by").asText(), c.toString());
                assertTrue(c.get("reason").asText().startsWith("追溯救助："), c.toString());
                assertTrue(c.path("adjustment").asBoolean(), c.toString());
            }
            // as adjustments (补救助调整): the two new bills less the two they replaced
            JsonNode adj = day.at("/totals/adjustments");
            assertEquals(2, adj.get("count").asInt());
            assertEquals("3019.87", adj.get("maf_pay").decimalValue().toPlainString());
            assertEquals("-5240.57", adj.get("psn_cash_pay").decimalValue().toPlainString());
            String csv = clerk.get("/api/counter/reconciliation.csv?date=" + today).body();
            assertTrue(csv.contains("补救助调整（新结算）,RT-B") && csv.contains("补救助调整（撤销原结算）,RT-B"), csv);
            // a person with no stay that year is refused, naming the field
            ServiceFixture.Reply none = boss.post("/api/counter/persons/NOBODY/retroactive", body);
            assertEquals(422, none.status());   // as every settlement error of the API
            assertTrue(none.body().contains("psn_no"), none.body());
        }
    }

    /**
     * Cancelling an earlier stay with its later stays settled again (resettle_later): conformance case lc-16's two 聊城
     * 低保 stays (figures worked there). Without stay A, stay B is the year's first: basic (80000 − 1000) × 65% =
     * 51350.00; critical illness base 28650, running 0 → 28650 above the 7500 deductible: 21150 × 65% = 13747.50;
     * assistance (28650 − 13747.50) × 70% = 14902.50 × 0.7 = 10431.75; re-assistance 4470.75 < 5000 → 0; patient
     * 80000 − 75529.25 = 4470.75 (2761.32 before): 1709.43 more for the patient, due_to_patient −1709.43.
     */
    @Test
    void cancellingAnEarlierStayCanSettleTheLaterOnesAgain() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of())) {
            ServiceFixture.Client his = svc.account("his", "integration", "His-Secret-42x");
            ServiceFixture.Client boss = svc.account("zhang", "supervisor", "Boss-Secret-42x");
            JsonNode c = Json.MAPPER.readTree(Path.of("conformance-tests/cases/371500-liaocheng/lc-16-cancel-earlier-stay.json").toFile());
            assertEquals(200, his.post("/api/settlements", c.at("/steps/0/input").toString()).status());
            assertEquals(200, his.post("/api/settlements", c.at("/steps/1/input").toString()).status());
            ServiceFixture.Reply r = boss.post("/api/counter/visits/LC-V1601/cancel",
                    "{\"reason\": \"患者信息登记错误\", \"resettle_later\": true}");
            assertEquals(200, r.status(), r.body());
            JsonNode n = Json.MAPPER.readTree(r.body());
            assertEquals("[\"LC-V1602\"]", n.get("settled_later").toString());
            JsonNode adj = n.at("/resettled/adjustments");
            assertEquals(1, adj.size(), n.toString());
            assertEquals("LC-V1602", adj.at("/0/mdtrt_id").asText());
            assertEquals("13747.50", adj.at("/0/after/hifmi_pay").decimalValue().toPlainString());
            assertEquals("10431.75", adj.at("/0/after/maf_pay").decimalValue().toPlainString());
            assertEquals("4470.75", adj.at("/0/after/psn_part_amt").decimalValue().toPlainString());
            assertEquals("-1709.43", adj.at("/0/due_to_patient").decimalValue().toPlainString());
            JsonNode ledger = Json.MAPPER.readTree(his.get("/api/ledger/LC-P16/2024").body());
            assertEquals("28650.00", ledger.at("/pools/ci-390/base").decimalValue().toPlainString());
            assertEquals("13747.50", ledger.at("/pools/ci-390/paid").decimalValue().toPlainString());
            assertEquals(404, his.get("/api/settlements/LC-V1601").status());
        }
    }
}
