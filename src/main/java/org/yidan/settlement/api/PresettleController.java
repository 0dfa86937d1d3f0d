package org.yidan.settlement.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.yidan.settlement.core.Bill;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.Ledger;
import org.yidan.settlement.core.SettlementException;
import org.yidan.settlement.core.Settler;
import org.yidan.settlement.io.InputException;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.service.EncounterCompletion;
import org.yidan.settlement.service.PatientFacts;
import org.yidan.settlement.sheet.FeeCategories;
import org.yidan.settlement.store.VisitStore;

/**
 * 预结算 at the billing counter: the bill of an admitted visit as it would be if the patient were discharged now, from
 * the charges so far and the admission; the ledger is not touched.
 */
@Controller("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
public class PresettleController {
    private final Settler settler;
    private final Ledger ledger;
    private final VisitStore visits;
    private final EncounterCompletion completion;
    private final java.time.Clock clock;
    private final ZoneId zone;
    private final FeeCategories fees;
    private final PatientFacts patients;

    /** @param clock the service's clock (in the hospital's zone): today, the discharge date assumed */
    PresettleController(Settler settler, Ledger ledger, VisitStore visits, EncounterCompletion completion, java.time.Clock clock,
                        FeeCategories fees, PatientFacts patients) {
        this.settler = settler;
        this.ledger = ledger;
        this.visits = visits;
        this.completion = completion;
        this.clock = clock;
        this.zone = clock.getZone();
        this.fees = fees;
        this.patients = patients;
    }

    /** 预结算: what the patient would owe if discharged now (or on {"endtime": "YYYY-MM-DD"}); the ledger is not touched. */
    @Post("/counter/visits/{mdtrtId}/presettle")
    public HttpResponse<String> presettle(@PathVariable String mdtrtId, @Nullable @Body String body) {
        try {
            java.time.ZonedDateTime now = java.time.ZonedDateTime.now(clock);
            LocalDate asOf = now.toLocalDate();
            if (body != null && !body.isBlank()) {
                JsonNode b = JsonResponses.read(body, "request");
                if (b.hasNonNull("endtime")) asOf = Dates.parse(b.get("endtime").asText(), "endtime");
            }
            if (ledger.settled(mdtrtId).isPresent()) {
                throw new SettlementException("mdtrt_id", SettlementException.Reason.ALREADY_SETTLED,
                        "就诊 " + mdtrtId + " 已结算，结算单已生效；如需预结算，请先撤销结算");
            }
            VisitStore.AdmissionRecord a = visits.admission(mdtrtId).filter(r -> !r.cancelled()).orElseThrow(() ->
                    new SettlementException("mdtrt_id", SettlementException.Reason.UNKNOWN_VISIT,
                            "就诊 " + mdtrtId + " 没有有效的入院登记（ADT^A01），无法预结算"));
            // the admitting diagnoses (A01 DG1) stand in for the discharge's, which are not known yet
            List<String> dx = new ArrayList<>();
            Json.stored(a.detail()).path("diagnoses").forEach(d -> dx.add(d.asText()));
            Encounter head = new Encounter(mdtrtId, a.psnNo(), null, null, null, null, null, null, null, null, null, asOf,
                    List.of(), List.copyOf(dx), null, null, List.of(), null);
            Encounter whole = completion.complete(head);
            Bill bill = settler.preview(whole);
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("presettlement", true);
            n.put("as_of", asOf.toString());
            n.put("at", java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now.withNano(0)));   // when it was worked out (the print's time)
            n.set("diagnoses", Json.MAPPER.valueToTree(dx));
            n.set("notes", Json.MAPPER.valueToTree(List.of("预结算按截至目前的费用和" + asOf + "出院计算，不记入年度累计；"
                    + (dx.isEmpty() ? "入院时未传诊断，按病种的待遇未计入。" : "按入院诊断（" + String.join("、", dx) + "）测算，出院诊断不同时金额可能不同。"))));
            n.set("bill", Json.MAPPER.valueToTree(bill));
            n.set("sheet", Json.MAPPER.valueToTree(CounterSheets.presettled(bill, whole, fees, zone)));
            n.set("patient", Json.MAPPER.valueToTree(patients.of(mdtrtId)));
            return JsonResponses.ok(n);
        } catch (InputException | SettlementException ex) {
            return JsonResponses.error(ex);
        }
    }
}
