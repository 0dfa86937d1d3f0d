package org.yidan.settlement.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.yidan.settlement.api.security.Role;
import org.yidan.settlement.core.FundType;
import org.yidan.settlement.core.InsuranceType;
import org.yidan.settlement.core.Layer;
import org.yidan.settlement.core.MedType;
import org.yidan.settlement.core.PolicySet;

/**
 * The names the counter's page shows for the codes in the API's answers (GET /api/labels, for whoever may open the
 * page): payer layers, insurance types, medical types, visit statuses, roles, where an amount came from, audit
 * actions, relief categories; and for each fund code the setlinfo field its amount is in (fund_fields). Each other map is code →
 * Simplified Chinese, in the order the page lists them. The page reads them once at
 * start-up and shows a code it has no name for as it is, so a new layer or insurance type needs no edit of the page.
 */
@Controller("/api")
@Produces(MediaType.APPLICATION_JSON)
public class LabelsController {
    /** The answer: field names in snake case (med_types, audit_actions). */
    public record Labels(Map<String, String> layers, Map<String, String> insutypes, Map<String, String> medTypes,
                         Map<String, String> statuses, Map<String, String> roles, Map<String, String> sources,
                         Map<String, String> auditActions, Map<String, String> fundFields,
                         Map<String, String> reliefCategories) {}

    /** The visit statuses of GET /api/counter/visits (CounterController, JdbcCounter). */
    static final Map<String, String> STATUSES = ordered(
            "admitted", "在院",
            "settled", "已结算",
            "cancelled", "已撤销",
            "admission_cancelled", "已取消入院");

    /** Where a setldetail row's amount came from (Bill.SetlDetail.source). */
    static final Map<String, String> SOURCES = ordered(
            "computed", "本系统计算",
            "upstream", "HIS 传入");

    /** The actions the audit log records (AuditLog.Entry.action). */
    static final Map<String, String> AUDIT_ACTIONS = ordered(
            "login", "登录", "logout", "退出", "login_failed", "登录失败", "login_refused", "拒绝登录",
            "settle", "结算", "presettle", "预结算", "print", "打印结算单",
            "cancel", "撤销结算", "resettle", "重新结算", "retroactive", "追溯救助重算", "view", "查看",
            "account_created", "创建账户", "account_disabled", "停用账户", "account_enabled", "启用账户",
            "password_set", "重置密码", "password_changed", "修改密码", "role_set", "变更角色",
            "message_reprocess", "重新处理报文", "outbound_resend", "重发外发报文");

    private final Labels labels;

    /** @param policies for the relief categories (policies/categories.yaml), in their order */
    LabelsController(PolicySet policies) {
        Map<String, String> cats = new LinkedHashMap<>();
        policies.categories().forEach((code, c) -> cats.put(code, c.name()));
        this.labels = new Labels(
                map(Layer.values(), l -> l.code, l -> l.label),
                map(InsuranceType.values(), t -> t.code, t -> t.label),
                map(MedType.values(), t -> t.code, t -> t.label),
                STATUSES,
                map(Role.values(), Role::code, Role::label),
                SOURCES,
                AUDIT_ACTIONS,
                map(FundType.values(), f -> f.code, f -> f.field),
                Collections.unmodifiableMap(cats));
    }

    @Get("/labels")
    public HttpResponse<String> labels() {
        return JsonResponses.ok(labels);
    }

    /** An enum's constants as code → name, in their order. */
    private static <T> Map<String, String> map(T[] values, Function<T, String> code, Function<T, String> label) {
        Map<String, String> m = new LinkedHashMap<>();
        for (T t : values) m.put(code.apply(t), label.apply(t));
        return Collections.unmodifiableMap(m);
    }

    /** code, name, code, name, ... → an unmodifiable map in that order. */
    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return Collections.unmodifiableMap(m);
    }
}
