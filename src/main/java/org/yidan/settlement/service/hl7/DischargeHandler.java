package org.yidan.settlement.service.hl7;

import java.time.ZoneId;
import java.util.Optional;
import org.yidan.settlement.core.Bill;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.Ledger;
import org.yidan.settlement.core.SettledRecord;
import org.yidan.settlement.core.SettlementException;
import org.yidan.settlement.core.Settler;
import org.yidan.settlement.hl7.Hl7Acks;
import org.yidan.settlement.hl7.Hl7Error;
import org.yidan.settlement.hl7.Hl7Message;
import org.yidan.settlement.service.EncounterCompletion;
import org.yidan.settlement.service.OutboundBills;
import org.yidan.settlement.service.SettledOrigin;
import org.yidan.settlement.service.Settlements;

/** ADT^A03: the visit completed from its charges and admission, settled, and the bill in the ACK (ZBL). */
public record DischargeHandler(EncounterCompletion completion, Settlements settlements, Ledger ledger, Hl7Acks acks, ZoneId zone,
                               OutboundBills outbound)
        implements MessageHandler<Hl7Message.Discharge> {
    @Override
    public Class<Hl7Message.Discharge> messageClass() {
        return Hl7Message.Discharge.class;
    }

    @Override
    public Answer apply(Hl7Message.Discharge d, byte[] raw, Settlements.Actor who) {
        Encounter e;
        try {
            e = completion.complete(d.encounterWithoutLines());
        } catch (SettlementException ex) {
            Answer before = settledElsewhere(d, raw, ex);
            if (before != null) return before;
            throw ex;
        }
        try {
            Settler.Outcome o = settlements.settle(e, "HL7 ADT^A03 " + d.controlId(), who);
            Hl7Acks.Ack ack = acks.settled(raw, o.bill());
            // the bill for the HIS, queued in this message's transaction: the AA goes out only once it is queued
            Long queued = o.repeated() ? null : outbound.settled(ack.bytes(), o.bill());
            return new Answer(ack, o.bill(), (o.repeated() ? "该次就诊此前已按相同内容结算，返回原结算单：" : "已结算：")
                    + Outcomes.totals(o.bill()) + (queued == null ? "" : "；结算单已排队发送给 HIS（外发报文 #" + queued + "）"));
        } catch (SettlementException ex) {
            throw SettledOrigin.named(ex, ledger, e.mdtrtId(), zone);
        }
    }

    /**
     * An ADT^A03 whose visit has no charges here because it was settled another way (the HTTP API, a file, the
     * counter): answered AA with that bill and a warning (ERR severity W) naming how and when; nothing changes. Null
     * when the visit is not settled (the A03's own error stands). A visit settled for another person is refused.
     */
    private Answer settledElsewhere(Hl7Message.Discharge d, byte[] raw, SettlementException ex) {
        if (!"feedetail".equals(ex.field())) return null;
        String id = d.encounterWithoutLines().mdtrtId();
        Optional<SettledRecord> r = ledger.settled(id);
        if (r.isEmpty()) return null;
        String how = SettledOrigin.describe(ledger, id, zone);
        if (!r.get().psnNo().equals(d.encounterWithoutLines().psnNo())) {
            throw new SettlementException("psn_no", SettlementException.Reason.ALREADY_SETTLED, "就诊 " + id + " 已为另一人员结算（" + how
                    + "），不是人员 " + d.encounterWithoutLines().psnNo() + "；未作任何变更");
        }
        Bill bill = r.get().bill();
        Hl7Error note = new Hl7Error(Hl7Error.DUPLICATE_KEY_IDENTIFIER, "PV1", 1, 19, 0, 1, 0, "就诊 " + id
                + " 已由其他途径结算（" + how + "）：本 ACK 带回该结算单，本条 ADT^A03 未作变更");
        return new Answer(acks.settled(raw, bill, note), bill, "该次就诊已由其他途径结算（" + how + "），返回该结算单，未作变更：" + Outcomes.totals(bill));
    }
}
