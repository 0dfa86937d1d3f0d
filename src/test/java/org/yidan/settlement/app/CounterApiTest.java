package org.yidan.settlement.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import org.yidan.settlement.service.Hl7Service;

/**
 * The billing counter's API (issue 4) with its access rules. Figures: the README example (聊城, 低保, 35000.00 of
 * charges), worked by hand in SettlerTest: basic 21034.00, critical illness 3136.90, assistance 6432.37, the patient
 * 4396.73 (35000.00 − 21034.00 − 3136.90 − 6432.37).
 */
class CounterApiTest {
    @TempDir
    static Path data;
    static ServiceFixture svc;
    static String example;
    static ServiceFixture.Client his;
    static ServiceFixture.Client clerk;
    static ServiceFixture.Client boss;

    @BeforeAll
    static void start() throws Exception {
        svc = new ServiceFixture(data, Map.of());
        example = Files.readString(Path.of("conformance-tests/examples/liaocheng-dibao-inpatient.json"));
        his = svc.account("his", "integration", "His-Secret-42x");
        clerk = svc.account("li", "clerk", "Clerk-Secret-42x");
        boss = svc.account("zhang", "supervisor", "Boss-Secret-42x");
    }

    @AfterAll
    static void stop() {
        svc.close();
    }

    static JsonNode json(ServiceFixture.Reply r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    static String visit(String id, String psn) {
        return example.replace("EX-LC-0001", id).replace("EX-P-371500-01", psn);
    }

    static String money(JsonNode n, String ptr) {
        return n.at(ptr).decimalValue().toPlainString();
    }

    @Test
    void everyEndpointButHealthNeedsAnAccount() throws Exception {
        ServiceFixture.Client nobody = svc.anonymous();
        assertEquals(200, nobody.get("/health").status());
        ServiceFixture.Reply r = nobody.get("/api/settlements/X");
        assertEquals(401, r.status());
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), r.headers().toString());
        assertEquals(401, nobody.post("/api/settlements", visit("AC-0", "AC-P0")).status());
        assertEquals(401, nobody.get("/openapi.yml").status());
        assertEquals(401, nobody.get("/prometheus").status());
        assertEquals(401, nobody.get("/api/counter/visits?q=x").status());
        // the page sends the browser to the login form
        ServiceFixture.Reply page = nobody.get("/counter/");
        assertEquals(303, page.status());
        assertEquals("/login", page.headers().firstValue("Location").orElseThrow());
        assertEquals(200, nobody.get("/login").status());
        // a wrong password is refused like no password
        assertEquals(401, svc.as("li", "not-the-password").get("/api/me").status());
        // no framing by another site, no guessing of types, no caching of personal data
        ServiceFixture.Reply bill = clerk.get("/api/counter/visits?q=x");
        assertEquals("DENY", bill.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals("nosniff", bill.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-store", bill.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(clerk.get("/counter/").headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
        // a path made to slip past the rules is refused
        assertEquals(400, clerk.get("/api/counter/../accounts").status());
    }

    @Test
    void eachRoleDoesWhatItMayAndNoMore() throws Exception {
        // the HIS posts messages but does not open the counter's page
        assertEquals(200, his.post("/api/settlements", visit("AC-1", "AC-P1")).status());
        assertEquals(403, his.get("/counter/").status());
        assertEquals(403, his.get("/api/counter/visits?q=AC-1").status());
        // a clerk reads, does not post settlements, cannot cancel, cannot manage accounts or read the audit log
        assertEquals(200, clerk.get("/api/counter/visits?q=AC-1").status());
        assertEquals(403, clerk.post("/api/settlements", visit("AC-2", "AC-P2")).status());
        ServiceFixture.Reply refused = clerk.post("/api/counter/visits/AC-1/cancel", "{\"reason\":\"wrong charges\"}");
        assertEquals(403, refused.status());
        assertTrue(json(refused).at("/errors/0").asText().startsWith("账户 li（clerk）无权执行 POST /api/counter/visits/AC-1/cancel"), refused.body());
        assertEquals(403, clerk.post("/api/counter/visits/AC-1/resettle", "{\"reason\":\"x\"}").status());
        assertEquals(403, clerk.get("/api/accounts").status());
        assertEquals(403, clerk.get("/api/audit").status());
        assertEquals(403, boss.get("/api/accounts").status());
        // the refused cancel changed nothing
        assertEquals(200, svc.get("/api/settlements/AC-1").status());
        assertEquals("6432.37", money(json(svc.get("/api/ledger/AC-P1/2024")), "/pools/assist/paid"));
    }

    @Test
    void aSupervisorsCancelNeedsAReasonAndIsInTheAuditLog() throws Exception {
        assertEquals(200, his.post("/api/settlements", visit("AC-3", "AC-P3")).status());
        ServiceFixture.Reply noReason = boss.post("/api/counter/visits/AC-3/cancel", "{}");
        assertEquals(400, noReason.status());
        assertTrue(json(noReason).at("/errors/0").asText().startsWith("reason: 请填写原因"), noReason.body());
        assertEquals(200, svc.get("/api/settlements/AC-3").status());

        ServiceFixture.Reply ok = boss.post("/api/counter/visits/AC-3/cancel", "{\"reason\":\"收费项目录入错误\"}");
        assertEquals(200, ok.status(), ok.body());
        assertEquals(404, svc.get("/api/settlements/AC-3").status());
        assertEquals(0, json(svc.get("/api/ledger/AC-P3/2024")).get("pools").size());

        String today = ServiceFixture.TODAY.toString();   // the hospital's day at the fixture's START
        JsonNode entries = json(boss.get("/api/audit?date=" + today)).get("entries");
        JsonNode cancel = null;
        for (JsonNode e : entries) if (e.path("mdtrt_id").asText().equals("AC-3") && e.get("action").asText().equals("cancel")) cancel = e;
        assertNotNull(cancel, entries.toString());
        assertEquals("zhang", cancel.get("actor").asText());
        assertEquals("supervisor", cancel.get("role").asText());
        assertEquals("收费项目录入错误", cancel.get("reason").asText());
        assertTrue(cancel.get("detail").asText().contains("撤销 个人现金 4,396.73 元"), cancel.toString());
        // the visit shows the cancel and who made it
        JsonNode v = json(clerk.get("/api/counter/visits/AC-3"));
        assertEquals("cancelled", v.get("status").asText());
        assertEquals("zhang", v.at("/cancels/0/by").asText());
        // nothing edits the log: no method but GET is routed for it
        int before = entries.size();
        assertNotEquals(200, svc.post("/api/audit", "{}").status());
        assertEquals(before, json(boss.get("/api/audit?date=" + today)).get("entries").size());
        // and the chain over the whole log is intact
        JsonNode verify = json(boss.get("/api/audit/verify"));
        assertTrue(verify.get("intact").asBoolean(), verify.toString());
        assertEquals(verify.get("entries").asLong(), verify.get("chained").asLong());
        assertEquals(403, clerk.get("/api/audit/verify").status());
    }

    @Test
    void searchByVisitPersonOrName() throws Exception {
        assertEquals(200, his.post("/api/settlements", visit("AC-4", "AC-P4").replace("王秀英", "欧阳春花")).status());
        for (String q : new String[] {"AC-4", "AC-P4", "欧阳", "欧阳春花"}) {
            JsonNode hits = json(clerk.get("/api/counter/visits?q=" + java.net.URLEncoder.encode(q, "UTF-8"))).get("visits");
            assertEquals(1, hits.size(), q + ": " + hits);
            assertEquals("AC-4", hits.at("/0/mdtrt_id").asText());
            assertEquals("settled", hits.at("/0/status").asText());
            assertEquals("**************4321", hits.at("/0/certno").asText());
            assertEquals("4396.73", money(hits, "/0/psn_cash_pay"));
        }
        assertEquals(0, json(clerk.get("/api/counter/visits?q=%E6%AC%A7%25")).get("visits").size());   // "欧%": % is a letter here
        assertEquals(400, clerk.get("/api/counter/visits?q=").status());
    }

    @Test
    void printsAreCountedAndAudited() throws Exception {
        assertEquals(200, his.post("/api/settlements", visit("AC-5", "AC-P5")).status());
        JsonNode first = json(clerk.post("/api/counter/visits/AC-5/print", ""));
        assertEquals(1, first.get("print_no").asInt());
        assertEquals("li", first.get("printed_by").asText());
        assertEquals("示例医院", first.get("hospital_name").asText());
        assertEquals(2, json(clerk.post("/api/counter/visits/AC-5/print", "")).get("print_no").asInt());
        assertEquals(2, json(clerk.get("/api/counter/visits/AC-5")).get("prints").asInt());
        assertEquals(404, clerk.post("/api/counter/visits/AC-NONE/print", "").status());
    }

    /** 预结算 of an HL7 visit in progress (A01 and the two DFT^P03 of mappings/examples, 35000.00 in all). */
    @Test
    void presettlementFromTheChargesSoFarTouchesNothing() throws Exception {
        Hl7Service hl7 = svc.context.getBean(Hl7Service.class);
        for (String f : new String[] {"lc-01-adt-a01.hl7", "lc-02-dft-p03.hl7", "lc-03-dft-p03.hl7"}) {
            assertEquals("AA", hl7.handle(Files.readAllBytes(Path.of("mappings/examples", f))).ackCode(), f);
        }
        JsonNode v = json(clerk.get("/api/counter/visits/EX-LC-0001"));
        assertEquals("admitted", v.get("status").asText());
        assertEquals("35000.00", money(v, "/charges/total"));
        assertEquals("**************4321", v.get("certno").asText());
        ServiceFixture.Reply r = clerk.post("/api/counter/visits/EX-LC-0001/presettle", "{\"endtime\":\"2024-03-12\"}");
        assertEquals(200, r.status(), r.body());
        JsonNode p = json(r);
        assertTrue(p.get("presettlement").asBoolean());
        // the A01's admitting diagnosis (DG1 I63.9) stands in for the discharge's
        assertEquals("[\"I63.9\"]", p.get("diagnoses").toString());
        assertTrue(p.at("/notes/0").asText().contains("按入院诊断（I63.9）"), p.get("notes").toString());
        assertEquals("21034.00", money(p, "/bill/setlinfo/hifp_pay"));
        assertEquals("3136.90", money(p, "/bill/setlinfo/hifmi_pay"));
        assertEquals("6432.37", money(p, "/bill/setlinfo/maf_pay"));
        assertEquals("4396.73", money(p, "/bill/setlinfo/psn_part_amt"));
        assertFalse(r.body().contains("371502198003154321"), "full ID number in a response");
        // the ledger is untouched and the visit still in progress
        assertEquals(0, json(svc.get("/api/ledger/EX-P-371500-01/2024")).get("pools").size());
        assertEquals("admitted", json(clerk.get("/api/counter/visits/EX-LC-0001")).get("status").asText());
        ServiceFixture.Reply none = clerk.post("/api/counter/visits/AC-NONE/presettle", "{}");
        assertEquals(422, none.status());
        assertEquals("unknown_visit", json(none).get("code").asText(), none.body());
        assertEquals("mdtrt_id: 就诊 AC-NONE 没有有效的入院登记（ADT^A01），无法预结算", json(none).at("/errors/0").asText());
        ServiceFixture.Reply badDate = clerk.post("/api/counter/visits/EX-LC-0001/presettle", "{\"endtime\":\"12/03/2024\"}");
        assertEquals(400, badDate.status());
        assertEquals("endtime: '12/03/2024' 不是日期（应为 YYYY-MM-DD）", json(badDate).at("/errors/0").asText());
    }

    /**
     * Two stays of one person: the second is settled on totals that include the first. Once the first is cancelled, a
     * re-settlement of the second gives what the second alone gives: the example's figures.
     */
    @Test
    void resettleAfterAnEarlierStayIsCancelled() throws Exception {
        assertEquals(200, his.post("/api/settlements", visit("AC-6A", "AC-P6")).status());
        JsonNode second = json(his.post("/api/settlements", visit("AC-6B", "AC-P6").replace("2024-03-01", "2024-04-01")
                .replace("2024-03-12", "2024-04-10"))).get("bill");
        assertNotEquals("4396.73", money(second, "/setlinfo/psn_part_amt"), "the second stay's deductibles are already met");
        JsonNode cancel = json(boss.post("/api/counter/visits/AC-6A/cancel", "{\"reason\":\"重复入院登记\"}"));
        assertEquals("AC-6B", cancel.at("/settled_later/0").asText());
        ServiceFixture.Reply r = boss.post("/api/counter/visits/AC-6B/resettle", "{\"reason\":\"前次住院已撤销，重新计算\"}");
        assertEquals(200, r.status(), r.body());
        JsonNode again = json(r).get("bill");
        assertEquals("6432.37", money(again, "/setlinfo/maf_pay"));
        assertEquals("4396.73", money(again, "/setlinfo/psn_part_amt"));
        assertEquals("6432.37", money(json(svc.get("/api/ledger/AC-P6/2024")), "/pools/assist/paid"));
        assertEquals(again, json(svc.get("/api/settlements/AC-6B")));
    }

    @Test
    void loginSessionCookieAndLockout() throws Exception {
        svc.account("wang", "clerk", "Wang-Secret-42x");
        ServiceFixture.Reply bad = svc.anonymous().form("/login", "username=wang&password=nope");
        assertEquals(303, bad.status());
        assertEquals("/login?error=1", bad.headers().firstValue("Location").orElseThrow());
        ServiceFixture.Reply ok = svc.anonymous().form("/login", "username=wang&password=Wang-Secret-42x");
        assertEquals(303, ok.status());
        assertEquals("/counter/", ok.headers().firstValue("Location").orElseThrow());
        String setCookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.toLowerCase(java.util.Locale.ROOT).contains("httponly") && setCookie.contains("SameSite=Strict"), setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        ServiceFixture.Client page = svc.with(Map.of("Cookie", cookie));
        assertEquals("clerk", json(page.get("/api/me")).get("role").asText());
        assertEquals(200, page.get("/counter/").status());
        // a change made with the cookie alone (another site's form) is refused; the page's header lets it through
        assertEquals(403, page.post("/api/counter/visits/NONE/print", "").status());
        assertEquals(404, svc.with(Map.of("Cookie", cookie, "X-Requested-With", "counter")).post("/api/counter/visits/NONE/print", "").status());
        // another site cannot log the clerk out
        assertEquals(403, svc.with(Map.of("Cookie", cookie, "Sec-Fetch-Site", "cross-site")).post("/logout", "").status());
        assertEquals("clerk", json(page.get("/api/me")).get("role").asText());
        // logout ends the session
        assertEquals(303, svc.with(Map.of("Cookie", cookie, "X-Requested-With", "counter")).post("/logout", "").status());
        assertEquals(401, page.get("/api/me").status());
        // five wrong passwords lock the account for a while, even for the right one
        for (int i = 0; i < 5; i++) assertEquals(401, svc.as("wang", "wrong-" + i).get("/api/me").status());
        assertEquals(429, svc.as("wang", "Wang-Secret-42x").get("/api/me").status());
        assertEquals("/login?error=locked", svc.anonymous().form("/login", "username=wang&password=Wang-Secret-42x")
                .headers().firstValue("Location").orElseThrow());
    }

    @Test
    void accountsAreManagedByAdminsWithPasswordsHashed() throws Exception {
        JsonNode created = json(svc.post("/api/accounts", "{\"username\":\"zhao\",\"role\":\"clerk\"}"));
        String generated = created.get("password").asText();
        assertEquals(16, generated.length());
        assertEquals("clerk", json(svc.as("zhao", generated).get("/api/me")).get("role").asText());
        assertFalse(svc.get("/api/accounts").body().contains(generated));
        assertFalse(svc.get("/api/accounts").body().contains("pbkdf2"));
        assertEquals(409, svc.post("/api/accounts", "{\"username\":\"zhao\",\"role\":\"clerk\"}").status());
        assertEquals(400, svc.post("/api/accounts", "{\"username\":\"x y\",\"role\":\"boss\",\"password\":\"short\"}").status());
        // the database holds a PBKDF2 hash, not the password
        var accounts = svc.context.getBean(org.yidan.settlement.store.JdbcAccounts.class);
        String hash = accounts.find("zhao").orElseThrow().passwordHash();
        assertTrue(hash.startsWith("pbkdf2-sha256$"), hash);
        assertFalse(hash.contains(generated));
        // disabled: refused at once
        assertEquals(200, svc.post("/api/accounts/zhao/disable", "").status());
        assertEquals(401, svc.as("zhao", generated).get("/api/me").status());
        // own password change
        svc.post("/api/accounts/zhao/enable", "");
        ServiceFixture.Client zhao = svc.as("zhao", generated);
        assertEquals(403, zhao.post("/api/me/password", "{\"old\":\"nope\",\"new\":\"Another-Pass-9\"}").status());
        assertEquals(400, zhao.post("/api/me/password", "{\"old\":\"" + generated + "\",\"new\":\"short\"}").status());
        assertEquals(200, zhao.post("/api/me/password", "{\"old\":\"" + generated + "\",\"new\":\"Another-Pass-9\"}").status());
        assertEquals(401, zhao.get("/api/me").status());
        assertEquals(200, svc.as("zhao", "Another-Pass-9").get("/api/me").status());
        assertEquals(400, svc.as("zhao", "Another-Pass-9").post("/api/me/password",
                "{\"old\":\"Another-Pass-9\",\"new\":\"Another-Pass-9\"}").status());
        // wrong current passwords given through the page count toward the lockout like wrong logins
        ServiceFixture.Reply in = svc.anonymous().form("/login", "username=zhao&password=Another-Pass-9");
        String zc = in.headers().firstValue("Set-Cookie").orElseThrow();
        ServiceFixture.Client zpage = svc.with(Map.of("Cookie", zc.substring(0, zc.indexOf(';')), "X-Requested-With", "counter"));
        for (int i = 0; i < 5; i++) {
            assertEquals(403, zpage.post("/api/me/password", "{\"old\":\"guess-" + i + "\",\"new\":\"Third-Pass-77\"}").status());
        }
        assertEquals(429, zpage.post("/api/me/password", "{\"old\":\"Another-Pass-9\",\"new\":\"Third-Pass-77\"}").status());
        assertEquals("/login?error=locked", svc.anonymous().form("/login", "username=zhao&password=Another-Pass-9")
                .headers().firstValue("Location").orElseThrow());
        // the only enabled admin cannot be demoted (nobody would be left to manage accounts)
        ServiceFixture.Reply demote = svc.post("/api/accounts/admin/role", "{\"role\":\"clerk\"}");
        assertEquals(409, demote.status());
        assertTrue(demote.body().contains("账户 admin 是唯一在用的管理员"), demote.body());
    }

    /**
     * The names the page shows for codes come from the server: layers (the engine's, the HIS-given ones by their
     * fund's name), insurance and medical types, statuses, roles (in the order the page lists them), sources, audit
     * actions; for whoever may open the page. The page's modules are served as JavaScript.
     */
    @Test
    void labelsForThePage() throws Exception {
        ServiceFixture.Reply r = clerk.get("/api/labels");
        assertEquals(200, r.status(), r.body());
        JsonNode l = json(r);
        assertEquals(java.util.List.of("layers", "insutypes", "med_types", "statuses", "roles", "sources", "audit_actions",
                "fund_fields", "relief_categories"), fields(l));
        // policies/categories.yaml, in its order
        assertEquals("低保对象", l.at("/relief_categories/DIBAO").asText());
        assertEquals(15, l.get("relief_categories").size());
        // 2304 setlinfo: 统筹基金 in hifp_pay, 居民大病保险 hifmi_pay, 职工大额补助 hifob_pay, 医疗救助 (and 再救助) maf_pay,
        // 医院减免 hosp_part_amt, 其他 oth_pay
        assertEquals(Json.MAPPER.readTree("""
                {"310100": "hifp_pay", "390100": "hifp_pay", "330100": "hifob_pay", "390200": "hifmi_pay",
                 "610100": "maf_pay", "610102": "maf_pay", "630100": "hosp_part_amt", "999997": "oth_pay"}"""), l.get("fund_fields"));
        assertEquals(Json.MAPPER.readTree("""
                {"basic": "基本医保", "critical_illness": "大病保险", "special_drug": "特药", "assistance": "医疗救助",
                 "re_assistance": "再救助/倾斜救助", "pku_food": "特医食品", "hospital_reduction": "医疗机构减免",
                 "other": "其他（医疗商业补充保险）"}"""), l.get("layers"));
        assertEquals(Json.MAPPER.readTree("{\"310\": \"职工基本医疗保险\", \"390\": \"城乡居民基本医疗保险\"}"), l.get("insutypes"));
        assertEquals(Json.MAPPER.readTree("{\"11\": \"普通门诊\", \"14\": \"门诊慢特病\", \"21\": \"普通住院\"}"), l.get("med_types"));
        assertEquals(Json.MAPPER.readTree("{\"admitted\": \"在院\", \"settled\": \"已结算\", \"cancelled\": \"已撤销\", \"admission_cancelled\": \"已取消入院\"}"), l.get("statuses"));
        assertEquals(Json.MAPPER.readTree("{\"computed\": \"本系统计算\", \"upstream\": \"HIS 传入\"}"), l.get("sources"));
        assertEquals(java.util.List.of("clerk", "supervisor", "integration", "admin"), fields(l.get("roles")));
        assertEquals("收费员", l.at("/roles/clerk").asText());
        assertEquals("主管", l.at("/roles/supervisor").asText());
        assertEquals("接口", l.at("/roles/integration").asText());
        assertEquals("管理员", l.at("/roles/admin").asText());
        assertEquals(19, l.get("audit_actions").size());
        assertEquals("重新处理报文", l.at("/audit_actions/message_reprocess").asText());
        assertEquals("结算", l.at("/audit_actions/settle").asText());
        assertEquals("追溯救助重算", l.at("/audit_actions/retroactive").asText());
        assertEquals("撤销结算", l.at("/audit_actions/cancel").asText());
        assertEquals("重新结算", l.at("/audit_actions/resettle").asText());
        assertEquals("打印结算单", l.at("/audit_actions/print").asText());
        assertEquals("登录失败", l.at("/audit_actions/login_failed").asText());
        assertEquals("重置密码", l.at("/audit_actions/password_set").asText());
        // the same for a supervisor; an HIS does not open the page; nobody without an account
        assertEquals(r.body(), boss.get("/api/labels").body());
        assertEquals(403, his.get("/api/labels").status());
        assertEquals(401, svc.anonymous().get("/api/labels").status());
        // the page's ES modules: a JavaScript type (a browser refuses a module of another type), for the page's roles;
        // its shared library (lib/) serves the integration page too
        for (String js : new String[] {"/counter/main.js", "/counter/lib/labels.js"}) {
            ServiceFixture.Reply m = clerk.get(js);
            assertEquals(200, m.status(), js);
            assertTrue(m.headers().firstValue("Content-Type").orElse("").contains("javascript"), js + ": " + m.headers());
            assertEquals(js.contains("/lib/") ? 200 : 403, his.get(js).status(), js);
        }
    }

    static java.util.List<String> fields(JsonNode n) {
        java.util.List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
