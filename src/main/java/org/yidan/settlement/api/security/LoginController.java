package org.yidan.settlement.api.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.yidan.settlement.api.JsonResponses;
import org.yidan.settlement.store.Accounts;
import org.yidan.settlement.store.AuditLog;
import org.yidan.settlement.config.HospitalSettings;
import org.yidan.settlement.config.SecuritySettings;

/** The login page and session: GET/POST /login, POST /logout, GET /api/me, POST /api/me/password; GET / → the page. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class LoginController {
    /** As the login page says it for ?error=locked. */
    private static final String LOCKED = "密码错误次数过多，该账户暂时锁定，请稍后再试";
    private final Authenticator auth;
    private final Accounts accounts;
    private final AuditLog audit;
    private final Passwords passwords;
    private final boolean secureCookie;
    private final String hospitalName;
    private final String hospitalCode;
    private final java.time.Clock clock;

    /** @param clock the service's clock: the page's "today" comes from it, never from the browser's zone */
    LoginController(Authenticator auth, Accounts accounts, AuditLog audit, Passwords passwords, java.time.Clock clock,
                    SecuritySettings security, HospitalSettings hospital) {
        this.auth = auth;
        this.accounts = accounts;
        this.audit = audit;
        this.passwords = passwords;
        this.secureCookie = security.cookieSecure();
        this.hospitalName = hospital.name();
        this.hospitalCode = hospital.code() == null ? "" : hospital.code();
        this.clock = clock;
    }

    /** The root (open to anyone): a logged-in account's own page, else the counter (which asks to log in). */
    @Get
    public HttpResponse<?> root(HttpRequest<?> request) {
        String to = request.getCookies().findCookie(AuthFilter.COOKIE).flatMap(c -> auth.session(c.getValue()))
                .map(s -> home(s.user())).orElse("/counter/");
        return HttpResponse.seeOther(URI.create(to));
    }

    /** The page an account lands on: the integration page for the integration role, the counter for the others. */
    static String home(User u) {
        return u.role() == Role.INTEGRATION ? "/interface/" : "/counter/";
    }

    @Get("/login")
    public HttpResponse<String> page() throws IOException {
        try (InputStream in = LoginController.class.getResourceAsStream("/public/login.html")) {
            if (in == null) return HttpResponse.notFound("login.html is missing from the jar");
            return HttpResponse.ok(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .contentType(MediaType.TEXT_HTML_TYPE + ";charset=utf-8").header("Cache-Control", "no-store");
        }
    }

    /** A form (the login page: 303 to the page, or back to /login?error=1) or JSON (200 with the account, or 401). */
    @Post("/login")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON})
    public HttpResponse<?> login(HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        boolean form = request.getContentType().map(t -> t.getName().equals(MediaType.APPLICATION_FORM_URLENCODED)).orElse(false);
        String username = body == null ? null : str(body.get("username"));
        String password = body == null ? null : str(body.get("password"));
        Authenticator.Result r = auth.check(username, password, "login");
        if (r.user() == null) {
            String why = r.outcome() == Authenticator.Outcome.LOCKED ? "locked" : "1";
            if (form) return HttpResponse.seeOther(URI.create("/login?error=" + why));
            return JsonResponses.errors(HttpStatus.UNAUTHORIZED, r.outcome() == Authenticator.Outcome.LOCKED
                    ? LOCKED : "用户名或密码错误");
        }
        Authenticator.Session s = auth.open(r.user());
        Cookie cookie = Cookie.of(AuthFilter.COOKIE, s.token()).httpOnly(true).path("/").sameSite(SameSite.Strict).secure(secureCookie);
        MutableHttpResponse<?> out = form ? HttpResponse.seeOther(URI.create(home(r.user())))
                : JsonResponses.status(HttpStatus.OK, me(r.user()));
        return out.cookie(cookie);
    }

    @Post("/logout")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public HttpResponse<?> logout(HttpRequest<?> request) {
        // another site may not log a clerk out: the page's own request carries X-Requested-With; a browser marks
        // a cross-site one Sec-Fetch-Site: cross-site
        String site = request.getHeaders().get("Sec-Fetch-Site");
        if (!request.getHeaders().contains("X-Requested-With") && site != null && !site.equals("same-origin") && !site.equals("none")) {
            return JsonResponses.errors(HttpStatus.FORBIDDEN, "拒绝来自其他网站的退出请求");
        }
        request.getCookies().findCookie(AuthFilter.COOKIE).ifPresent(c -> {
            auth.session(c.getValue()).ifPresent(s -> audit.append(s.user().username(), s.user().role().code(), "logout", null, null, null));
            auth.close(c.getValue());
        });
        Cookie gone = Cookie.of(AuthFilter.COOKIE, "").httpOnly(true).path("/").sameSite(SameSite.Strict).maxAge(0);
        return HttpResponse.seeOther(URI.create("/login?logout=1")).cookie(gone);
    }

    @Get("/api/me")
    public HttpResponse<?> me(HttpRequest<?> request) {
        return JsonResponses.status(HttpStatus.OK, me(request.getAttribute(User.ATTRIBUTE, User.class).orElseThrow()));
    }

    /**
     * Who is logged in, and the hospital's day: {@code today} (YYYY-MM-DD), {@code now} (with its UTC offset) and
     * {@code zone} are the service's clock in the hospital's zone, so the page's default 对账 and audit day is the
     * hospital's whatever the zone of the clerk's PC.
     */
    private Map<String, Object> me(User u) {
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(clock);
        return Map.of("username", u.username(), "role", u.role().code(), "role_name", u.role().label(),
                "hospital_name", hospitalName, "hospital_code", hospitalCode, "today", now.toLocalDate().toString(),
                "now", java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now.withNano(0)), "zone", clock.getZone().getId());
    }

    /** Changes one's own password: {"old": "...", "new": "..."}. */
    @Post("/api/me/password")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<?> password(HttpRequest<?> request, @Body Map<String, Object> body) {
        User u = request.getAttribute(User.ATTRIBUTE, User.class).orElseThrow();
        String old = str(body.get("old"));
        String neu = str(body.get("new"));
        // checked like a login: wrong current passwords count toward the lockout (a walked-away session is no way in)
        Authenticator.Result r = auth.check(u.username(), old, "password_change");
        if (r.outcome() == Authenticator.Outcome.LOCKED) {
            return JsonResponses.errors(HttpStatus.TOO_MANY_REQUESTS, LOCKED);
        }
        if (old == null || r.user() == null) {
            return JsonResponses.errors(HttpStatus.FORBIDDEN, "old: 当前密码不正确");
        }
        if (old.equals(neu)) return JsonResponses.errors(HttpStatus.BAD_REQUEST, "new: 新密码不能与当前密码相同");
        String weak = Passwords.weakness(neu, u.username());
        if (weak != null) return JsonResponses.errors(HttpStatus.BAD_REQUEST, "new: 新" + weak.substring("password: ".length()));
        accounts.setPassword(u.username(), passwords.hash(neu));
        auth.forget(u.username());
        audit.append(u.username(), u.role().code(), "password_changed", null, null, "本人修改密码");
        return JsonResponses.status(HttpStatus.OK, Map.of("changed", true, "note", "请用新密码重新登录"));
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
