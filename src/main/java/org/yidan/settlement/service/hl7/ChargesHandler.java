package org.yidan.settlement.service.hl7;

import java.time.ZoneId;
import org.yidan.settlement.config.InputLimits;
import org.yidan.settlement.core.Ledger;
import org.yidan.settlement.core.SettlementException;
import org.yidan.settlement.hl7.Hl7Acks;
import org.yidan.settlement.hl7.Hl7Message;
import org.yidan.settlement.service.SettledOrigin;
import org.yidan.settlement.store.VisitStore;

/** DFT^P03: the charge lines added to the visit, unless it is settled or would pass the lines a visit may have. */
public record ChargesHandler(Ledger ledger, VisitStore visits, InputLimits limits, Hl7Acks acks, ZoneId zone)
        implements MessageHandler<Hl7Message.Charges> {
    @Override
    public Class<Hl7Message.Charges> messageClass() {
        return Hl7Message.Charges.class;
    }

    @Override
    public Answer apply(Hl7Message.Charges c, byte[] raw, org.yidan.settlement.service.Settlements.Actor who) {
        if (ledger.settled(c.mdtrtId()).isPresent()) {
            throw new SettlementException("mdtrt_id", SettlementException.Reason.ALREADY_SETTLED, "就诊 " + c.mdtrtId() + " 已结算（"
                    + SettledOrigin.describe(ledger, c.mdtrtId(), zone)
                    + "），这些费用未记入；如需补记费用，请先撤销出院结算（ADT^A13）");
        }
        int had = visits.lineCount(c.mdtrtId());
        if (had + c.lines().size() > limits.linesPerVisit()) {
            throw new SettlementException("feedetail", "就诊 " + c.mdtrtId() + " 已有 " + had + " 条费用明细，再加 " + c.lines().size()
                    + " 条将超过每次就诊上限 " + limits.linesPerVisit() + " 条（yidan.limits.lines-per-visit）");
        }
        boolean added = visits.addCharges(c.mdtrtId(), c.controlId(), c.lines());
        return new Answer(acks.accept(raw), null, added ? "计入费用明细 " + c.lines().size() + " 条（本次就诊共 " + (had + c.lines().size()) + " 条）"
                : "该费用报文已计入，未重复计入");
    }
}
