package org.yidan.settlement.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The chain of payers (DESIGN §4), a pure function from (policy, the person's year so far, this encounter) to (bill,
 * ledger changes). Knows nothing of HL7, HTTP or storage. Read it top to bottom as the design's chain:
 * <ol>
 *   <li>{@link ChargeSplit}: the charges by catalogue class;</li>
 *   <li>{@link BasicLayer}: basic insurance; and {@link PkuLayer}: PKU special food, whatever the category;</li>
 *   <li>per relief category the person holds, a {@link CategoryChain}: {@link CriticalIllnessLayer} (and special
 *       drugs), {@link AssistanceLayer}, {@link ReAssistanceLayer}; the smallest patient share is kept (就高不重复);</li>
 *   <li>{@link Alerts}, and the bill ({@link BillAssembler}).</li>
 * </ol>
 */
public final class SettlementEngine {
    private final RuleFinder rules;
    private final FundCodes fundCodes;

    public SettlementEngine(DxGroups dxGroups, FundCodes fundCodes) {
        this.rules = new RuleFinder(dxGroups);
        this.fundCodes = fundCodes;
    }

    /** The result: the bill and what it adds to the ledger. */
    public record Settlement(Bill bill, List<LedgerChange> changes) {}

    public Settlement settle(Policy policy, Encounter given, LedgerView ledger) {
        checkCategories(policy, given.reliefCategories(), given.identities());
        checkYearToDate(policy, given);
        InsuranceType insurance = InsuranceType.of(given.insutype());
        Encounter e = PlatformAmounts.apply(given, fundCodes, insurance);
        Upstream up = e.upstream() == null ? Upstream.NONE : e.upstream();
        if (insurance == InsuranceType.EMPLOYEE && up.hifmiPay() != null) {
            throw new SettlementException("upstream.hifmi_pay", "resident critical illness given for an employee (insutype 310) encounter; use hifob_pay");
        }
        if (insurance == InsuranceType.RESIDENT && up.hifobPay() != null) {
            throw new SettlementException("upstream.hifob_pay", "employee large-amount subsidy given for a resident (insutype 390) encounter; use hifmi_pay");
        }
        Stay s = new Stay(policy, e, ledger, rules, e.year(), insurance, ChargeSplit.of(policy, e), up,
                Money.orZero(up.hospPartAmt()), Money.orZero(up.othPay()));
        PlatformAmounts.checkMedfee(e, s.split().medfee());
        List<String> warnings = new ArrayList<>();
        LedgerPools pools = new LedgerPools();   // basic and PKU first: the same in every category's chain

        BasicLayer basic = BasicLayer.pay(s, warnings, pools);
        PkuLayer pku = PkuLayer.pay(s, warnings, pools);

        List<CategoryChain> chains = new ArrayList<>();
        for (String c : RuleFinder.candidates(policy, e, warnings)) chains.add(CategoryChain.run(s, basic.hifp(), pku.pku(), c));
        CategoryChain best = chains.get(0);
        for (CategoryChain ch : chains) if (ch.psnPart.compareTo(best.psnPart) < 0) best = ch;
        if (best.psnPart.signum() < 0) {
            throw new SettlementException("upstream", "the payers' amounts (" + best.fund + ") and hospital reduction (" + s.hosp()
                    + ") exceed the medical costs " + s.split().medfee() + "; check the upstream amounts");
        }
        pools.addAll(best.pools);

        List<Bill.Alert> alerts = Alerts.of(s, basic.hifp(), best, pools, warnings);
        return BillAssembler.bill(s, basic, pku, chains, best, pools, alerts, warnings);
    }

    /** Outside totals are for the discharge's year, read by the discharge date, and name pools the policy has. */
    static void checkYearToDate(Policy policy, Encounter e) {
        YearToDate y = e.yearToDate();
        if (y == null) return;
        if (y.year() != e.year()) {
            throw new SettlementException("year_to_date.year", "the totals are for " + y.year() + "; the discharge ("
                    + e.endtime() + ") is in " + e.year());
        }
        if (y.asOf().isAfter(e.endtime())) {
            throw new SettlementException("year_to_date.as_of", y.asOf() + " is after the discharge " + e.endtime()
                    + ": totals read later may already hold this stay");
        }
        java.util.Set<String> pools = new java.util.TreeSet<>();
        for (Rule r : policy.rules()) if (r.pool() != null) pools.add(r.pool());
        for (String p : y.pools().keySet()) {
            if (!pools.contains(p)) {
                throw new SettlementException("year_to_date.pools." + p, "no rule of " + policy.name() + " keeps a pool '" + p
                        + "'; pools: " + String.join(", ", pools));
            }
        }
    }

    static void checkCategories(Policy policy, List<String> categories, List<Identity> identities) {
        RuleFinder.checkCategories(policy, categories);
        RuleFinder.checkIdentities(policy, categories, identities);
    }
}
