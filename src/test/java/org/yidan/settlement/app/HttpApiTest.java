package org.yidan.settlement.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yidan.settlement.io.Json;

/** The HTTP API of the running service. Figures are the README example's, worked by hand in SettlerTest. */
class HttpApiTest {
    @TempDir
    static Path data;
    static ServiceFixture svc;
    static String example;

    @BeforeAll
    static void start() throws Exception {
        svc = new ServiceFixture(data, Map.of());
        example = Files.readString(Path.of("conformance-tests/examples/liaocheng-dibao-inpatient.json"));
    }

    @AfterAll
    static void stop() {
        svc.close();
    }

    static JsonNode json(ServiceFixture.Reply r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void settleGetLedgerCancel() throws Exception {
        String body = example.replace("EX-LC-0001", "HTTP-1").replace("EX-P-371500-01", "HTTP-P1");
        ServiceFixture.Reply r = svc.post("/api/settlements", body);
        assertEquals(200, r.status(), r.body());
        JsonNode bill = json(r).get("bill");
        assertEquals("6432.37", bill.at("/setlinfo/maf_pay").decimalValue().toPlainString());
        assertEquals("4396.73", bill.at("/setlinfo/psn_part_amt").decimalValue().toPlainString());
        assertFalse(r.body().contains("371502198003154321"), "full ID number in a response");
        // resend: the first bill, nothing changes
        JsonNode again = json(svc.post("/api/settlements", body));
        assertTrue(again.get("repeated").asBoolean());
        assertEquals(bill, again.get("bill"));
        assertEquals(bill, json(svc.get("/api/settlements/HTTP-1")));
        JsonNode ledger = json(svc.get("/api/ledger/HTTP-P1/2024"));
        assertEquals("6432.37", ledger.at("/pools/assist/paid").decimalValue().toPlainString());
        assertEquals("HTTP-1", ledger.at("/visits/0").asText());
        // cancel restores the totals
        ServiceFixture.Reply c = svc.post("/api/settlements/HTTP-1/cancel", "{\"reason\":\"test\"}");
        assertEquals(200, c.status(), c.body());
        assertEquals(404, svc.get("/api/settlements/HTTP-1").status());
        assertEquals(0, json(svc.get("/api/ledger/HTTP-P1/2024")).get("pools").size());
        assertEquals(422, svc.post("/api/settlements/HTTP-1/cancel", "").status());
    }

    @Test
    void previewTouchesNothing() throws Exception {
        String body = example.replace("EX-LC-0001", "HTTP-2").replace("EX-P-371500-01", "HTTP-P2");
        ServiceFixture.Reply r = svc.post("/api/settlements/preview", body);
        assertEquals(200, r.status(), r.body());
        assertEquals("6432.37", json(r).at("/setlinfo/maf_pay").decimalValue().toPlainString());
        assertEquals(404, svc.get("/api/settlements/HTTP-2").status());
        assertEquals(0, json(svc.get("/api/ledger/HTTP-P2/2024")).get("pools").size());
    }

    @Test
    void errorsSayWhatAndWhere() throws Exception {
        ServiceFixture.Reply bad = svc.post("/api/settlements", example.replace("\"cnt\": 20", "\"cnt\": \"twenty\"")
                .replace("\"med_type\": \"21\"", "\"med_type\": \"99\""));
        assertEquals(400, bad.status());
        JsonNode errors = json(bad).get("errors");
        assertEquals(2, errors.size(), bad.body());
        assertTrue(bad.body().contains("request: feedetail[1].cnt: 不是数字：'twenty'"), bad.body());
        assertTrue(bad.body().contains("request: med_type: '99' 不是可用的代码，应为 11、14、21 之一"), bad.body());
        ServiceFixture.Reply region = svc.post("/api/settlements", example.replace("EX-LC-0001", "HTTP-3")
                .replace("\"insu_admdvs\": \"371500\"", "\"insu_admdvs\": \"110000\""));
        assertEquals(422, region.status());
        assertEquals("insu_admdvs", json(region).get("field").asText());
        // the words for the clerk, the machine code beside them for the HIS's program
        assertEquals("unknown_code", json(region).get("code").asText(), region.body());
        assertTrue(json(region).at("/errors/0").asText().startsWith("insu_admdvs: 参保地医保区划 110000 没有政策；已有政策的区划："), region.body());
        ServiceFixture.Reply notSettled = svc.post("/api/settlements/HTTP-NONE/cancel", "{\"reason\": \"test\"}");
        assertEquals("unknown_visit", json(notSettled).get("code").asText(), notSettled.body());
        assertEquals("mdtrt_id: 就诊 HTTP-NONE 未结算，无可撤销的结算", json(notSettled).at("/errors/0").asText());
        assertEquals(400, svc.post("/api/settlements", "{not json").status());
    }

    @Test
    void admissionDepositDecision() throws Exception {
        ServiceFixture.Reply r = svc.post("/api/admissions", "{\"mdtrt_id\":\"HTTP-A1\",\"psn_no\":\"HTTP-PA\",\"insu_admdvs\":\"371500\","
                + "\"fixmedins_admdvs\":\"371502\",\"med_type\":\"21\",\"begntime\":\"2024-03-01\",\"relief_categories\":[\"DIBAO\"]}");
        assertEquals(200, r.status(), r.body());
        // 聊政办发〔2022〕5号 五: 低保 inpatient in a hospital inside the city → no deposit
        assertTrue(json(r).at("/deposit_decision/deposit_free").asBoolean());
        assertEquals("聊政办发〔2022〕5号 五", json(r).at("/deposit_decision/clause").asText());
    }

    @Test
    void policiesHealthMetricsAndOpenApi() throws Exception {
        JsonNode regions = json(svc.get("/api/policies"));
        assertEquals(6, regions.size());
        JsonNode lc = json(svc.get("/api/policies/371500?date=2024-01-01"));
        assertTrue(lc.get("documents").toString().contains("聊政办发〔2022〕5号"));
        // a policy officer's view: each rule with its clause, the article's words where the file quotes them, its priority
        JsonNode ci = null;
        for (JsonNode r : lc.get("rules")) if (r.path("id").asText().equals("ci-310-poor")) ci = r;
        assertTrue(ci != null, lc.toString());
        assertEquals("聊政办发〔2022〕5号 三(二)", ci.get("clause").asText());
        assertTrue(ci.get("quote").asText().contains("分段报销比例提高5个百分点"), ci.toString());
        assertEquals(0, ci.get("priority").asInt());
        // /health, open to anyone, says only UP or DOWN (D14); the details are at /api/status, for an account
        ServiceFixture.Reply open = svc.anonymous().get("/health");
        assertEquals(200, open.status(), open.body());
        assertEquals("{\"status\":\"UP\"}", open.body().replace(" ", ""));
        assertEquals(401, svc.anonymous().get("/api/status").status());
        ServiceFixture.Reply health = svc.get("/api/status");
        assertEquals(200, health.status(), health.body());
        JsonNode h = json(health);
        assertEquals("UP", h.get("status").asText());
        assertEquals("Started", h.at("/details/routes/details/routes/mllp-in").asText(), health.body());
        assertEquals("UP", h.at("/details/jdbc/status").asText(), health.body());
        svc.post("/api/settlements", example.replace("EX-LC-0001", "HTTP-M1").replace("EX-P-371500-01", "HTTP-PM"));
        String prom = svc.get("/prometheus").body();
        assertTrue(prom.contains("settlement_settled_total"), prom.substring(0, Math.min(500, prom.length())));
        String api = svc.get("/openapi.yml").body();
        // the document is valid YAML and names every route the service has (path parameters compared by place)
        JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(api);
        java.util.Set<String> documented = new java.util.TreeSet<>();
        doc.get("paths").fieldNames().forEachRemaining(p -> documented.add(p.replaceAll("\\{[^}]*}", "{}").replaceAll("/$", "")));
        svc.context.getBean(io.micronaut.web.router.Router.class).uriRoutes().forEach(r -> {
            String t = r.getUriMatchTemplate().toString().replaceAll("\\{\\?[^}]*}", "").replaceAll("\\{[^}]*}", "{}").replaceAll("/$", "");
            if (t.isEmpty() || t.equals("/openapi.yml")) return;
            assertTrue(documented.contains(t), r.getHttpMethodName() + " " + t + " is not in /openapi.yml: " + documented);
        });
    }
}
