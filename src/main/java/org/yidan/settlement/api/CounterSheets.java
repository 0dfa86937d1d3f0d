package org.yidan.settlement.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.yidan.settlement.core.Bill;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.Ledger;
import org.yidan.settlement.sheet.SheetFacts;
import org.yidan.settlement.store.AuditLog;

/**
 * The settlement sheet's facts in the counter's answers ({@link SheetFacts}): the number and time from the ledger,
 * who settled from the audit log (the latest settle, re-settle or retroactive entry of the visit), the birth date
 * from the settlement's kept input or else the admission.
 */
final class CounterSheets {
    private static final Set<String> SETTLING = Set.of("settle", "resettle", "retroactive");

    private CounterSheets() {}

    static SheetFacts settled(Bill bill, Ledger ledger, List<AuditLog.Entry> trail, JsonNode admission, ZoneId zone) {
        Ledger.Origin origin = ledger.origin(bill.mdtrtId()).orElse(null);
        String operator = null;
        for (AuditLog.Entry e : trail) if (SETTLING.contains(e.action())) operator = e.actor();   // oldest first: the last wins
        LocalDate brdy = ledger.input(bill.mdtrtId()).map(Encounter::brdy).orElse(null);
        if (brdy == null && admission.hasNonNull("brdy")) brdy = LocalDate.parse(admission.get("brdy").asText());
        return SheetFacts.of(bill, origin, operator, brdy, zone);
    }

    static SheetFacts presettled(Bill bill, LocalDate brdy, ZoneId zone) {
        return SheetFacts.of(bill, null, null, brdy, zone);
    }
}
