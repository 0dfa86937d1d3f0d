package org.yidan.settlement.api;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yidan.settlement.api.security.User;
import org.yidan.settlement.core.Document;
import org.yidan.settlement.core.Ledger;
import org.yidan.settlement.core.Policy;
import org.yidan.settlement.core.PolicySet;
import org.yidan.settlement.core.RegionPolicy;
import org.yidan.settlement.core.SettledRecord;
import org.yidan.settlement.core.SettlementException;
import org.yidan.settlement.core.Settler;
import org.yidan.settlement.io.EncounterReader;
import org.yidan.settlement.io.InputException;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.io.Message;
import org.yidan.settlement.io.Processor;
import org.yidan.settlement.config.InputLimits;
import org.yidan.settlement.service.SettledOrigin;
import org.yidan.settlement.app.ServiceMetrics;
import org.yidan.settlement.service.Settlements;

/** The JSON API (documented in /openapi.yml): settle, preview, get a bill, cancel, admit, ledger, policies. */
@Controller("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SettlementController {
    private final Settler settler;
    private final Ledger ledger;
    private final PolicySet policies;
    private final ServiceMetrics metrics;
    private final Settlements settlements;

    private final java.time.Clock clock;
    private final InputLimits limits;

    /** @param clock the service's clock: the policy in force "today" is the hospital's today */
    SettlementController(Settler settler, Ledger ledger, PolicySet policies, ServiceMetrics metrics, Settlements settlements,
                         java.time.Clock clock, InputLimits limits) {
        this.clock = clock;
        this.limits = limits;
        this.settlements = settlements;
        this.settler = settler;
        this.ledger = ledger;
        this.policies = policies;
        this.metrics = metrics;
    }

    private <T extends Message> T message(String body, String source, Class<T> type, String action) {
        JsonNode n = JsonResponses.read(body, source);
        if (n.isObject() && !n.has("action")) ((ObjectNode) n).put("action", action);
        int lines = n.path("feedetail").size();
        if (lines > limits.linesPerMessage()) {
            // refused before the lines are read
            throw new InputException(List.of(source + ": feedetail: 一条消息中有 " + lines + " 条费用明细，最多 "
                    + limits.linesPerMessage() + " 条（yidan.limits.lines-per-message）"));
        }
        Message m = EncounterReader.read(n, source);
        if (!type.isInstance(m)) throw new InputException(List.of(source + ": action: 此接口只接受 '" + action + "'"));
        return type.cast(m);
    }

    /** Settles a discharge; a visit settled before returns its first bill ("repeated": true). */
    @Post("/settlements")
    public HttpResponse<String> settle(HttpRequest<?> request, @Body String body) {
        try {
            Message.Settle m = message(body, "request", Message.Settle.class, "settle");
            User u = CounterController.user(request);
            String via = "HTTP 接口 POST /api/settlements（" + u.username() + "）";
            Settlements.Actor who = new Settlements.Actor(u.username(), u.role().code());
            try {
                return JsonResponses.ok(metrics.timeSettlement("http", () -> Processor.apply(settler, m, via,
                        (e, v) -> settlements.settle(e, m.patient(), v, who))));
            } catch (SettlementException ex) {
                throw SettledOrigin.named(ex, ledger, m.encounter().mdtrtId(), clock.getZone());
            }
        } catch (InputException | SettlementException ex) {
            metrics.rejected("http");
            return JsonResponses.error(ex);
        }
    }

    /** 预结算: the bill as it would be if the patient were discharged now; the ledger is not touched. */
    @Post("/settlements/preview")
    public HttpResponse<String> preview(@Body String body) {
        try {
            Message.Settle m = message(body, "request", Message.Settle.class, "settle");
            return JsonResponses.ok(settler.preview(m.encounter()));
        } catch (InputException | SettlementException ex) {
            return JsonResponses.error(ex);
        }
    }

    @Get("/settlements/{mdtrtId}")
    public HttpResponse<String> bill(@PathVariable String mdtrtId) {
        return ledger.settled(mdtrtId).<HttpResponse<String>>map(r -> JsonResponses.ok(r.bill()))
                .orElseGet(() -> JsonResponses.notFound("mdtrt_id: 就诊 " + mdtrtId + " 未结算"));
    }

    /** Cancels a settlement: the ledger is restored exactly. Body: {"reason": "..."} (optional). */
    @Post("/settlements/{mdtrtId}/cancel")
    public HttpResponse<String> cancel(HttpRequest<?> request, @PathVariable String mdtrtId, @Nullable @Body String body) {
        try {
            String reason = null;
            if (body != null && !body.isBlank()) reason = JsonResponses.read(body, "request").path("reason").asText(null);
            User u = CounterController.user(request);
            Settler.CancelOutcome o = settlements.cancel(mdtrtId, reason, new Settlements.Actor(u.username(), u.role().code()),
                    "HTTP 接口 POST /api/settlements/" + mdtrtId + "/cancel");
            ObjectNode result = Json.MAPPER.createObjectNode();
            result.put("source", "request");
            return JsonResponses.ok(Processor.cancelled(result, mdtrtId, o));
        } catch (InputException | SettlementException ex) {
            return JsonResponses.error(ex);
        }
    }

    /** The deposit decision at admission (先诊疗后付费). */
    @Post("/admissions")
    public HttpResponse<String> admit(@Body String body) {
        try {
            Message.Admit m = message(body, "request", Message.Admit.class, "admit");
            return JsonResponses.ok(Processor.apply(settler, m));
        } catch (InputException | SettlementException ex) {
            return JsonResponses.error(ex);
        }
    }

    /** A person's yearly running totals, pool by pool, and the visits settled that year. */
    @Get("/ledger/{psnNo}/{year}")
    public HttpResponse<String> ledger(@PathVariable String psnNo, @PathVariable int year) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("psn_no", psnNo);
        n.put("year", year);
        n.set("pools", Json.MAPPER.valueToTree(ledger.year(psnNo, year)));
        n.set("visits", Json.MAPPER.valueToTree(ledger.settledFor(psnNo, year).stream().map(SettledRecord::mdtrtId).toList()));
        return JsonResponses.ok(n);
    }

    /** The regions and their documents. */
    @Get("/policies")
    public HttpResponse<String> policies() {
        var arr = Json.MAPPER.createArrayNode();
        for (RegionPolicy r : new TreeMap<>(policies.regions()).values()) {
            ObjectNode o = arr.addObject();
            o.put("region", r.region());
            o.put("name", r.name());
            if (r.parent() != null) o.put("parent", r.parent());
            o.set("documents", Json.MAPPER.valueToTree(r.documents()));
            o.put("rules", r.rules().size());
        }
        return JsonResponses.ok(arr);
    }

    /** The policy in force for an insured region on a date (default: today): its rules with their clauses. */
    @Get("/policies/{region}{?date}")
    public HttpResponse<String> policy(@PathVariable String region, @Nullable @QueryValue String date) {
        try {
            LocalDate d = Dates.dayOrToday(date, clock);
            Policy p = policies.resolve(region, d);
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            out.put("region", p.region());
            out.put("name", p.name());
            out.put("date", p.date());
            out.put("documents", p.documents().stream().map(Document::id).toList());
            out.put("rules", p.rules());
            return JsonResponses.ok(out);
        } catch (InputException | SettlementException ex) {
            return JsonResponses.error(ex);
        }
    }
}
