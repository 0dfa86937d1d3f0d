package org.yidan.settlement.service.hl7;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import org.yidan.settlement.core.DepositDecision;
import org.yidan.settlement.core.Settler;
import org.yidan.settlement.hl7.Hl7Acks;
import org.yidan.settlement.hl7.Hl7Message;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.store.VisitStore;

/** ADT^A01: the deposit decision (先诊疗后付费) and the admission kept for the discharge and pre-settlement. */
public record AdmitHandler(Settler settler, VisitStore visits, Hl7Acks acks, Clock clock)
        implements MessageHandler<Hl7Message.Admit> {
    @Override
    public Class<Hl7Message.Admit> messageClass() {
        return Hl7Message.Admit.class;
    }

    @Override
    public Answer apply(Hl7Message.Admit a, byte[] raw, org.yidan.settlement.service.Settlements.Actor who) {
        DepositDecision d = settler.admit(a.admission());
        ObjectNode detail = Json.MAPPER.createObjectNode();
        detail.set("admission", Json.MAPPER.valueToTree(a.admission()));
        detail.put("psn_name", a.psnName());
        detail.put("via", "HL7 ADT^A01 " + a.controlId());   // which message admitted it
        detail.put("operator", who.name());                  // who sent it
        detail.put("certno", a.certno());
        detail.put("brdy", a.brdy() == null ? null : a.brdy().toString());
        detail.put("insutype", a.insutype());
        detail.put("hosp_lv", a.hospLv());
        detail.set("diagnoses", Json.MAPPER.valueToTree(a.diagnoses()));
        visits.saveAdmission(new VisitStore.AdmissionRecord(a.mdtrtId(), a.admission().psnNo(), detail.toString(),
                a.deposit(), d.depositFree(), false, clock.instant(), a.psnName()));
        return new Answer(acks.admitted(raw, d), null, "入院登记：" + (d.depositFree() ? "免收住院押金（先诊疗后付费）" : "按规定收取押金"));
    }
}
