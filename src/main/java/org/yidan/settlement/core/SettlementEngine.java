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
            throw new SettlementException("upstream.hifmi_pay", "职工医保（insutype 310）的就诊给出了居民大病保险支出；职工应填大额医疗费用补助（hifob_pay）");
        }
        if (insurance == InsuranceType.RESIDENT && up.hifobPay() != null) {
            throw new SettlementException("upstream.hifob_pay", "居民医保（insutype 390）的就诊给出了职工大额医疗费用补助；居民应填大病保险支出（hifmi_pay）");
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
            throw new SettlementException("upstream", "已结算的各项支付（" + best.fund + "）加医院负担金额（" + s.hosp()
                    + "）超过了医疗费总额 " + s.split().medfee() + "，请核对上游金额");
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
            throw new SettlementException("year_to_date.year", "累计是 " + y.year() + " 年度的，而出院日期（"
                    + e.endtime() + "）在 " + e.year() + " 年度");
        }
        if (y.asOf().isAfter(e.endtime())) {
            throw new SettlementException("year_to_date.as_of", "累计截至日期 " + y.asOf() + " 晚于出院日期 " + e.endtime()
                    + "：此后读取的累计可能已含本次住院");
        }
        java.util.Set<String> pools = new java.util.TreeSet<>();
        for (Rule r : policy.rules()) if (r.pool() != null) pools.add(r.pool());
        for (String p : y.pools().keySet()) {
            if (!pools.contains(p)) {
                throw new SettlementException("year_to_date.pools." + p, policy.name() + "没有规则使用资金池 " + p
                        + "；可用的资金池：" + String.join("、", pools));
            }
        }
    }

    static void checkCategories(Policy policy, List<String> categories, List<Identity> identities) {
        RuleFinder.checkCategories(policy, categories);
        RuleFinder.checkIdentities(policy, categories, identities);
    }
}
