package org.yidan.settlement.service.hl7;

import org.yidan.settlement.core.Ledger;
import org.yidan.settlement.core.SettlementException;
import org.yidan.settlement.hl7.Hl7Acks;
import org.yidan.settlement.hl7.Hl7Message;
import org.yidan.settlement.service.Settlements;
import org.yidan.settlement.store.VisitStore;

/** The two cancels: ADT^A13 cancels a visit's settlement (audited), ADT^A11 its admission. */
public final class CancelHandlers {
    private CancelHandlers() {}

    /** ADT^A13: the visit's settlement cancelled and its running totals given back, with an audit entry. */
    public record CancelDischarge(Settlements settlements, Hl7Acks acks) implements MessageHandler<Hl7Message.CancelDischarge> {

        @Override
        public Class<Hl7Message.CancelDischarge> messageClass() {
            return Hl7Message.CancelDischarge.class;
        }

        @Override
        public Answer apply(Hl7Message.CancelDischarge c, byte[] raw, Settlements.Actor who) {
            String via = "HL7 ADT^A13 " + c.controlId();
            settlements.cancel(c.mdtrtId(), via, who, via);
            return new Answer(acks.accept(raw), null, "已撤销结算，本年累计已退回");
        }
    }

    /** ADT^A11: the admission cancelled, refused while the visit is settled. */
    public record CancelAdmit(Ledger ledger, VisitStore visits, Hl7Acks acks) implements MessageHandler<Hl7Message.CancelAdmit> {

        @Override
        public Class<Hl7Message.CancelAdmit> messageClass() {
            return Hl7Message.CancelAdmit.class;
        }

        @Override
        public Answer apply(Hl7Message.CancelAdmit c, byte[] raw, Settlements.Actor who) {
            if (ledger.settled(c.mdtrtId()).isPresent()) {
                throw new SettlementException("mdtrt_id", SettlementException.Reason.ALREADY_SETTLED, "就诊 " + c.mdtrtId() + " 已结算，请先撤销出院结算（ADT^A13）");
            }
            if (!visits.cancelAdmission(c.mdtrtId())) {
                throw new SettlementException("mdtrt_id", SettlementException.Reason.UNKNOWN_VISIT, "就诊 " + c.mdtrtId() + " 没有可撤销的入院登记");
            }
            return new Answer(acks.accept(raw), null, "已撤销入院登记");
        }
    }
}
