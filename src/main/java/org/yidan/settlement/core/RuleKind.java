package org.yidan.settlement.core;

/** What a policy rule settles or decides. */
public enum RuleKind {
    /** 乙类 default self-pay ratio and other catalogue defaults. */
    CATALOGUE,
    /** 基本医保统筹基金. */
    BASIC,
    /** 居民大病保险 / 职工大额医疗费用补助. */
    CRITICAL_ILLNESS,
    /** 大病保险特药: the critical-illness layer's own channel for special drugs. */
    SPECIAL_DRUG,
    /** 医疗救助 (fund 610100). */
    ASSISTANCE,
    /** 再救助 (fund 610102). */
    RE_ASSISTANCE,
    /** 苯丙酮酸尿症特殊治疗食品救助 (fund 610100). */
    PKU_FOOD,
    /** 先诊疗后付费: no deposit at admission. */
    DEPOSIT_FREE,
    /** Alert when one encounter's medical costs reach a threshold. */
    ALERT_LARGE_EXPENSE,
    /** Alert when the yearly burden after basic and critical illness passes a share of an income figure. */
    ALERT_BURDEN;

    public static RuleKind parse(String s) {
        for (RuleKind k : values()) {
            if (k.name().equalsIgnoreCase(s)) return k;
        }
        return null;
    }
}
