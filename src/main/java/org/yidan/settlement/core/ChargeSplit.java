package org.yidan.settlement.core;

import java.math.BigDecimal;
import java.util.List;

/**
 * Step 1 of the chain (DESIGN §4): the charges split by catalogue class. 丙类 (C) and PKU special food are fully
 * self-paid; above a price limit, the excess; 乙类 (B) pays its self-pay ratio first; the rest is in scope.
 *
 * @param medfee           医疗费总额, every line
 * @param fulamt           全自费: 丙类 and PKU special food
 * @param overlmt          超限价自费: above the catalogue's price limit
 * @param preself          先行自付: 乙类's self-pay ratio
 * @param inscp            符合政策范围: what is left
 * @param specialDrugInscp the in-scope part of special-drug lines (大病保险特药), kept apart
 * @param pkuBase          PKU special food lines (苯丙酮酸尿症特殊治疗食品)
 */
record ChargeSplit(BigDecimal medfee, BigDecimal fulamt, BigDecimal overlmt, BigDecimal preself, BigDecimal inscp,
                   BigDecimal specialDrugInscp, BigDecimal pkuBase) {

    /** In scope, special drugs excepted: the base of basic insurance and critical illness. */
    BigDecimal inscpGeneral() {
        return inscp.subtract(specialDrugInscp);
    }

    /** Each total rounded once, to the fen. */
    static ChargeSplit of(Policy policy, Encounter e) {
        BigDecimal medfee = BigDecimal.ZERO;
        BigDecimal fulamt = BigDecimal.ZERO;
        BigDecimal overRaw = BigDecimal.ZERO;
        BigDecimal preRaw = BigDecimal.ZERO;
        BigDecimal sdRaw = BigDecimal.ZERO;
        BigDecimal pku = BigDecimal.ZERO;
        BigDecimal defaultProp = null;
        for (Rule r : policy.rules(RuleKind.CATALOGUE)) {
            defaultProp = r.amount("b_selfpay_prop");
            break;
        }
        List<FeeLine> lines = e.feedetail();
        for (int i = 0; i < lines.size(); i++) {
            FeeLine l = lines.get(i);
            BigDecimal amt = l.detItemFeeSumamt();
            medfee = medfee.add(amt);
            if (l.kind() == LineKind.PKU_FOOD) {
                pku = pku.add(amt);
                fulamt = fulamt.add(amt);
                continue;
            }
            if (l.chrgitmLv() == ChargeClass.C) {
                fulamt = fulamt.add(amt);
                continue;
            }
            BigDecimal over = BigDecimal.ZERO;
            if (l.pricUplmtAmt() != null && l.pric() != null && l.pric().compareTo(l.pricUplmtAmt()) > 0) {
                over = Money.min(amt, l.pric().subtract(l.pricUplmtAmt()).multiply(l.cnt()));
            }
            overRaw = overRaw.add(over);
            BigDecimal rest = amt.subtract(over);
            BigDecimal pre = BigDecimal.ZERO;
            if (l.chrgitmLv() == ChargeClass.B) {
                BigDecimal prop = l.selfpayProp() != null ? l.selfpayProp() : defaultProp;
                if (prop == null) {
                    throw new SettlementException("feedetail[" + i + "].selfpay_prop",
                            "乙类明细没有自付比例（selfpay_prop），本地政策也未设默认值");
                }
                pre = rest.multiply(prop);
            }
            preRaw = preRaw.add(pre);
            if (l.kind() == LineKind.SPECIAL_DRUG) sdRaw = sdRaw.add(rest.subtract(pre));
        }
        medfee = Money.fen(medfee);
        fulamt = Money.fen(fulamt);
        BigDecimal overlmt = Money.fen(overRaw);
        BigDecimal preself = Money.fen(preRaw);
        BigDecimal inscp = medfee.subtract(fulamt).subtract(overlmt).subtract(preself);
        BigDecimal sd = Money.min(Money.fen(sdRaw), inscp);
        return new ChargeSplit(medfee, fulamt, overlmt, preself, inscp, sd, Money.fen(pku));
    }
}
