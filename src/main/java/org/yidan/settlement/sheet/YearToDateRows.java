package org.yidan.settlement.sheet;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yidan.settlement.core.Bill;
import org.yidan.settlement.core.InsuranceType;
import org.yidan.settlement.core.LedgerChange;
import org.yidan.settlement.core.Policy;
import org.yidan.settlement.core.Rule;
import org.yidan.settlement.core.RuleKind;
import org.yidan.settlement.core.SettledRecord;
import org.yidan.settlement.core.Working;

/**
 * The sheet's 本年累计: the person's year as it stood once this bill was settled (this stay included, later ones not),
 * from the ledger: which settlement of the year this is, and per fund pool what was counted (累计基数) and paid
 * (累计支付), with the yearly cap and what is left of it as this bill's working gives them.
 *
 * @param settlement this bill's number in the person's settlements of the year (1 for the first)
 * @param rows       one per fund pool the year touched, in the order the ledger first met them
 */
public record YearToDateRows(int year, int settlement, List<Row> rows) {

    /**
     * @param fund    the fund in words (基本医保统筹, 大病保险, 医疗救助, 再救助…)
     * @param pool    the ledger's pool
     * @param cap     the yearly cap (null: none, or not known from this bill)
     * @param capLeft what is left of it after this bill (null with no cap)
     */
    public record Row(String fund, String pool, BigDecimal base, BigDecimal paid, BigDecimal cap, BigDecimal capLeft) {}

    /**
     * @param yearRecords the person's settled records of the year in settle order
     * @param policy      the policy the bill was settled under (which rule keeps which pool)
     * @return null when the bill is not among the records (not settled: 预结算)
     */
    public static YearToDateRows of(Bill bill, List<SettledRecord> yearRecords, Policy policy) {
        int index = -1;
        for (int i = 0; i < yearRecords.size(); i++) if (yearRecords.get(i).mdtrtId().equals(bill.mdtrtId())) index = i;
        if (index < 0) return null;
        Map<String, BigDecimal[]> pools = new LinkedHashMap<>();
        for (SettledRecord r : yearRecords.subList(0, index + 1)) {
            for (LedgerChange c : r.changes()) {
                BigDecimal[] t = pools.computeIfAbsent(c.pool(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                t[0] = t[0].add(c.base());
                t[1] = t[1].add(c.paid());
            }
        }
        Map<String, Rule> keeper = new LinkedHashMap<>();        // pool → the first rule that keeps it
        Map<String, Rule> byId = new LinkedHashMap<>();
        for (Rule r : policy.rules()) {
            if (r.pool() != null) keeper.putIfAbsent(r.pool(), r);
            byId.putIfAbsent(r.id(), r);
        }
        Map<String, Working> worked = new LinkedHashMap<>();
        for (Bill.SetlDetail d : bill.setldetail()) {
            for (Working w : d.working()) {
                Rule r = w.rule() == null ? null : byId.get(w.rule());
                if (r != null && r.pool() != null && w.cap() != null) worked.put(r.pool(), w);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, BigDecimal[]> e : pools.entrySet()) {
            Rule r = keeper.get(e.getKey());
            if (r == null || r.kind() == RuleKind.ALERT_BURDEN || r.kind() == RuleKind.ALERT_LARGE_EXPENSE) continue;
            Working w = worked.get(e.getKey());
            rows.add(new Row(fund(r.kind(), bill.insutype()), e.getKey(), e.getValue()[0], e.getValue()[1],
                    w == null ? null : w.cap(), w == null ? null : w.capLeftAfter()));
        }
        return new YearToDateRows(bill.setlYear(), index + 1, List.copyOf(rows));
    }

    private static String fund(RuleKind kind, String insutype) {
        boolean employee = InsuranceType.EMPLOYEE.code.equals(insutype);
        return switch (kind) {
            case BASIC -> "基本医保统筹";
            case CRITICAL_ILLNESS -> employee ? "职工大额医疗费用补助" : "居民大病保险";
            case SPECIAL_DRUG -> employee ? "职工大额补助特药" : "大病保险特药";
            case ASSISTANCE -> "医疗救助";
            case RE_ASSISTANCE -> "再救助";
            case PKU_FOOD -> "特殊治疗食品救助";
            default -> kind.name();
        };
    }
}
