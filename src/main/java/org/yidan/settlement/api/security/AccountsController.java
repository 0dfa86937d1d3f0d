package org.yidan.settlement.api.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yidan.settlement.api.JsonResponses;
import org.yidan.settlement.store.Accounts;
import org.yidan.settlement.store.AuditLog;

/**
 * Accounts (admins only): list, create (with a given or generated password, shown once), set a password, change the
 * role, disable and enable. Every change is in the audit log; no endpoint shows a password hash.
 */
@Controller("/api/accounts")
@Consumes(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AccountsController {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,63}");
    private static final String ROLE_RULE = "role: 请选择有效的角色（clerk、supervisor、integration、admin 之一）";

    private final Accounts accounts;
    private final AuditLog audit;
    private final Passwords passwords;
    private final Authenticator auth;
    private final java.time.ZoneId zone;

    AccountsController(Accounts accounts, AuditLog audit, Passwords passwords, Authenticator auth, java.time.ZoneId zone) {
        this.zone = zone;
        this.accounts = accounts;
        this.audit = audit;
        this.passwords = passwords;
        this.auth = auth;
    }

    @Get
    public HttpResponse<?> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Accounts.Account a : accounts.all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("username", a.username());
            m.put("role", a.role());
            m.put("disabled", a.disabled());
            m.put("created_at", a.createdAt().atZone(zone).toOffsetDateTime().toString());
            m.put("password_changed_at", a.passwordChangedAt().atZone(zone).toOffsetDateTime().toString());
            out.add(m);
        }
        return JsonResponses.status(HttpStatus.OK, Map.of("accounts", out));
    }

    /** {"username": "li", "role": "clerk", "password": optional}: 201 with the password when it was generated. */
    @Post
    public HttpResponse<?> create(HttpRequest<?> request, @Body Map<String, Object> body) {
        String username = str(body.get("username"));
        Role role = Role.of(str(body.get("role")));
        List<String> errors = new ArrayList<>();
        if (username == null || !USERNAME.matcher(username).matches()) {
            errors.add("username: 用户名须为 2–64 位字母、数字或 . _ -，并以字母或数字开头");
        }
        if (role == null) errors.add(ROLE_RULE);
        String given = str(body.get("password"));
        String password = given == null ? Passwords.generate(16) : given;
        if (given != null && Passwords.weakness(given, username) != null) errors.add(Passwords.weakness(given, username));
        if (!errors.isEmpty()) return JsonResponses.status(HttpStatus.BAD_REQUEST, Map.of("errors", errors));
        if (!accounts.create(username, role.code(), passwords.hash(password))) {
            return JsonResponses.errors(HttpStatus.CONFLICT, "username: 用户名 " + username + " 已被占用");
        }
        record(request, "account_created", username + "，角色 " + role.label() + "（" + role.code() + "）");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("username", username);
        out.put("role", role.code());
        if (given == null) out.put("password", password);
        return JsonResponses.status(HttpStatus.CREATED, out);
    }

    /** {"password": optional}: sets it, or generates one (returned once). The account's sessions end. */
    @Post("/{username}/password")
    public HttpResponse<?> password(HttpRequest<?> request, @PathVariable String username, @Nullable @Body Map<String, Object> body) {
        String given = body == null ? null : str(body.get("password"));
        if (given != null && Passwords.weakness(given, username) != null) {
            return JsonResponses.errors(HttpStatus.BAD_REQUEST, Passwords.weakness(given, username));
        }
        String password = given == null ? Passwords.generate(16) : given;
        if (!accounts.setPassword(username, passwords.hash(password))) return missing(username);
        auth.forget(username);
        record(request, "password_set", username);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("username", username);
        if (given == null) out.put("password", password);
        return JsonResponses.status(HttpStatus.OK, out);
    }

    @Post("/{username}/role")
    public HttpResponse<?> role(HttpRequest<?> request, @PathVariable String username, @Body Map<String, Object> body) {
        Role role = Role.of(str(body.get("role")));
        if (role == null) return JsonResponses.errors(HttpStatus.BAD_REQUEST, ROLE_RULE);
        if (role != Role.ADMIN && lastAdmin(username)) return lastAdminRefused(username);
        if (!accounts.setRole(username, role.code())) return missing(username);
        auth.forget(username);
        record(request, "role_set", username + " 的角色改为 " + role.label() + "（" + role.code() + "）");
        return JsonResponses.status(HttpStatus.OK, Map.of("username", username, "role", role.code()));
    }

    @Post("/{username}/disable")
    public HttpResponse<?> disable(HttpRequest<?> request, @PathVariable String username) {
        User me = request.getAttribute(User.ATTRIBUTE, User.class).orElseThrow();
        if (me.username().equals(username)) {
            return JsonResponses.errors(HttpStatus.CONFLICT, "不能停用自己的账户");
        }
        if (lastAdmin(username)) return lastAdminRefused(username);
        return disabled(request, username, true);
    }

    @Post("/{username}/enable")
    public HttpResponse<?> enable(HttpRequest<?> request, @PathVariable String username) {
        return disabled(request, username, false);
    }

    private HttpResponse<?> disabled(HttpRequest<?> request, String username, boolean disabled) {
        if (!accounts.setDisabled(username, disabled)) return missing(username);
        auth.forget(username);
        record(request, disabled ? "account_disabled" : "account_enabled", username);
        return JsonResponses.status(HttpStatus.OK, Map.of("username", username, "disabled", disabled));
    }

    /** True when {@code username} is the only enabled admin: taking it away would leave nobody to manage accounts. */
    private boolean lastAdmin(String username) {
        List<Accounts.Account> admins = accounts.all().stream()
                .filter(a -> !a.disabled() && Role.ADMIN.code().equals(a.role())).toList();
        return admins.size() == 1 && admins.get(0).username().equals(username);
    }

    private static HttpResponse<?> lastAdminRefused(String username) {
        return JsonResponses.errors(HttpStatus.CONFLICT, "账户 " + username
                + " 是唯一在用的管理员（admin）：请先将另一个账户设为管理员");
    }

    private void record(HttpRequest<?> request, String action, String detail) {
        User me = request.getAttribute(User.ATTRIBUTE, User.class).orElseThrow();
        audit.append(me.username(), me.role().code(), action, null, null, detail);
    }

    private static HttpResponse<?> missing(String username) {
        return JsonResponses.errors(HttpStatus.NOT_FOUND, "账户 " + username + " 不存在");
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
