package org.yidan.settlement.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yidan.settlement.app.MllpServiceTest.field;
import static org.yidan.settlement.app.MllpServiceTest.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.tools.MllpClient;

/**
 * The outbound queue (issue 14): with the HIS's listener down, a discharge is still answered AA and its bill waits,
 * durably: it survives a restart and is delivered when the listener comes back. An HIS that answers AE is tried again,
 * each wait longer; after the maximum attempts the bill is a dead letter, shown as such, until someone resends it.
 */
class OutboundQueueTest {
    @TempDir
    Path data;

    static Map<String, Object> outbound(int port, int maxAttempts) {
        return Map.of("yidan.outbound.enabled", true, "yidan.outbound.host", "127.0.0.1", "yidan.outbound.port", port,
                "yidan.outbound.timeout", "2s", "yidan.outbound.max-attempts", maxAttempts, "yidan.outbound.retry-min", "200ms",
                "yidan.outbound.retry-max", "1s");
    }

    static void discharge(ServiceFixture svc) throws Exception {
        try (MllpClient c = new MllpClient("127.0.0.1", svc.mllpPort, 10_000)) {
            for (String f : new String[] {"lc-01-adt-a01.hl7", "lc-02-dft-p03.hl7", "lc-03-dft-p03.hl7", "lc-04-adt-a03.hl7"}) {
                String ack = new String(c.send(Files.readAllBytes(Path.of("mappings/examples", f))), StandardCharsets.UTF_8);
                assertEquals("AA", field(segment(ack, "MSA"), 1), f + ": answered AA whether the HIS listens or not");
            }
        }
    }

    static JsonNode until(ServiceFixture svc, String path, Predicate<JsonNode> ok) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < end) {
            last = Json.MAPPER.readTree(svc.get(path).body());
            if (ok.test(last)) return last;
            Thread.sleep(100);
        }
        throw new AssertionError(path + " never became as expected: " + last);
    }

    @Test
    void billsWaitThroughARestartForTheListenerToComeBack() throws Exception {
        int port = ServiceFixture.freePort();
        long id;
        try (ServiceFixture svc = new ServiceFixture(data, outbound(port, 1000))) {
            discharge(svc);
            JsonNode q = until(svc, "/api/outbound", n -> n.at("/entries/0/attempts").asInt() >= 1);
            assertEquals(1, q.get("waiting").asInt(), q.toString());
            assertEquals(0, q.get("dead").asInt());
            JsonNode e = q.at("/entries/0");
            assertEquals("queued", e.get("status").asText());
            assertEquals("EX-LC-0001", e.get("mdtrt_id").asText());
            assertEquals("BLC0001-A03", e.get("control_id").asText());
            assertTrue(e.get("last_error").asText().contains("无法连接"), e.toString());
            assertTrue(e.get("outcome").asText().startsWith("发送失败（第 "), e.toString());
            id = e.get("message_id").asLong();
            // in the health details and the metrics too
            JsonNode status = Json.MAPPER.readTree(svc.get("/api/status").body());
            assertEquals(1, status.at("/details/outbound/details/waiting").asInt(), status.toString());
            assertTrue(svc.get("/metrics/outbound.waiting").body().contains("\"value\":1"), svc.get("/metrics/outbound.waiting").body());
        }
        // a restart: the bill is still there, and goes as soon as the HIS listens
        try (FakeHis his = new FakeHis(port); ServiceFixture svc = new ServiceFixture(data, outbound(port, 1000))) {
            String bill = his.received.poll(20, TimeUnit.SECONDS);
            assertTrue(bill != null, "the queued bill was not delivered after the restart");
            assertTrue(bill.contains("|ZBL^Z01^ZBL_Z01|BLC0001-A03|"), bill);
            assertTrue(bill.contains("\rZBL|EX-LC-0001|35000.00|30603.27|21034.00|3136.90|0.00|6432.37|"), bill);
            JsonNode q = until(svc, "/api/outbound?status=sent", n -> n.get("entries").size() == 1);
            assertEquals(id, q.at("/entries/0/message_id").asLong());
            assertEquals(0, q.get("waiting").asInt());
            assertEquals("AA", q.at("/entries/0/ack_code").asText());
            assertTrue(q.at("/entries/0/outcome").asText().startsWith("已发送给 HIS"), q.toString());
            // the outbound message in the message browser, with the HIS's answer
            JsonNode out = Json.MAPPER.readTree(svc.get("/api/messages?direction=out").body()).at("/messages/0");
            assertEquals(id, out.get("id").asLong());
            assertEquals("ZBL^Z01", out.get("type").asText());
            assertEquals("AA", out.get("ack_code").asText());
            assertTrue(his.received.poll(1, TimeUnit.SECONDS) == null, "sent once");
        }
    }

    @Test
    void anHisThatKeepsRefusingMakesADeadLetterThatCanBeResent() throws Exception {
        int port = ServiceFixture.freePort();
        try (FakeHis his = new FakeHis(port); ServiceFixture svc = new ServiceFixture(data, outbound(port, 3))) {
            his.answer.set("AE");
            discharge(svc);
            // tried three times (waits of 200 ms, then 400 ms), then a dead letter
            JsonNode q = until(svc, "/api/outbound", n -> n.get("dead").asInt() == 1);
            JsonNode e = q.at("/entries/0");
            assertEquals("dead", e.get("status").asText());
            assertEquals(3, e.get("attempts").asInt());
            assertEquals(3, his.received.size());
            assertEquals("HIS 应答 AE：病案系统维护中", e.get("last_error").asText());
            assertTrue(e.get("outcome").asText().startsWith("已放弃（3 次发送均失败"), e.toString());
            long id = e.get("message_id").asLong();
            // resent by an integration user with a reason (audited), and the HIS accepts it now
            ServiceFixture.Client jiekou = svc.account("jiekou", "integration", "Jiekou-Secret-42x");
            assertEquals(422, jiekou.post("/api/outbound/" + id + "/resend", "{}").status(), "a reason is required");
            assertEquals(404, jiekou.post("/api/outbound/999999/resend", "{\"reason\":\"x\"}").status());
            his.answer.set("AA");
            assertEquals(200, jiekou.post("/api/outbound/" + id + "/resend", "{\"reason\":\"HIS 维护结束\"}").status());
            JsonNode sent = until(svc, "/api/outbound?status=sent", n -> n.get("entries").size() == 1);
            assertEquals(1, sent.at("/entries/0/attempts").asInt());
            assertEquals(0, sent.get("dead").asInt());
            assertTrue(svc.get("/api/audit?date=" + ServiceFixture.TODAY).body().contains("outbound_resend"));
        }
    }

    /**
     * A bill settled again (here the counter's re-settle) goes to the HIS as the first one did, queued with the
     * re-settlement: addressed as the first (HIS, LCRMYY), a control id of its own, and the new totals. Nothing changed
     * in the ledger, so the new ZBL holds the first bill's figures (README's example bill: 35,000.00 total, 30,603.27
     * from the funds, 4,396.73 for the patient).
     */
    @Test
    void aBillSettledAgainGoesToTheHisToo() throws Exception {
        int port = ServiceFixture.freePort();
        try (FakeHis his = new FakeHis(port); ServiceFixture svc = new ServiceFixture(data, outbound(port, 3))) {
            discharge(svc);
            String first = his.received.poll(20, TimeUnit.SECONDS);
            assertTrue(first != null && first.contains("|BLC0001-A03|"), String.valueOf(first));
            ServiceFixture.Client zhuguan = svc.account("zhuguan", "supervisor", "Zhuguan-Secret-42x");
            assertEquals(200, zhuguan.post("/api/counter/visits/EX-LC-0001/resettle", "{\"reason\":\"核对后重新结算\"}").status());
            String again = his.received.poll(20, TimeUnit.SECONDS);
            assertTrue(again != null, "the re-settled bill was not sent");
            String[] msh = again.split("\r")[0].split("\\|", -1);
            assertEquals("HIS", msh[4]);
            assertEquals("LCRMYY", msh[5]);
            assertEquals("ZBL^Z01^ZBL_Z01", msh[8]);
            assertTrue(msh[9].startsWith("R") && msh[9].length() == 20, msh[9]);
            assertTrue(again.contains("\rZBL|EX-LC-0001|35000.00|30603.27|21034.00|3136.90|0.00|6432.37|0.00|0.00|4396.73|4396.73|"), again);
            JsonNode q = until(svc, "/api/outbound?status=sent", n -> n.get("entries").size() == 2);
            assertEquals(msh[9], q.at("/entries/0/control_id").asText(), q.toString());
            assertEquals("AA", q.at("/entries/0/ack_code").asText(), q.toString());
            // both bill messages as the message profile says a ZBL^Z01 is
            var profile = svc.context.getBean(org.yidan.settlement.service.Hl7Service.class).profile();
            for (String m : new String[] {first, again}) {
                assertEquals(java.util.List.of(), org.yidan.settlement.hl7.profile.ProfileCheck.check(profile, profile.message("ZBL^Z01"), m));
            }
        }
    }
}
