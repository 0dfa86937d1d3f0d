package org.yidan.settlement.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.FeeLine;
import org.yidan.settlement.core.Identity;
import org.yidan.settlement.core.SettlementException;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.store.VisitStore;

/**
 * A discharge made whole for settlement: the visit's charges (its DFT^P03s) added to the discharge's own lines, and
 * what the discharge does not carry taken from the visit's admission. Used by the HL7 discharge (ADT^A03) and the
 * counter's pre-settlement (预结算).
 */
public final class EncounterCompletion {
    private final VisitStore visits;

    public EncounterCompletion(VisitStore visits) {
        this.visits = visits;
    }

    /** The discharge with the visit's charges, and what it lacks taken from the admission; refused when still incomplete. */
    public Encounter complete(Encounter h) {
        List<FeeLine> lines = visits.charges(h.mdtrtId());
        if (!h.feedetail().isEmpty()) {
            lines = new ArrayList<>(lines);
            lines.addAll(h.feedetail());
            lines = List.copyOf(lines);
        }
        Optional<VisitStore.AdmissionRecord> admission = visits.admission(h.mdtrtId()).filter(r -> !r.cancelled());
        JsonNode adm = admission.map(r -> Json.stored(r.detail())).orElse(Json.MAPPER.createObjectNode());
        BigDecimal deposit = h.deposit() != null ? h.deposit() : admission.map(VisitStore.AdmissionRecord::deposit).orElse(null);
        JsonNode a = adm.path("admission");
        // The discharge's relief identities if it carries any, else the admission's (with their dates)
        List<String> cats = h.reliefCategories();
        List<Identity> ids = h.identities();
        if (cats.isEmpty() && ids.isEmpty()) {
            cats = new ArrayList<>();
            for (JsonNode c : a.path("relief_categories")) cats.add(c.asText());
            ids = new ArrayList<>();
            for (JsonNode i : a.path("identities")) ids.add(Json.MAPPER.convertValue(i, Identity.class));
        }
        Encounter e = new Encounter(h.mdtrtId(), h.psnNo(), or(h.certno(), adm, "certno"), or(h.psnName(), adm, "psn_name"),
                h.brdy() != null ? h.brdy() : date(adm.path("brdy").asText(null)),
                or(h.insutype(), adm, "insutype"), or(h.insuAdmdvs(), a, "insu_admdvs"),
                or(h.fixmedinsAdmdvs(), a, "fixmedins_admdvs"), or(h.hospLv(), adm, "hosp_lv"),
                or(h.medType(), a, "med_type"), h.begntime() != null ? h.begntime() : date(a.path("begntime").asText(null)),
                h.endtime(), List.copyOf(cats), h.diagnoses(), h.referralDedcPaid(), deposit, lines, h.upstream(),
                ids, h.yearToDate(), h.platform());
        List<String> missing = new ArrayList<>();
        if (e.insutype() == null) missing.add("insutype");
        if (e.insuAdmdvs() == null) missing.add("insu_admdvs");
        if (e.fixmedinsAdmdvs() == null) missing.add("fixmedins_admdvs");
        if (e.medType() == null) missing.add("med_type");
        if (e.begntime() == null) missing.add("begntime");
        if (!missing.isEmpty()) {
            throw new SettlementException(missing.get(0), "结算需要以下信息，但出院消息和就诊 "
                    + h.mdtrtId() + " 的入院登记中都没有：" + missing);
        }
        if (e.feedetail().isEmpty()) {
            throw new SettlementException("feedetail", "就诊 " + h.mdtrtId() + " 没有费用明细（未收到 DFT^P03，出院消息中也没有）");
        }
        if (e.endtime().isBefore(e.begntime())) {
            throw new SettlementException("endtime", "出院时间 " + e.endtime() + " 早于入院时间 " + e.begntime());
        }
        return e;
    }

    private static String or(String v, JsonNode n, String key) {
        if (v != null) return v;
        JsonNode x = n.get(key);
        return x == null || x.isNull() ? null : x.asText();
    }

    private static LocalDate date(String s) {
        return s == null ? null : LocalDate.parse(s.substring(0, 10));
    }
}
