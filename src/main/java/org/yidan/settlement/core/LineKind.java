package org.yidan.settlement.core;

/**
 * What a charge line is for the payers beyond the catalogue split.
 * SPECIAL_DRUG: 大病保险特药, paid by the critical-illness layer's own channel, not by basic insurance
 * (鲁医保发〔2019〕69号 二(二)2 四是).
 * PKU_FOOD: 苯丙酮酸尿症特殊治疗食品, outside the insurance catalogue, paid by its own assistance rule
 * (鲁医保发〔2019〕69号 二(二)3 五是).
 */
public enum LineKind {
    ORDINARY, SPECIAL_DRUG, PKU_FOOD;

    public static LineKind parse(String s) {
        if (s == null || s.isEmpty()) return ORDINARY;
        for (LineKind k : values()) {
            if (k.name().equalsIgnoreCase(s)) return k;
        }
        return null;
    }
}
