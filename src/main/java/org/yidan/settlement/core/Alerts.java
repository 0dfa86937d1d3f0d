package org.yidan.settlement.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The alerts a policy asks for (DESIGN §6): a large expense in one encounter (台医保联发〔2020〕8号 三(二)), and the
 * yearly burden after basic insurance and critical illness past a share of the province's per-capita income
 * (聊政办发〔2022〕5号 四(二)), whose running total is kept in its own pool.
 */
final class Alerts {
    private Alerts() {}

    static List<Bill.Alert> of(Stay s, BigDecimal hifp, CategoryChain best, LedgerPools pools, List<String> warnings) {
        Policy policy = s.policy();
        Encounter e = s.e();
        BigDecimal medfee = s.split().medfee();
        List<Bill.Alert> alerts = new ArrayList<>(best.notices);
        for (Rule r : policy.rules(RuleKind.ALERT_LARGE_EXPENSE)) {
            BigDecimal t = r.amount("threshold");
            if (medfee.compareTo(t) >= 0) {
                alerts.add(new Bill.Alert("LARGE_EXPENSE", "大额医疗费用预警：本次医疗费用 " + medfee + " 元，达到 "
                        + t + " 元（含）以上", r.clause()));
            }
        }
        BigDecimal burdenNow = medfee.subtract(hifp).subtract(best.ciPay());
        int year = s.year();
        for (Rule r : policy.rules(RuleKind.ALERT_BURDEN)) {
            List<String> held = e.categoriesAtDischarge();
            boolean applies = r.categories().isEmpty() ? held.isEmpty() : held.stream().anyMatch(r.categories()::contains);
            if (!applies) continue;
            BigDecimal after = s.before(r.pool()).base().add(burdenNow);
            pools.add(r.pool(), burdenNow, Money.ZERO);
            String stat = r.statistic();
            RegionPolicy.Statistic income = policy.statistics().getOrDefault(stat, Map.of()).get(year - 1);
            if (income == null) {
                warnings.add("监测预警未判断：缺少 " + stat + " " + (year - 1) + " 年数值（" + r.clause() + "）");
                continue;
            }
            BigDecimal threshold = Money.fen(income.value().multiply(r.amount("fraction")));
            if (after.compareTo(threshold) > 0) {
                alerts.add(new Bill.Alert("BURDEN_MONITOR", "因病致贫返贫风险监测：" + year + " 年经基本医保、大病保险后个人累计负担 "
                        + after + " 元，超过全省上年度居民人均可支配收入 " + income.value() + " 元的 "
                        + r.amount("fraction").multiply(new BigDecimal(100)).stripTrailingZeros().toPlainString()
                        + "%（" + threshold + " 元）", r.clause()));
            }
        }
        return alerts;
    }
}
