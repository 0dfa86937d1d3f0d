package org.yidan.settlement.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yidan.settlement.core.DepositDecision;
import org.yidan.settlement.core.SettlementException;
import org.yidan.settlement.core.Settler;

/** Applies one message to a settler and describes the result as JSON (the shape the settle command prints). */
public final class Processor {
    private Processor() {}

    /**
     * @throws SettlementException when the message cannot be applied; nothing has changed then
     */
    public static ObjectNode apply(Settler settler, Message m) {
        return apply(settler, m, null);
    }

    /**
     * As {@link #apply(Settler, Message)}; a settlement is kept as having come {@code via} (e.g. "HTTP POST
     * /api/settlements (admin)").
     */
    public static ObjectNode apply(Settler settler, Message m, String via) {
        return apply(settler, m, via, settler::settle);
    }

    /** How a settlement is made: the settler itself, or through a use case that also audits who asked. */
    @FunctionalInterface
    public interface Settling {
        Settler.Outcome settle(org.yidan.settlement.core.Encounter e, String via);
    }

    /** As {@link #apply(Settler, Message, String)}, a settlement made by {@code settling}. */
    public static ObjectNode apply(Settler settler, Message m, String via, Settling settling) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("source", m.source());
        if (m instanceof Message.Settle s) {
                Settler.Outcome o = settling.settle(s.encounter(), via);
                r.put("action", "settle");
                r.put("repeated", o.repeated());
                r.set("bill", Json.MAPPER.valueToTree(o.bill()));
        } else if (m instanceof Message.Cancel c) {
                cancelled(r, c.mdtrtId(), settler.cancel(c.mdtrtId(), c.reason()));
        } else if (m instanceof Message.Admit a) {
                DepositDecision d = settler.admit(a.admission());
                r.put("action", "admit");
                r.put("mdtrt_id", a.admission().mdtrtId());
                r.set("deposit_decision", Json.MAPPER.valueToTree(d));
        }
        return r;
    }

    /** A cancel's result as {@link #apply} describes it: the setlinfo cancelled, the later visits of that year. */
    public static ObjectNode cancelled(ObjectNode r, String mdtrtId, Settler.CancelOutcome o) {
        r.put("action", "cancel");
        r.put("mdtrt_id", mdtrtId);
        r.set("cancelled_setlinfo", Json.MAPPER.valueToTree(o.cancelled().bill().setlinfo()));
        if (!o.settledLater().isEmpty()) {
            r.put("warning", "同一年度之后结算的就诊 " + o.settledLater() + " 是按包含本次结算的累计额计算的；如需按新累计额重算，请撤销后重新结算");
        }
        r.set("settled_later", Json.MAPPER.valueToTree(o.settledLater()));
        return r;
    }
}
