package org.yidan.settlement.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.yidan.settlement.api.security.User;
import org.yidan.settlement.core.Bill;
import org.yidan.settlement.core.FeeLine;
import org.yidan.settlement.core.Masking;
import org.yidan.settlement.core.SettledRecord;
import org.yidan.settlement.core.SettlementException;
import org.yidan.settlement.core.Settler;
import org.yidan.settlement.io.AdjustmentsJson;
import org.yidan.settlement.io.InputException;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.ledger.InMemoryLedger;
import org.yidan.settlement.store.AuditLog;
import org.yidan.settlement.store.CounterRecords;
import org.yidan.settlement.store.VisitStore;
import org.yidan.settlement.core.Ledger;
import org.yidan.settlement.store.LedgerHistory;
import org.yidan.settlement.service.Settlements;
import org.yidan.settlement.config.HospitalSettings;

/**
 * The billing counter's API (issue 4): find a visit, its bill, print (counted), cancel and re-settle (supervisors, with a
 * reason, audited). 预结算: {@link PresettleController}; the day's 对账 and the audit log: {@link OfficeController}.
 */
@Controller("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
public class CounterController {
    private static final int MAX_HITS = 50;

    private final Settler settler;
    private final Ledger ledger;
    private final LedgerHistory history;
    private final VisitStore visits;
    private final CounterRecords counter;
    private final AuditLog audit;
    private final Settlements settlements;
    private final java.time.Clock clock;
    private final ZoneId zone;
    private final String hospitalName;
    private final org.yidan.settlement.sheet.FeeCategories fees;
    /** The visit's patient and stay as the HIS sent them (sex, department, bed, diagnoses): the sheet's facts. */
    private final org.yidan.settlement.service.PatientFacts patients;

    /**
     * @param clock the service's clock (in the hospital's zone): today's date, the times shown
     * @param fees  the sheet's 费用分类 (mappings/fee-categories.yaml)
     */
    CounterController(Settler settler, Ledger ledger, LedgerHistory history, VisitStore visits, CounterRecords counter,
                      AuditLog audit, Settlements settlements, java.time.Clock clock,
                      HospitalSettings hospital, org.yidan.settlement.sheet.FeeCategories fees,
                      org.yidan.settlement.service.PatientFacts patients) {
        this.fees = fees;
        this.patients = patients;
        this.settler = settler;
        this.ledger = ledger;
        this.history = history;
        this.visits = visits;
        this.counter = counter;
        this.audit = audit;
        this.settlements = settlements;
        this.clock = clock;
        this.zone = clock.getZone();
        this.hospitalName = hospital.name();
    }

    private static Settlements.Actor actor(User u) {
        return new Settlements.Actor(u.username(), u.role().code());
    }

    static User user(HttpRequest<?> request) {
        return request.getAttribute(User.ATTRIBUTE, User.class)
                .orElseThrow(() -> new IllegalStateException("no account on the request (AuthFilter did not run)"));
    }

    /** Visits by visit number, person number or the start of the patient's name. */
    @Get("/counter/visits{?q}")
    public HttpResponse<String> search(@Nullable @QueryValue String q) {
        String query = q == null ? "" : q.trim();
        if (query.isEmpty() || query.length() > 100) {
            return JsonResponses.error(new InputException(List.of("q: 请输入就诊号、人员编号或姓名（1 至 100 个字符）")));
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (CounterRecords.Hit h : counter.search(query, MAX_HITS)) {
            ObjectNode o = out.addObject();
            o.put("mdtrt_id", h.mdtrtId());
            o.put("psn_no", h.psnNo());
            o.put("psn_name", h.psnName());
            o.put("status", h.status());
            JsonNode bill = Json.stored(h.bill());
            JsonNode adm = Json.stored(h.admission());
            o.put("certno", bill.hasNonNull("certno") ? bill.get("certno").asText() : Masking.certno(text(adm, "certno")));
            if (h.psnName() == null) o.put("psn_name", bill.hasNonNull("psn_name") ? bill.get("psn_name").asText() : text(adm, "psn_name"));
            o.put("begntime", bill.hasNonNull("begntime") ? bill.get("begntime").asText() : text(adm.path("admission"), "begntime"));
            o.put("endtime", text(bill, "endtime"));
            o.set("medfee_sumamt", bill.at("/setlinfo/medfee_sumamt").isMissingNode() ? null : bill.at("/setlinfo/medfee_sumamt"));
            o.set("psn_cash_pay", bill.at("/setlinfo/psn_cash_pay").isMissingNode() ? null : bill.at("/setlinfo/psn_cash_pay"));
        }
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.set("visits", out);
        n.put("truncated", out.size() >= MAX_HITS);
        return JsonResponses.ok(n);
    }

    /** One visit: its bill in force (or none), admission, charges so far, cancels and prints. */
    @Get("/counter/visits/{mdtrtId}")
    public HttpResponse<String> visit(@PathVariable String mdtrtId) {
        Optional<SettledRecord> settled = ledger.settled(mdtrtId);
        Optional<VisitStore.AdmissionRecord> admission = visits.admission(mdtrtId);
        List<InMemoryLedger.Cancelled> cancelled = history.cancelled(mdtrtId);
        if (settled.isEmpty() && admission.isEmpty() && cancelled.isEmpty()) {
            return JsonResponses.notFound("就诊 " + mdtrtId + " 在本系统中既无入院登记，也无结算记录");
        }
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("mdtrt_id", mdtrtId);
        String status = settled.isPresent() ? "settled" : !cancelled.isEmpty() ? "cancelled"
                : admission.get().cancelled() ? "admission_cancelled" : "admitted";
        n.put("status", status);
        Bill bill = settled.map(SettledRecord::bill).orElse(null);
        Bill last = bill != null ? bill : cancelled.isEmpty() ? null : cancelled.get(cancelled.size() - 1).record().bill();
        JsonNode adm = admission.map(a -> Json.stored(a.detail())).orElse(Json.MAPPER.createObjectNode());
        n.put("psn_no", last != null ? last.psnNo() : admission.get().psnNo());
        n.put("psn_name", last != null ? last.psnName() : text(adm, "psn_name"));
        n.put("certno", last != null ? last.certno() : Masking.certno(text(adm, "certno")));
        if (admission.isPresent()) {
            VisitStore.AdmissionRecord a = admission.get();
            ObjectNode o = n.putObject("admission");
            JsonNode in = adm.path("admission");
            o.put("begntime", text(in, "begntime"));
            o.put("insu_admdvs", text(in, "insu_admdvs"));
            o.put("fixmedins_admdvs", text(in, "fixmedins_admdvs"));
            o.put("med_type", text(in, "med_type"));
            o.put("insutype", text(adm, "insutype"));
            o.set("relief_categories", in.path("relief_categories").isMissingNode() ? Json.MAPPER.createArrayNode() : in.get("relief_categories"));
            if (in.has("identities")) o.set("relief_identities", in.get("identities"));
            o.put("deposit", a.deposit());
            o.put("deposit_free", a.depositFree());
            o.put("cancelled", a.cancelled());
        } else {
            n.putNull("admission");
        }
        List<FeeLine> lines = visits.charges(mdtrtId);
        ObjectNode ch = n.putObject("charges");
        ch.put("lines", lines.size());
        ch.put("total", lines.stream().map(FeeLine::detItemFeeSumamt).filter(java.util.Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        n.set("bill", bill == null ? null : Json.MAPPER.valueToTree(bill));
        if (bill == null && last != null) n.set("cancelled_bill", Json.MAPPER.valueToTree(last));
        List<AuditLog.Entry> trail = audit.forVisit(mdtrtId);
        n.set("sheet", bill == null ? null : Json.MAPPER.valueToTree(CounterSheets.settled(bill, ledger, settler.policies(), trail, adm, fees, zone)));
        n.set("patient", Json.MAPPER.valueToTree(patients.of(mdtrtId)));
        ArrayNode cs = n.putArray("cancels");
        for (InMemoryLedger.Cancelled c : cancelled) {
            ObjectNode o = cs.addObject();
            o.put("cancelled_at", c.at().atZone(zone).toOffsetDateTime().toString());
            o.put("reason", c.reason());
            o.put("by", who(trail, c));
        }
        n.put("prints", counter.prints(mdtrtId));
        return JsonResponses.ok(n);
    }

    /** The account that cancelled: the audit entry of that cancel (the one closest in time). */
    private static String who(List<AuditLog.Entry> trail, InMemoryLedger.Cancelled c) {
        AuditLog.Entry best = null;
        for (AuditLog.Entry e : trail) {
            if (!e.action().equals("cancel") && !e.action().equals("resettle")) continue;
            if (best == null || Math.abs(e.at().toEpochMilli() - c.at().toEpochMilli()) < Math.abs(best.at().toEpochMilli() - c.at().toEpochMilli())) best = e;
        }
        return best == null ? null : best.actor();
    }

    /** Cancels the visit's settlement (supervisors; the reason is required and kept in the audit log). */
    @Post("/counter/visits/{mdtrtId}/cancel")
    public HttpResponse<String> cancel(HttpRequest<?> request, @PathVariable String mdtrtId, @Nullable @Body String body) {
        User u = user(request);
        try {
            String reason = reason(body);
            boolean later = body != null && !body.isBlank() && JsonResponses.read(body, "request").path("resettle_later").asBoolean(false);
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("cancelled", mdtrtId);
            if (later) {
                // the later stays of the year settled again on the totals without the cancelled one (adjustments as 追溯)
                Settlements.CancelAndResettle r = settlements.cancelAndResettleLater(mdtrtId, reason, actor(u), "收费窗口");
                n.set("settled_later", Json.MAPPER.valueToTree(r.cancel().settledLater()));
                n.set("resettled", AdjustmentsJson.of(r.cancel().cancelled().psnNo(), r.cancel().cancelled().year(),
                        r.resettled()));
            } else {
                Settler.CancelOutcome o = settlements.cancel(mdtrtId, reason, actor(u), "收费窗口");
                n.set("settled_later", Json.MAPPER.valueToTree(o.settledLater()));
            }
            return JsonResponses.ok(n);
        } catch (InputException | SettlementException ex) {
            return JsonResponses.error(ex);
        }
    }

    /** Settles the visit again from its input against the ledger as it is now (supervisors, with a reason). */
    @Post("/counter/visits/{mdtrtId}/resettle")
    public HttpResponse<String> resettle(HttpRequest<?> request, @PathVariable String mdtrtId, @Nullable @Body String body) {
        User u = user(request);
        try {
            String reason = reason(body);
            Bill after = settlements.resettle(mdtrtId, reason, actor(u), "收费窗口重新结算");
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.set("bill", Json.MAPPER.valueToTree(after));
            return JsonResponses.ok(n);
        } catch (InputException | SettlementException ex) {
            return JsonResponses.error(ex);
        }
    }

    /** Counts a print of the visit's bill: the sheet shows the hospital, the print's number and time. */
    @Post("/counter/visits/{mdtrtId}/print")
    public HttpResponse<String> print(HttpRequest<?> request, @PathVariable String mdtrtId) {
        User u = user(request);
        if (ledger.settled(mdtrtId).isEmpty()) return JsonResponses.notFound("就诊 " + mdtrtId + " 尚未结算，没有可打印的结算单");
        CounterRecords.Print print = counter.recordPrint(mdtrtId, u.username());
        int no = print.no();
        audit.append(u.username(), u.role().code(), "print", mdtrtId, null, no == 1 ? "首次打印" : "第 " + no + " 次打印（补打）");
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("print_no", no);
        n.put("printed_at", java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(print.at().atZone(zone).withNano(0)));
        n.put("printed_by", u.username());
        n.put("hospital_name", hospitalName);
        return JsonResponses.ok(n);
    }

    private static String reason(String body) {
        String reason = body == null || body.isBlank() ? null : JsonResponses.read(body, "request").path("reason").asText(null);
        if (reason == null || reason.isBlank()) throw new InputException(List.of("reason: 请填写原因（为何撤销结算或重新结算）"));
        if (reason.length() > 500) throw new InputException(List.of("reason: 原因最多 500 个字"));
        return reason.trim();
    }

    private static String text(JsonNode n, String key) {
        JsonNode x = n == null ? null : n.get(key);
        return x == null || x.isNull() ? null : x.asText();
    }
}
