package org.yidan.settlement.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yidan.settlement.api.InternalErrorHandler;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.store.StoreException;

/**
 * The errors a clerk or the insurance office meets in the account, security and counter area are Chinese, the
 * machine part (field name, header, method and path, code, ref) kept beside the words.
 */
class ErrorTextsTest {
    @TempDir
    static Path data;
    static ServiceFixture svc;
    static ServiceFixture.Client clerk;

    @BeforeAll
    static void start() {
        svc = new ServiceFixture(data, Map.of());
        clerk = svc.account("li", "clerk", "Clerk-Secret-42x");
    }

    @AfterAll
    static void stop() {
        svc.close();
    }

    /** The answer's status and its errors. */
    static List<String> errors(ServiceFixture.Reply r, int status) throws Exception {
        assertEquals(status, r.status(), r.body());
        List<String> out = new ArrayList<>();
        Json.MAPPER.readTree(r.body()).path("errors").forEach(e -> out.add(e.asText()));
        return out;
    }

    static String first(ServiceFixture.Reply r, int status) throws Exception {
        List<String> e = errors(r, status);
        assertTrue(!e.isEmpty(), r.body());
        return e.get(0);
    }

    @Test
    void theFilterRefusesInChinese() throws Exception {
        assertEquals("需要登录：请在 /login 登录，或发送 HTTP Basic 凭据", first(svc.anonymous().get("/api/me"), 401));
        assertEquals("Authorization: 只接受 HTTP Basic 凭据",
                first(svc.with(Map.of("Authorization", "Bearer x")).get("/api/me"), 401));
        assertEquals("Authorization: Basic 凭据须为 user:password 的 base64 编码",
                first(svc.with(Map.of("Authorization", "Basic !!!")).get("/api/me"), 401));
        assertEquals("用户名或密码错误", first(svc.as("li", "wrong-password").get("/api/me"), 401));
        assertEquals("path: '/api//me' 不是规范的路径（不能含 '.'、'..' 或空的路径段）", first(clerk.get("/api//me"), 400));
        assertEquals("账户 li（clerk）无权执行 GET /api/accounts（需要角色：admin）", first(clerk.get("/api/accounts"), 403));
        // the page's cookie without the page's header
        String set = svc.anonymous().form("/login", "username=li&password=Clerk-Secret-42x").headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = set.substring(0, set.indexOf(';'));
        assertEquals("POST /api/counter/visits/NONE/print: 使用会话 Cookie 的请求须带请求头 X-Requested-With（拒绝跨站请求）",
                first(svc.with(Map.of("Cookie", cookie)).post("/api/counter/visits/NONE/print", ""), 403));
        assertEquals("拒绝来自其他网站的退出请求",
                first(svc.with(Map.of("Cookie", cookie, "Sec-Fetch-Site", "cross-site")).post("/logout", ""), 403));
    }

    @Test
    void aLockedAccountIsToldSo() throws Exception {
        svc.account("sun", "clerk", "Sun-Secret-42x");
        assertEquals("用户名或密码错误", first(svc.anonymous().post("/login", "{\"username\":\"sun\",\"password\":\"nope\"}"), 401));
        for (int i = 0; i < 4; i++) assertEquals(401, svc.as("sun", "wrong-" + i).get("/api/me").status());
        assertEquals("账户 sun 密码错误次数过多，已暂时锁定，请稍后再试", first(svc.as("sun", "Sun-Secret-42x").get("/api/me"), 429));
        assertEquals("密码错误次数过多，该账户暂时锁定，请稍后再试",
                first(svc.anonymous().post("/login", "{\"username\":\"sun\",\"password\":\"Sun-Secret-42x\"}"), 401));
    }

    @Test
    void ownPasswordChecksKeepTheField() throws Exception {
        ServiceFixture.Client zhou = svc.account("zhou", "clerk", "Zhou-Secret-42x");
        String change = "/api/me/password";
        assertEquals("old: 当前密码不正确", first(zhou.post(change, "{\"old\":\"nope\",\"new\":\"Another-Pass-9\"}"), 403));
        assertEquals("new: 新密码不能与当前密码相同", first(zhou.post(change, "{\"old\":\"Zhou-Secret-42x\",\"new\":\"Zhou-Secret-42x\"}"), 400));
        assertEquals("new: 新密码至少 10 位", first(zhou.post(change, "{\"old\":\"Zhou-Secret-42x\",\"new\":\"short\"}"), 400));
        assertEquals("new: 新密码中不同的字符太少（至少 4 种）", first(zhou.post(change, "{\"old\":\"Zhou-Secret-42x\",\"new\":\"aaaaaaaaaaab\"}"), 400));
        JsonNode done = zhou.post(change, "{\"old\":\"Zhou-Secret-42x\",\"new\":\"Another-Pass-9\"}").ok();
        assertEquals("请用新密码重新登录", done.get("note").asText());
    }

    @Test
    void accountErrorsNameTheField() throws Exception {
        List<String> bad = errors(svc.post("/api/accounts", "{\"username\":\"x y\",\"role\":\"boss\",\"password\":\"short\"}"), 400);
        assertEquals(List.of("username: 用户名须为 2–64 位字母、数字或 . _ -，并以字母或数字开头",
                "role: 请选择有效的角色（clerk、supervisor、integration、admin 之一）", "password: 密码至少 10 位"), bad);
        assertEquals("password: 密码不能与用户名相同",
                first(svc.post("/api/accounts", "{\"username\":\"Wu.Gang-2024\",\"role\":\"clerk\",\"password\":\"wu.gang-2024\"}"), 400));
        assertEquals("password: 密码中不同的字符太少（至少 4 种）",
                first(svc.post("/api/accounts/li/password", "{\"password\":\"abababababab\"}"), 400));
        assertEquals("username: 用户名 li 已被占用",
                first(svc.post("/api/accounts", "{\"username\":\"li\",\"role\":\"clerk\"}"), 409));
        assertEquals("账户 nobody 不存在", first(svc.post("/api/accounts/nobody/enable", ""), 404));
        assertEquals("role: 请选择有效的角色（clerk、supervisor、integration、admin 之一）",
                first(svc.post("/api/accounts/li/role", "{\"role\":\"boss\"}"), 400));
        assertEquals("不能停用自己的账户", first(svc.post("/api/accounts/admin/disable", ""), 409));
        assertEquals("账户 admin 是唯一在用的管理员（admin）：请先将另一个账户设为管理员",
                first(svc.post("/api/accounts/admin/role", "{\"role\":\"clerk\"}"), 409));
    }

    @Test
    void counterAndQueueErrors() throws Exception {
        ServiceFixture.Client boss = svc.account("zhang", "supervisor", "Boss-Secret-42x");
        assertEquals("q: 请输入就诊号、人员编号或姓名（1 至 100 个字符）", first(clerk.get("/api/counter/visits?q="), 400));
        assertEquals("就诊 NONE 在本系统中既无入院登记，也无结算记录", first(clerk.get("/api/counter/visits/NONE"), 404));
        assertEquals("就诊 NONE 尚未结算，没有可打印的结算单", first(clerk.post("/api/counter/visits/NONE/print", ""), 404));
        assertEquals("reason: 请填写原因（为何撤销结算或重新结算）", first(boss.post("/api/counter/visits/NONE/cancel", "{}"), 400));
        assertEquals("reason: 原因最多 500 个字",
                first(boss.post("/api/counter/visits/NONE/resettle", "{\"reason\":\"" + "错".repeat(501) + "\"}"), 400));
        assertEquals(List.of("year: 请填写年度，例如 2024", "reason: 请填写追溯依据（认定文件、日期、认定机关）",
                "relief_identities: 请填写认定的救助身份及其起止日期"), errors(boss.post("/api/counter/persons/P/retroactive", "{}"), 400));
        assertEquals("relief_identities[0].category: 请填写救助身份类别", first(boss.post("/api/counter/persons/P/retroactive",
                "{\"year\":2024,\"reason\":\"x\",\"relief_identities\":[{\"begntime\":\"2024-01-01\"}]}"), 400));
        assertEquals("status: 无效的状态 'bogus'（应为 queued、sending、sent、dead 之一）",
                first(svc.get("/api/outbound?status=bogus"), 400));
    }

    @Test
    void anUnforeseenErrorKeepsItsRef() throws Exception {
        InternalErrorHandler handler = svc.context.getBean(InternalErrorHandler.class);
        io.micronaut.http.HttpRequest<?> request = io.micronaut.http.HttpRequest.GET("/api/counter/visits/X");
        String down = Json.MAPPER.readTree((String) handler.handle(request, new StoreException("disk full", null)).body())
                .at("/errors/0").asText();
        assertTrue(down.matches("数据库暂时无法完成此操作（ref [0-9a-z]+）：未做任何更改，请重试"), down);
        String bug = Json.MAPPER.readTree((String) handler.handle(request, new IllegalStateException("NPE")).body())
                .at("/errors/0").asText();
        assertTrue(bug.matches("服务器内部错误（ref [0-9a-z]+）：未做任何更改，请重试"), bug);
    }
}
