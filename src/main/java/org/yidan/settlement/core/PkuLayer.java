package org.yidan.settlement.core;

import java.math.BigDecimal;
import java.util.List;

/**
 * Assistance for phenylketonuria special food (苯丙酮酸尿症特殊治疗食品, 鲁医保发〔2019〕69号 二(二)3 五是): by age on
 * the discharge date, whatever relief category the person holds (the same in every candidate chain).
 *
 * @param pku     what is paid
 * @param working its working (null: nothing to pay)
 */
record PkuLayer(BigDecimal pku, Working working) {
    static final PkuLayer NONE = new PkuLayer(Money.ZERO, null);

    static PkuLayer pay(Stay s, List<String> warnings, LedgerPools pools) {
        BigDecimal base = s.split().pkuBase();
        if (base.signum() <= 0) return NONE;
        if (s.e().brdy() == null) throw new SettlementException("brdy", "有苯丙酮尿症特殊食品（PKU_FOOD）明细时须给出生日期（按年龄的规则）");
        Rule r = s.first(RuleKind.PKU_FOOD, null);
        if (r == null) {
            warnings.add("苯丙酮酸尿症特殊治疗食品：本地政策无救助规则，费用 " + base + " 自付");
            return NONE;
        }
        if (r.status() != RuleStatus.SET) {
            warnings.add(Workings.unset(r, "苯丙酮酸尿症特殊治疗食品"));
            return NONE;
        }
        Schedules.Result res = Schedules.apply(r.schedule(), base, s.before(r), Money.ZERO);
        Working w = Workings.computed(Layer.PKU_FOOD, r, null, base, "苯丙酮酸尿症特殊治疗食品费用 " + base
                + "，出院日年龄 " + RuleFinder.age(s.e()) + " 岁", r.schedule(), res, res.paid(), s.yearToDateNotes(r));
        pools.add(r.pool(), base, res.paid());
        return new PkuLayer(res.paid(), w);
    }
}
