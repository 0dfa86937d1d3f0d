package org.yidan.settlement.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.yidan.settlement.core.Bill;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.Ledger;
import org.yidan.settlement.core.PolicySet;
import org.yidan.settlement.sheet.FeeCategories;
import org.yidan.settlement.sheet.SheetFacts;
import org.yidan.settlement.sheet.YearToDateRows;
import org.yidan.settlement.store.AuditLog;

/**
 * The settlement sheet's facts in the counter's answers ({@link SheetFacts}): the number and time from the ledger,
 * who settled from the audit log (the latest settle, re-settle or retroactive entry of the visit), the birth date
 * from the settlement's kept input or else the admission, the 费用分类 from the kept input's lines, 本年累计 from the
 * person's settlements of the year.
 */
final class CounterSheets {
    private static final Set<String> SETTLING = Set.of("settle", "resettle", "retroactive");

    private CounterSheets() {}

    static SheetFacts settled(Bill bill, Ledger ledger, PolicySet policies, List<AuditLog.Entry> trail, JsonNode admission,
                              FeeCategories fees, ZoneId zone) {
        Ledger.Origin origin = ledger.origin(bill.mdtrtId()).orElse(null);
        String operator = null;
        for (AuditLog.Entry e : trail) if (SETTLING.contains(e.action())) operator = e.actor();   // oldest first: the last wins
        Encounter input = ledger.input(bill.mdtrtId()).orElse(null);
        LocalDate brdy = input == null ? null : input.brdy();
        if (brdy == null && admission.hasNonNull("brdy")) brdy = LocalDate.parse(admission.get("brdy").asText());
        YearToDateRows year = YearToDateRows.of(bill, ledger.settledFor(bill.psnNo(), bill.setlYear()),
                policies.resolve(bill.insuAdmdvs(), bill.policy().date()));
        return SheetFacts.of(bill, origin, operator, brdy, zone, input == null ? List.of() : fees.split(input.feedetail()), year);
    }

    static SheetFacts presettled(Bill bill, Encounter input, FeeCategories fees, ZoneId zone) {
        return SheetFacts.of(bill, null, null, input.brdy(), zone, fees.split(input.feedetail()), null);
    }
}
