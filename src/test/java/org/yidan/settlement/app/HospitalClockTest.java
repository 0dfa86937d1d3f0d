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
import org.yidan.settlement.service.Hl7Service;

/**
 * Every "now" and "today" of the service is its one clock in the hospital's zone (ZONE), never the machine's or the
 * browser's. The service runs at 2026-12-01T20:00:00Z (ServiceFixture.START): in Asia/Shanghai (UTC+8) that is
 * 2026-12-02 04:00, in UTC still 2026-12-01 20:00. The build runs this class with the JVM in UTC and in
 * Asia/Shanghai too: the answers depend on ZONE only.
 */
class HospitalClockTest {
    @TempDir
    Path data;

    static JsonNode json(ServiceFixture.Reply r) {
        return r.ok();
    }

    @Test
    void theHospitalsDayInShanghai() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of())) {
            Hl7Service hl7 = svc.context.getBean(Hl7Service.class);
            String ack = null;
            for (String f : new String[] {"lc-01-adt-a01.hl7", "lc-02-dft-p03.hl7", "lc-03-dft-p03.hl7", "lc-04-adt-a03.hl7"}) {
                Hl7Service.Result r = hl7.handle(Files.readAllBytes(Path.of("mappings/examples", f)));
                assertEquals("AA", r.ackCode(), f);
                ack = new String(r.ack(), StandardCharsets.UTF_8);
            }
            // ACK MSH-7: the hospital's local time with its offset, 04:00 on 2 December at +0800 (within the hour)
            String msh7 = field(segment(ack, "MSH"), 6);
            assertTrue(msh7.matches("2026120204\\d{4}\\+0800"), msh7);

            // the page's today comes from /api/me
            JsonNode me = json(svc.get("/api/me"));
            assertEquals("2026-12-02", me.get("today").asText());
            assertEquals("Asia/Shanghai", me.get("zone").asText());
            assertTrue(me.get("now").asText().matches("2026-12-02T04:\\d\\d:\\d\\d\\+08:00"), me.get("now").asText());

            // 对账 and the audit log without a date: the hospital's day, with the bill just settled and a cancel in it
            JsonNode day = json(svc.get("/api/counter/reconciliation"));
            assertEquals("2026-12-02", day.get("date").asText());
            assertEquals(1, day.at("/totals/settled/count").asInt());
            assertTrue(day.at("/settlements/0/at").asText().startsWith("2026-12-02T04:"), day.toString());
            assertEquals(200, svc.post("/api/counter/visits/EX-LC-0001/cancel", "{\"reason\":\"时钟测试\"}").status());
            JsonNode audit = json(svc.get("/api/audit"));
            assertEquals("2026-12-02", audit.get("date").asText());
            assertTrue(audit.get("entries").toString().contains("时钟测试"), audit.toString());

            // 预结算 "discharged today": 2026-12-02, worked out at 04:xx hospital time
            JsonNode pre = json(svc.post("/api/counter/visits/EX-LC-0001/presettle", ""));
            assertEquals("2026-12-02", pre.get("as_of").asText());
            assertEquals("2026-12-02", pre.at("/bill/endtime").asText());
            assertTrue(pre.get("at").asText().startsWith("2026-12-02T04:"), pre.get("at").asText());

            // the policy in force "today" (no date): the hospital's today
            assertEquals("2026-12-02", json(svc.get("/api/policies/371500")).get("date").asText());
        }
    }

    @Test
    void aHospitalWhoseZoneIsUtc() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of("yidan.zone", "UTC"))) {
            Hl7Service.Result r = svc.context.getBean(Hl7Service.class).handle(Files.readAllBytes(Path.of("mappings/examples/lc-01-adt-a01.hl7")));
            String msh7 = field(segment(new String(r.ack(), StandardCharsets.UTF_8), "MSH"), 6);
            assertTrue(msh7.matches("2026120120\\d{4}\\+0000"), msh7);   // 20:00 on 1 December, offset +0000
            JsonNode me = json(svc.get("/api/me"));
            assertEquals("2026-12-01", me.get("today").asText());
            assertEquals("2026-12-01", json(svc.get("/api/counter/reconciliation")).get("date").asText());
            assertEquals("2026-12-01", json(svc.get("/api/policies/371500")).get("date").asText());
        }
    }
}
