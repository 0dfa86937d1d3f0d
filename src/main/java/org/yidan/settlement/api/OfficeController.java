package org.yidan.settlement.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.yidan.settlement.io.InputException;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.service.PlatformReconciliation;
import org.yidan.settlement.service.Reconciliation;
import org.yidan.settlement.store.AuditLog;

/**
 * What the insurance office and the supervisors read of a day: the reconciliation (对账, as JSON and CSV) and the
 * audit log with its hash-chain check. Read-only: no endpoint here changes anything. Who may call each: AccessRules.
 */
@Controller("/api")
@Produces(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
public class OfficeController {
    private final Reconciliation reconciliation;
    private final PlatformReconciliation platform;
    private final AuditLog audit;
    private final Clock clock;
    private final ZoneId zone;

    /** @param clock the service's clock (in the hospital's zone): which day is today, the times shown */
    OfficeController(Reconciliation reconciliation, PlatformReconciliation platform, AuditLog audit, Clock clock) {
        this.reconciliation = reconciliation;
        this.platform = platform;
        this.audit = audit;
        this.clock = clock;
        this.zone = clock.getZone();
    }

    /** 对账: the day's settlements and cancels with totals per fund (the day in the configured zone). */
    @Get("/counter/reconciliation{?date}")
    public HttpResponse<String> reconciliation(@Nullable @QueryValue String date) {
        try {
            return JsonResponses.ok(reconciliation.day(Dates.dayOrToday(date, clock)));
        } catch (InputException ex) {
            return JsonResponses.error(ex);
        }
    }

    /** 对账 in the platform's shape: the 3201 totals and the 3202 detail rows of the day (PlatformReconciliation). */
    @Get("/counter/reconciliation/platform{?date}")
    public HttpResponse<String> platform(@Nullable @QueryValue String date) {
        try {
            return JsonResponses.ok(platform.day(Dates.dayOrToday(date, clock)));
        } catch (InputException ex) {
            return JsonResponses.error(ex);
        }
    }

    @Get("/counter/reconciliation.csv{?date}")
    @Produces("text/csv")
    public HttpResponse<?> reconciliationCsv(@Nullable @QueryValue String date) {
        try {
            LocalDate d = Dates.dayOrToday(date, clock);
            return HttpResponse.ok(reconciliation.csv(d)).contentType("text/csv;charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"reconciliation-" + d + ".csv\"");
        } catch (InputException ex) {
            return JsonResponses.error(ex);
        }
    }

    /** The audit log of a day (supervisors and admins); read-only: no endpoint changes it. */
    @Get("/audit{?date}")
    public HttpResponse<String> audit(@Nullable @QueryValue String date) {
        try {
            LocalDate d = Dates.dayOrToday(date, clock);
            List<AuditLog.Entry> entries = audit.between(d.atStartOfDay(zone).toInstant(), d.plusDays(1).atStartOfDay(zone).toInstant());
            ArrayNode arr = Json.MAPPER.createArrayNode();
            for (AuditLog.Entry e : entries) {
                ObjectNode o = arr.addObject();
                o.put("id", e.id());
                o.put("at", e.at().atZone(zone).toOffsetDateTime().toString());
                o.put("actor", e.actor());
                o.put("role", e.actorRole());
                o.put("action", e.action());
                o.put("mdtrt_id", e.mdtrtId());
                o.put("reason", e.reason());
                o.put("detail", e.detail());
            }
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("date", d.toString());
            n.set("entries", arr);
            return JsonResponses.ok(n);
        } catch (InputException ex) {
            return JsonResponses.error(ex);
        }
    }

    /** Checks the audit log's hash chain end to end (supervisors and admins). */
    @Get("/audit/verify")
    public HttpResponse<String> verifyAudit() {
        AuditLog.Verification v = audit.verify();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("intact", v.intact());
        n.put("entries", v.entries());
        n.put("chained", v.chained());
        if (!v.intact()) {
            n.put("broken_at", v.brokenAt());
            n.put("problem", v.problem());
        }
        return JsonResponses.ok(n);
    }
}
