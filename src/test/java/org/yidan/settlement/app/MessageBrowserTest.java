package org.yidan.settlement.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.tools.MllpClient;

/**
 * The message browser's API (issue 14): every message kept with its sender, visit, person, answer and what it did;
 * found by each; shown masked; a message with a wrong code fixed and reprocessed to AA, audited, and its control id
 * answered AA from then on. The bill's figures are the README example's (worked by hand in SettlerTest: charges
 * 35000.00, funds 30603.27, the patient 4396.73).
 */
class MessageBrowserTest {
    @TempDir
    Path data;

    static String example(String name) throws Exception {
        return Files.readString(Path.of("mappings/examples", name));
    }

    static String send(MllpClient c, String message) throws Exception {
        return new String(c.send(message.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    static JsonNode json(ServiceFixture.Reply r) throws Exception {
        assertEquals(200, r.status(), r.body());
        return Json.MAPPER.readTree(r.body());
    }

    static List<String> texts(JsonNode rows, String field) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.path(field).isNull() ? null : r.path(field).asText()));
        return out;
    }

    static String failedIdOf(JsonNode row) {
        return row.get("id").asText();
    }

    @Test
    void everyMessageIsKeptFoundShownMaskedAndAFailedOneReprocessed() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of());
             MllpClient c = new MllpClient("127.0.0.1", svc.mllpPort, 10_000)) {
            ServiceFixture.Client integration = svc.account("jiekou", "integration", "Jiekou-Pass-2024");
            for (String f : new String[] {"lc-01-adt-a01.hl7", "lc-02-dft-p03.hl7", "lc-03-dft-p03.hl7", "lc-04-adt-a03.hl7"}) {
                assertEquals("AA", field(segment(send(c, example(f)), "MSA"), 1), f);
            }
            JsonNode rows = json(integration.get("/api/messages?visit=EX-LC-0001")).get("messages");
            assertEquals(List.of("ADT^A03", "DFT^P03", "DFT^P03", "ADT^A01"), texts(rows, "type"), rows.toString());
            assertEquals(List.of("LC0001-A03", "LC0001-P03-2", "LC0001-P03-1", "LC0001-A01"), texts(rows, "control_id"));
            for (JsonNode r : rows) {
                assertEquals("AA", r.get("ack_code").asText());
                assertEquals("HIS", r.get("sending_app").asText());
                assertEquals("LCRMYY", r.get("sending_facility").asText());
                assertEquals("127.0.0.1", r.get("peer").asText());
                assertEquals("UNICODE UTF-8", r.get("charset").asText());
                assertEquals("EX-P-371500-01", r.get("psn_no").asText());
                assertEquals("in", r.get("direction").asText());
                assertTrue(r.get("at").asText().endsWith("+08:00"), "in the hospital's zone: " + r);
            }
            assertEquals("已结算：医疗费用总额 35,000.00 元，基金支付 30,603.27 元，个人负担 4,396.73 元", rows.get(0).get("outcome").asText());
            assertEquals("入院登记：免收住院押金（先诊疗后付费）", rows.get(3).get("outcome").asText());
            assertTrue(rows.get(2).get("outcome").asText().startsWith("计入费用明细 "), rows.get(2).toString());

            // who did it: the settlement is in the audit log under the sender (MSH-3/MSH-4 and its address), and the
            // 对账 shows it as the operator; the admission keeps it too
            JsonNode day = json(svc.get("/api/audit?date=" + ServiceFixture.TODAY));
            JsonNode settle = null;
            for (JsonNode e : day.get("entries")) if (e.get("action").asText().equals("settle")) settle = e;
            assertTrue(settle != null, day.toString());
            assertEquals("HIS/LCRMYY@127.0.0.1", settle.get("actor").asText());
            assertEquals("EX-LC-0001", settle.get("mdtrt_id").asText());
            assertTrue(settle.get("detail").asText().startsWith("HL7 ADT^A03 LC0001-A03；个人现金 4,396.73 元，基金支付 30,603.27 元"),
                    settle.toString());
            JsonNode recon = json(svc.get("/api/counter/reconciliation?date=" + ServiceFixture.TODAY));
            assertEquals("HIS/LCRMYY@127.0.0.1", recon.at("/settlements/0/by").asText(), recon.toString());

            // the other searches
            assertEquals(4, json(integration.get("/api/messages?person=EX-P-371500-01")).get("messages").size());
            assertEquals(List.of("LC0001-P03-2"), texts(json(integration.get("/api/messages?control_id=LC0001-P03-2")).get("messages"), "control_id"));
            assertEquals(2, json(integration.get("/api/messages?type=DFT%5EP03")).get("messages").size());
            assertEquals(4, json(integration.get("/api/messages?app=HIS&facility=LCRMYY&ack=AA")).get("messages").size());
            assertEquals(0, json(integration.get("/api/messages?app=LIS")).get("messages").size());
            JsonNode page = json(integration.get("/api/messages?visit=EX-LC-0001&limit=3"));
            assertEquals(3, page.get("messages").size());
            JsonNode rest = json(integration.get("/api/messages?visit=EX-LC-0001&limit=3&before=" + page.get("next_before").asLong()));
            assertEquals(List.of("LC0001-A01"), texts(rest.get("messages"), "control_id"));
            assertTrue(rest.get("next_before").isNull());
            assertEquals(400, integration.get("/api/messages?from=yesterday").status());

            // one message, masked
            JsonNode a01 = json(integration.get("/api/messages/" + rows.get(3).get("id").asLong()));
            assertFalse(a01.get("text").asText().contains("王秀英"), a01.get("text").asText());
            assertFalse(a01.toString().contains("371502198003154321"), a01.toString());
            assertTrue(a01.get("text").asText().contains("|王**||"));
            assertEquals("PID", a01.at("/segments/2/name").asText());
            assertEquals("王**", a01.at("/segments/2/fields/4/value").asText(), "PID-5");
            assertEquals(5, a01.at("/segments/2/fields/4/n").asInt());
            assertEquals("MSA", a01.at("/ack_segments/1/name").asText());
            assertEquals("AA", a01.at("/ack_segments/1/fields/0/value").asText());
            assertEquals("UTF-8", a01.get("decoded_as").asText());

            // a message with a wrong code: a visit admitted with identity code 9999, which the mapping does not have
            String wrong = example("lc-01-adt-a01.hl7").replace("EX-LC-0001", "EX-LC-FIX").replace("LC0001-A01", "FIX-A01")
                    .replace("ZIN|371500|9902|", "ZIN|371500|9999|");
            String ae = send(c, wrong);
            assertEquals("AE", field(segment(ae, "MSA"), 1), ae);
            JsonNode failed = json(integration.get("/api/messages?ack=AE")).get("messages");
            assertEquals(1, failed.size(), failed.toString());
            JsonNode f = failed.get(0);
            assertEquals("EX-LC-FIX", f.path("mdtrt_id").asText(), "a refused message is found by its visit too: " + f);
            assertEquals(List.of(failedIdOf(f)), texts(json(integration.get("/api/messages?visit=EX-LC-FIX")).get("messages"), "id"));
            assertEquals(103, f.get("error_code").asInt(), f.toString());
            assertEquals("代码表中无此值", f.get("error_text").asText());
            assertTrue(f.get("outcome").asText().contains("ZIN[1]-2"), f.toString());
            long failedId = f.get("id").asLong();

            // fixed in its masked form and reprocessed
            String shown = json(integration.get("/api/messages/" + failedId)).get("text").asText();
            assertTrue(shown.contains("|王**||"), shown);
            String fixed = shown.replace("ZIN|371500|9999|", "ZIN|371500|9902|");
            assertEquals(422, integration.post("/api/messages/" + failedId + "/reprocess",
                    Json.MAPPER.createObjectNode().put("message", fixed).toString()).status(), "a reason is required");
            JsonNode again = json(integration.post("/api/messages/" + failedId + "/reprocess",
                    Json.MAPPER.createObjectNode().put("message", fixed).put("reason", "身份代码录入错误，9999 应为 9902").toString()));
            assertEquals("AA", again.get("ack_code").asText(), again.toString());
            assertEquals("入院登记：免收住院押金（先诊疗后付费）", again.get("outcome").asText());
            long newId = again.get("id").asLong();
            JsonNode reprocessed = json(integration.get("/api/messages/" + newId));
            assertEquals(failedId, reprocessed.get("reprocess_of").asLong());
            assertEquals("jiekou", reprocessed.get("actor").asText());
            assertTrue(reprocessed.get("text").asText().contains("ZIN|371500|9902|"));
            assertEquals(List.of(newId), json(integration.get("/api/messages/" + failedId)).get("reprocessed_as").findValuesAsText("id")
                    .stream().map(Long::parseLong).toList());
            // the name and ID went back in as they were: the admission has the patient's own name
            JsonNode visit = json(svc.get("/api/counter/visits/EX-LC-FIX"));
            assertEquals("王秀英", visit.at("/psn_name").asText(), visit.toString());
            // the HIS sending the message again now gets the reprocessed answer, AA
            String resend = send(c, wrong);
            assertEquals("AA", field(segment(resend, "MSA"), 1), resend);
            // audited
            JsonNode audit = json(svc.get("/api/audit?date=" + ServiceFixture.TODAY));
            assertTrue(audit.toString().contains("message_reprocess"), audit.toString());
            // the dashboard: today's messages by type and ACK code (the example's 4, the wrong admission, its reprocess, the
            // resend), the error by HL7 code, one settlement, the ACK times
            JsonNode dash = json(integration.get("/api/dashboard"));
            JsonNode today = dash.get("today");
            assertEquals(7, today.get("messages").asInt(), dash.toString());
            Map<String, JsonNode> byType = new java.util.HashMap<>();
            today.get("by_type").forEach(t -> byType.put(t.get("type").asText(), t.get("ack")));
            assertEquals(3, byType.get("ADT^A01").get("AA").asInt(), "the example's, the reprocessed one and its resend");
            assertEquals(1, byType.get("ADT^A01").get("AE").asInt());
            assertEquals(2, byType.get("DFT^P03").get("AA").asInt());
            assertEquals(1, byType.get("ADT^A03").get("AA").asInt());
            assertEquals(1, today.get("errors").size(), today.toString());
            assertEquals(103, today.at("/errors/0/code").asInt());
            assertEquals("代码表中无此值", today.at("/errors/0/text").asText());
            assertEquals(1, today.at("/errors/0/count").asInt());
            assertEquals(1, today.get("settled").asInt());
            assertEquals(0, today.get("cancelled").asInt());
            assertEquals(7, dash.at("/hour/messages").asInt(), "all within the hour");
            // timed: the six that came over MLLP (the reprocess was answered over HTTP)
            assertEquals(6, dash.at("/ack_time_ms/timed").asLong(), dash.toString());
            assertTrue(dash.at("/ack_time_ms/p99").asDouble() >= dash.at("/ack_time_ms/p50").asDouble(), dash.toString());

            // an accepted message is not reprocessed; another role may not look
            assertEquals(422, integration.post("/api/messages/" + newId + "/reprocess", "{\"reason\":\"x\"}").status());
            assertEquals(403, svc.account("shoufei", "clerk", "Shoufei-Pass-2024").get("/api/messages").status());
        }
    }
}
