package org.yidan.settlement.service.hl7;

import java.time.Clock;
import java.util.List;
import org.yidan.settlement.config.InputLimits;
import org.yidan.settlement.core.Ledger;
import org.yidan.settlement.core.Settler;
import org.yidan.settlement.hl7.Hl7Acks;
import org.yidan.settlement.service.EncounterCompletion;
import org.yidan.settlement.service.OutboundBills;
import org.yidan.settlement.service.Settlements;
import org.yidan.settlement.store.VisitStore;

/** The handlers of every message type read, in one list: a new type's handler is added here. */
public final class Hl7Handlers {
    private Hl7Handlers() {}

    /** The handlers, with no outbound channel (a settled discharge's bill is not queued for the HIS). */
    public static List<MessageHandler<?>> all(Hl7Acks acks, Settler settler, Ledger ledger, VisitStore visits,
                                              EncounterCompletion completion, Settlements settlements, InputLimits limits,
                                              Clock clock) {
        return all(acks, settler, ledger, visits, completion, settlements, limits, clock, new OutboundBills(null, false, null, clock));
    }

    /** @param outbound where a settled discharge's bill goes for the HIS (queued with the settlement) */
    public static List<MessageHandler<?>> all(Hl7Acks acks, Settler settler, Ledger ledger, VisitStore visits,
                                              EncounterCompletion completion, Settlements settlements, InputLimits limits,
                                              Clock clock, OutboundBills outbound) {
        return List.of(
                new AdmitHandler(settler, visits, acks, clock),
                new ChargesHandler(ledger, visits, limits, acks, clock.getZone()),
                new DischargeHandler(completion, settlements, ledger, acks, clock.getZone(), outbound),
                new CancelHandlers.CancelDischarge(settlements, acks),
                new CancelHandlers.CancelAdmit(ledger, visits, acks));
    }
}
