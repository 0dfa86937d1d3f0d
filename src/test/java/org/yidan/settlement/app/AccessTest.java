package org.yidan.settlement.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yidan.settlement.api.security.Role;

/**
 * Every route × every role × path variants (trailing slash, double slash, upper case, a percent-encoded letter, a
 * {@code ;} parameter), against one table of who may do what: the README's "Accounts and roles", written here apart
 * from AccessRules (issue 10, D2: {@code POST …/cancel/} with a trailing slash let a clerk cancel). A role the table
 * denies never reaches the handler: it gets the access filter's 403 (or 401 without an account), or a 404/405 from a
 * path no route takes; a role the table allows is not refused. Every route the service has is in the table.
 */
class AccessTest {
    @TempDir
    static Path data;
    static ServiceFixture svc;
    static final Map<String, ServiceFixture.Client> AS = new LinkedHashMap<>();

    static final Set<Role> PUBLIC = Set.of();
    static final Set<Role> COUNTER = EnumSet.of(Role.CLERK, Role.SUPERVISOR, Role.ADMIN);
    static final Set<Role> SUPERVISORS = EnumSet.of(Role.SUPERVISOR, Role.ADMIN);
    static final Set<Role> SENDERS = EnumSet.of(Role.INTEGRATION, Role.ADMIN);
    static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
    static final Set<Role> ADMINS = EnumSet.of(Role.ADMIN);

    /** method and route (as the controllers declare it, {x} a variable) → who may. */
    static final Map<String, Set<Role>> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put("GET /health", PUBLIC);
        TABLE.put("GET /health/{x}", PUBLIC);
        TABLE.put("GET /login", PUBLIC);
        TABLE.put("GET /", PUBLIC);
        TABLE.put("GET /api/hl7/profile", PUBLIC);
        TABLE.put("GET /api/counter/visits", COUNTER);
        TABLE.put("GET /api/counter/visits/{x}", COUNTER);
        TABLE.put("POST /api/counter/visits/{x}/presettle", COUNTER);
        TABLE.put("POST /api/counter/visits/{x}/print", COUNTER);
        TABLE.put("POST /api/counter/visits/{x}/cancel", SUPERVISORS);
        TABLE.put("POST /api/counter/visits/{x}/resettle", SUPERVISORS);
        TABLE.put("GET /api/counter/reconciliation", COUNTER);
        TABLE.put("GET /api/counter/reconciliation.csv", COUNTER);
        TABLE.put("GET /api/counter/reconciliation/platform", COUNTER);
        TABLE.put("POST /api/counter/persons/{x}/retroactive", SUPERVISORS);
        TABLE.put("GET /api/labels", COUNTER);
        TABLE.put("GET /api/audit", SUPERVISORS);
        TABLE.put("GET /api/audit/verify", SUPERVISORS);
        TABLE.put("POST /api/settlements", SENDERS);
        TABLE.put("POST /api/settlements/preview", EVERYONE);
        TABLE.put("GET /api/settlements/{x}", EVERYONE);
        TABLE.put("POST /api/settlements/{x}/cancel", EnumSet.of(Role.INTEGRATION, Role.SUPERVISOR, Role.ADMIN));
        TABLE.put("POST /api/admissions", SENDERS);
        TABLE.put("GET /api/ledger/{x}/{x}", EVERYONE);
        TABLE.put("GET /api/policies", EVERYONE);
        TABLE.put("GET /api/policies/{x}", EVERYONE);
        TABLE.put("GET /openapi.yml", EVERYONE);
        TABLE.put("GET /api/me", EVERYONE);
        TABLE.put("POST /api/me/password", EVERYONE);
        TABLE.put("GET /api/accounts", ADMINS);
        TABLE.put("POST /api/accounts", ADMINS);
        TABLE.put("POST /api/accounts/{x}/password", ADMINS);
        TABLE.put("POST /api/accounts/{x}/role", ADMINS);
        TABLE.put("POST /api/accounts/{x}/disable", ADMINS);
        TABLE.put("POST /api/accounts/{x}/enable", ADMINS);
        TABLE.put("GET /api/messages", SENDERS);
        TABLE.put("GET /api/messages/{x}", SENDERS);
        TABLE.put("POST /api/messages/{x}/reprocess", SENDERS);
        TABLE.put("GET /api/dashboard", SENDERS);
        TABLE.put("GET /api/outbound", SENDERS);
        TABLE.put("POST /api/outbound/{x}/resend", SENDERS);
        TABLE.put("GET /api/status", EnumSet.of(Role.INTEGRATION, Role.SUPERVISOR, Role.ADMIN));
        TABLE.put("GET /metrics", SENDERS);
        TABLE.put("GET /metrics/{x}", SENDERS);
        TABLE.put("GET /prometheus", SENDERS);
        TABLE.put("GET /counter/index.html", COUNTER);
        TABLE.put("GET /counter/main.js", COUNTER);
        // the counter's style and shared scripts serve the integration page too; its own files are the integration roles'
        TABLE.put("GET /counter/lib/labels.js", EVERYONE);
        TABLE.put("GET /counter/counter.css", EVERYONE);
        TABLE.put("GET /interface/index.html", SENDERS);
        TABLE.put("GET /interface/messages.js", SENDERS);
    }

    /** Routes that change the session itself: checked without an account only. */
    static final Set<String> SESSION = Set.of("POST /login", "POST /logout");

    @BeforeAll
    static void start() {
        svc = new ServiceFixture(data, Map.of());
        AS.put("anonymous", svc.anonymous());
        for (Role r : Role.values()) {
            String user = "at-" + r.code();
            String pw = "Access-Test-" + r.code() + "-9";
            if (r != Role.ADMIN) svc.account(user, r.code(), pw);
            else svc.account(user, "admin", pw);
            ServiceFixture.Reply login = svc.anonymous().form("/login", "username=" + user + "&password=" + pw);
            String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            AS.put(r.code(), svc.with(Map.of("Cookie", setCookie.substring(0, setCookie.indexOf(';')), "X-Requested-With", "access-test")));
        }
    }

    @AfterAll
    static void stop() {
        svc.close();
    }

    static List<String> variants(String path) {
        List<String> v = new ArrayList<>(List.of(path, path + "/", path.replaceFirst("/", "//"), path + ";jsessionid=1"));
        if (path.length() > 1) v.add("/" + path.substring(1, 2).toUpperCase() + path.substring(2));
        int letter = path.lastIndexOf('/') + 1;   // a letter of the last segment, percent-encoded
        if (letter < path.length() && Character.isLetter(path.charAt(letter))) {
            v.add(path.substring(0, letter) + String.format("%%%02X", (int) path.charAt(letter)) + path.substring(letter + 1));
        }
        return v;
    }

    static ServiceFixture.Reply send(ServiceFixture.Client c, String method, String path) {
        return method.equals("GET") ? c.get(path) : c.post(path, "{}");
    }

    @Test
    void everyRouteEveryRoleEveryVariant() {
        List<String> wrong = new ArrayList<>();
        int requests = 0;
        for (Map.Entry<String, Set<Role>> e : TABLE.entrySet()) {
            String method = e.getKey().substring(0, e.getKey().indexOf(' '));
            String path = e.getKey().substring(method.length() + 1).replace("{x}", "AT-1");
            for (Map.Entry<String, ServiceFixture.Client> who : AS.entrySet()) {
                Role role = who.getKey().equals("anonymous") ? null : Role.valueOf(who.getKey().toUpperCase());
                boolean may = e.getValue().isEmpty() || (role != null && e.getValue().contains(role));
                for (String variant : variants(path)) {
                    ServiceFixture.Reply r = send(who.getValue(), method, variant);
                    requests++;
                    int s = r.status();
                    String body = r.body() == null ? "" : r.body();
                    boolean filterSaidNo = (s == 403 && body.contains("无权"))
                            || ((s == 401 || s == 303) && role == null)
                            || (s == 400 && body.contains("不是规范的路径"));
                    boolean notRouted = s == 404 || s == 405;
                    String at = method + " " + variant + " as " + who.getKey() + " → " + s + " " + body.substring(0, Math.min(120, body.length()));
                    if (!may && !(filterSaidNo || notRouted)) wrong.add("reached the handler: " + at);
                    if (!may && variant.equals(path) && !filterSaidNo) wrong.add("not refused by the filter: " + at);
                    // (a 403 of the handler's own, e.g. a wrong current password, is not the filter refusing)
                    boolean filterRefused = s == 401 || (s == 403 && body.contains("无权"));
                    if (may && variant.equals(path) && filterRefused) wrong.add("refused: " + at);
                }
            }
        }
        assertEquals(List.of(), wrong, String.join("\n", wrong));
        assertTrue(requests > 900, "requests: " + requests);
    }

    /** Every route the service has (controllers and management endpoints) is in the table above. */
    @Test
    void theTableHasEveryRoute() {
        Set<String> routes = new TreeSet<>();
        svc.context.getBean(io.micronaut.web.router.Router.class).uriRoutes().forEach(r -> {
            String t = org.yidan.settlement.api.security.AuthFilter.template(r.getUriMatchTemplate().toString());
            routes.add(r.getHttpMethodName() + " " + t);
        });
        Set<String> table = new TreeSet<>(SESSION);
        for (String k : TABLE.keySet()) table.add(k.replace("{x}", "x"));
        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(table);
        missing.removeIf(r -> r.startsWith("HEAD ") || r.startsWith("OPTIONS "));
        assertEquals(Set.of(), missing, "routes without a line in the access table");
    }
}
