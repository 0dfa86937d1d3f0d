package org.yidan.settlement.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yidan.settlement.core.Area;
import org.yidan.settlement.core.Category;
import org.yidan.settlement.core.InsuranceType;
import org.yidan.settlement.core.MedType;
import org.yidan.settlement.core.RuleKind;

/**
 * A rule's Chinese name when its policy file gives none: what it pays, for whom, where, e.g. 低保对象、特困人员医疗救助,
 * 城乡居民基本医疗保险统筹（普通住院）, 居民大病保险（特困人员、低保对象等倾斜）. An illustrative rule is named by what it stands
 * for (its {@code illustrative} words).
 */
final class RuleNames {
    /** More categories than this are shortened to the first ones and 等. */
    private static final int MAX_CATEGORIES = 3;

    private RuleNames() {}

    static String derive(RuleKind kind, Set<String> insutypes, Set<String> medTypes, List<String> categories,
                         Map<String, Category> vocab, Area area, Integer ageMax, Integer ageOver, String illustrative) {
        if (illustrative != null) return illustrative;
        String who = who(categories, vocab);
        String insurance = insutypes.size() == 1 ? label(insutypes.iterator().next()) : null;
        List<String> qualifiers = new ArrayList<>();
        boolean critical = kind == RuleKind.CRITICAL_ILLNESS || kind == RuleKind.SPECIAL_DRUG;
        if (critical && !who.isEmpty()) qualifiers.add(who + (kind == RuleKind.CRITICAL_ILLNESS ? "倾斜" : ""));
        if (!medTypes.isEmpty()) {
            List<String> m = new ArrayList<>();
            for (String t : medTypes.stream().sorted().toList()) m.add(medType(t));
            qualifiers.add(String.join("、", m));
        }
        if (area == Area.IN) qualifiers.add("统筹区内就医");
        if (area == Area.OUT) qualifiers.add("统筹区外就医");
        if (ageMax != null) qualifiers.add(ageMax + " 周岁及以下");
        if (ageOver != null) qualifiers.add(ageOver + " 周岁以上");
        String base = switch (kind) {
            case CATALOGUE -> "目录自付比例";
            case BASIC -> (insurance == null ? "基本医疗保险" : insurance) + "统筹";
            case CRITICAL_ILLNESS -> criticalIllness(insutypes);
            case SPECIAL_DRUG -> criticalIllness(insutypes) + "特药";
            case ASSISTANCE -> who + "医疗救助";
            case RE_ASSISTANCE -> who + "再救助";
            case PKU_FOOD -> "苯丙酮酸尿症特殊治疗食品救助";
            case DEPOSIT_FREE -> who + "先诊疗后付费";
            case ALERT_LARGE_EXPENSE -> "大额医疗费用提示";
            case ALERT_BURDEN -> (who.isEmpty() ? "" : who) + "医疗费用负担监测提示";
        };
        return qualifiers.isEmpty() ? base : base + "（" + String.join("，", qualifiers) + "）";
    }

    private static String who(List<String> categories, Map<String, Category> vocab) {
        List<String> names = new ArrayList<>();
        for (String c : categories) {
            Category cat = vocab.get(c);
            names.add(cat == null ? c : cat.name());
        }
        if (names.size() > MAX_CATEGORIES) return String.join("、", names.subList(0, MAX_CATEGORIES)) + "等";
        return String.join("、", names);
    }

    private static String criticalIllness(Set<String> insutypes) {
        if (insutypes.equals(Set.of(InsuranceType.EMPLOYEE.code))) return "职工大额医疗费用补助";
        if (insutypes.equals(Set.of(InsuranceType.RESIDENT.code))) return "居民大病保险";
        return "大病保险";
    }

    private static String medType(String code) {
        for (MedType t : MedType.values()) if (t.code.equals(code)) return t.label;
        return code;
    }

    private static String label(String insutype) {
        for (InsuranceType t : InsuranceType.values()) if (t.code.equals(insutype)) return t.label;
        return insutype;
    }
}
