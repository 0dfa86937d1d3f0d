package org.yidan.settlement.api.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Collectors;
import org.yidan.settlement.api.JsonResponses;

/**
 * Every request but the public ones (health, login) is made as an account: the page's session cookie or HTTP Basic
 * credentials (an HIS, a script). The account's role must be one {@link AccessRules} allows for the method and path.
 * A request the page makes with its cookie must carry {@code X-Requested-With} when it changes something: another
 * site's form cannot set that header, so it cannot use a clerk's session.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class AuthFilter implements Ordered {
    public static final String COOKIE = "YIDAN_SESSION";

    private final Authenticator auth;

    AuthFilter(Authenticator auth) {
        this.auth = auth;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        String path = request.getPath();
        String method = request.getMethodName();
        if (path.contains("//") || path.contains("/./") || path.contains("/../") || path.endsWith("/..")
                || path.endsWith("/.") || path.contains("\\")) {
            return error(HttpStatus.BAD_REQUEST, "path: '" + path + "' 不是规范的路径（不能含 '.'、'..' 或空的路径段）", false);
        }
        // the rule of the route the request was routed to (a trailing slash, an encoded character or a ';' parameter
        // reach the same route, so they get the same rule); a request no route takes (static files, 404) by its path
        String routed = routed(request);
        AccessRules.Rule rule = AccessRules.rule(method, routed != null ? routed : path);
        if (rule.isPublic()) return null;
        boolean page = (path.equals("/counter") || path.startsWith("/counter/") || path.equals("/interface")
                || path.startsWith("/interface/")) && request.getMethod() == HttpMethod.GET;
        boolean fromPage = request.getHeaders().contains("X-Requested-With");

        User user = null;
        boolean viaCookie = false;
        String basic = request.getHeaders().getAuthorization().orElse(null);
        if (basic != null) {
            if (!basic.regionMatches(true, 0, "Basic ", 0, 6)) {
                return error(HttpStatus.UNAUTHORIZED, "Authorization: 只接受 HTTP Basic 凭据", !fromPage);
            }
            String[] up = decode(basic.substring(6).trim());
            if (up == null) return error(HttpStatus.UNAUTHORIZED, "Authorization: Basic 凭据须为 user:password 的 base64 编码", !fromPage);
            Authenticator.Result r = auth.check(up[0], up[1], "basic");
            if (r.outcome() == Authenticator.Outcome.LOCKED) {
                return error(HttpStatus.TOO_MANY_REQUESTS, "账户 " + up[0] + " 密码错误次数过多，已暂时锁定，请稍后再试", false);
            }
            if (r.user() == null) return error(HttpStatus.UNAUTHORIZED, "用户名或密码错误", !fromPage);
            user = r.user();
        } else {
            Cookie c = request.getCookies().findCookie(COOKIE).orElse(null);
            Authenticator.Session s = c == null ? null : auth.session(c.getValue()).orElse(null);
            if (s != null) {
                user = s.user();
                viaCookie = true;
            }
        }
        if (user == null) {
            if (page) return HttpResponse.seeOther(URI.create("/login"));
            return error(HttpStatus.UNAUTHORIZED, "需要登录：请在 /login 登录，或发送 HTTP Basic 凭据", !fromPage);
        }
        if (viaCookie && !fromPage && !(request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD)) {
            return error(HttpStatus.FORBIDDEN, method + " " + path + ": 使用会话 Cookie 的请求须带请求头 X-Requested-With（拒绝跨站请求）", false);
        }
        if (!rule.roles().contains(user.role())) {
            String needs = rule.roles().stream().map(Role::code).sorted().collect(Collectors.joining("、"));
            if (page) {
                return HttpResponse.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_HTML_TYPE + ";charset=utf-8")
                        .body("<!doctype html><meta charset=utf-8><title>无权访问</title><p>账户 " + html(user.username())
                                + "（" + user.role().label() + "）无权打开此页面。<a href=\"/login\">换个账户登录</a></p>");
            }
            return error(HttpStatus.FORBIDDEN, "账户 " + user.username() + "（" + user.role().code() + "）无权执行 "
                    + method + " " + path + "（需要角色：" + needs + "）", false);
        }
        request.setAttribute(User.ATTRIBUTE, user);
        return null;
    }

    /**
     * The path pattern of the controller route the request was routed to, as the access rules write it: the URI
     * template with each variable one segment ({@code /api/counter/visits/{mdtrtId}/cancel} → {@code
     * /api/counter/visits/x/cancel}); null when no controller route takes it.
     */
    static String routed(HttpRequest<?> request) {
        return io.micronaut.web.router.RouteAttributes.getRouteInfo(request)
                .filter(r -> r instanceof io.micronaut.web.router.UriRouteInfo<?, ?>)
                .map(r -> template(((io.micronaut.web.router.UriRouteInfo<?, ?>) r).getUriMatchTemplate().toString()))
                .orElse(null);
    }

    /**
     * A URI template as a path the rules match: query parts and optional path parts ({@code {/name}}, as the
     * management endpoints have) dropped, each {variable} a segment of its own ({@code x}).
     */
    public static String template(String t) {
        String path = t.replaceAll("\\{[?&/][^}]*}", "");
        path = path.replaceAll("\\{[^}]*}", "x");
        return path.isEmpty() ? "/" : path;
    }

    private static String[] decode(String b64) {
        try {
            String s = new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
            int colon = s.indexOf(':');
            return colon <= 0 ? null : new String[] {s.substring(0, colon), s.substring(colon + 1)};
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static HttpResponse<?> error(HttpStatus status, String message, boolean challenge) {
        var r = JsonResponses.errors(status, message);
        // a browser would open its own password box on a challenge: the page's requests (X-Requested-With) get none
        if (challenge && status == HttpStatus.UNAUTHORIZED) r.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"discharge-settlement\", charset=\"UTF-8\"");
        return r;
    }

    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
