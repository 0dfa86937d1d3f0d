package org.yidan.settlement.core;

import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which rule of a policy applies to an encounter: the first of its kind in the policy's order (highest priority, a
 * city's before its province's: see {@link PolicySet#resolve}) whose conditions the encounter meets (insurance type, medical type, relief category, inside or outside the area, diagnosis group, age on
 * the discharge date).
 */
final class RuleFinder {
    private final DxGroups dxGroups;

    RuleFinder(DxGroups dxGroups) {
        this.dxGroups = dxGroups;
    }

    /** The first rule of a kind for a category (null: the ordinary rules, those of no category). */
    Rule first(Policy policy, RuleKind kind, Encounter e, String category) {
        for (Rule r : policy.rules()) {
            if (r.kind() != kind) continue;
            if (!r.insutypes().isEmpty() && !r.insutypes().contains(e.insutype())) continue;
            if (!r.medTypes().isEmpty() && !r.medTypes().contains(e.medType())) continue;
            if (kind != RuleKind.BASIC && kind != RuleKind.PKU_FOOD) {
                if (category == null ? !r.categories().isEmpty() : !r.categories().contains(category)) continue;
            }
            if (r.area() == Area.IN && !policy.inArea(e.fixmedinsAdmdvs())) continue;
            if (r.area() == Area.OUT && policy.inArea(e.fixmedinsAdmdvs())) continue;
            if (r.dxGroup() != null && dxGroups.match(r.dxGroup(), e.diagnoses(), ageOrNull(e)).decided() == null) continue;
            if (r.ageMax() != null && (e.brdy() == null || age(e) > r.ageMax())) continue;
            if (r.ageOver() != null && (e.brdy() == null || age(e) <= r.ageOver())) continue;
            return r;
        }
        return null;
    }

    /**
     * A category's rule of a kind; for critical illness and special drugs the ordinary rule when the category has none
     * of its own (assistance has no ordinary rule).
     */
    Rule forCategory(Policy policy, RuleKind kind, Encounter e, String category) {
        if (category != null) {
            Rule r = first(policy, kind, e, category);
            if (r != null) return r;
        }
        if (kind == RuleKind.CRITICAL_ILLNESS || kind == RuleKind.SPECIAL_DRUG) return first(policy, kind, e, null);
        return null;
    }

    /**
     * The categories the person holds that the policy names, in the order of categories.yaml (就高不重复: each is
     * settled, the smallest patient share kept); one null (ordinary) when none. A held category the policy does not
     * name is warned about.
     */
    static List<String> candidates(Policy policy, Encounter e, List<String> warnings) {
        Set<String> known = new LinkedHashSet<>();
        for (Rule r : policy.rules()) {
            if (r.kind() == RuleKind.DEPOSIT_FREE || r.kind().name().startsWith("ALERT")) continue;
            known.addAll(r.categories());
        }
        List<String> held = e.categoriesAtDischarge();
        List<String> out = new ArrayList<>();
        for (String code : policy.categories().keySet()) {
            if (!held.contains(code)) continue;
            if (known.contains(code)) {
                out.add(code);
            } else {
                warnings.add(policy.categoryName(code) + "（" + code + "）：" + policy.name() + "现行政策无此类别的规定，按普通参保人员结算");
            }
        }
        if (out.isEmpty()) out.add(null);
        return out;
    }

    /**
     * Every dated identity names a known category, not also given without dates, and ends on or after it begins.
     */
    static void checkIdentities(Policy policy, List<String> undated, List<Identity> identities) {
        for (int i = 0; i < identities.size(); i++) {
            Identity id = identities.get(i);
            if (undated.contains(id.category())) {
                throw new SettlementException("relief_identities[" + i + "].category", id.category()
                        + " 已在不带日期的人员身份（relief_categories）中给出，请只给一次");
            }
            if (!policy.categories().containsKey(id.category())) {
                throw new SettlementException("relief_identities[" + i + "].category", SettlementException.Reason.UNKNOWN_CODE,
                        "未知的人员身份类别 " + id.category() + "；本地政策可用：" + String.join("、", policy.categories().keySet()));
            }
            if (id.begntime() != null && id.endtime() != null && id.endtime().isBefore(id.begntime())) {
                throw new SettlementException("relief_identities[" + i + "].endtime", "结束日期 " + id.endtime()
                        + " 早于开始日期 " + id.begntime());
            }
        }
    }

    static void checkCategories(Policy policy, List<String> categories) {
        for (int i = 0; i < categories.size(); i++) {
            String c = categories.get(i);
            if (!policy.categories().containsKey(c)) {
                throw new SettlementException("relief_categories[" + i + "]", SettlementException.Reason.UNKNOWN_CODE,
                        "未知的人员身份类别 " + c + "；本地政策可用：" + String.join("、", policy.categories().keySet()));
            }
        }
    }

    /**
     * What the diagnosis groups said for a category's rule of a kind, for its working: the disease that made {@code
     * chosen} apply; or, when the chosen rule names no group, why a rule of the same kind and category that names one
     * did not apply although a diagnosis is on its list (another than the main one; the patient's age).
     */
    List<String> diagnosisNotes(Policy policy, RuleKind kind, Encounter e, String category, Rule chosen) {
        List<String> notes = new ArrayList<>();
        Integer age = ageOrNull(e);
        if (chosen.dxGroup() != null) {
            DxGroups.Match m = dxGroups.match(chosen.dxGroup(), e.diagnoses(), age).decided();
            if (m != null) {
                notes.add("病种：" + (m.main() ? "主要诊断 " : "诊断 ") + m.diagnosis() + " 属「" + m.disease() + "」（" + m.codes()
                        + "），" + dxGroups.describe(chosen.dxGroup()));
            }
            return notes;
        }
        Set<String> groups = new LinkedHashSet<>();
        for (Rule r : policy.rules(kind)) {
            if (r.dxGroup() != null && r.categories().contains(category)) groups.add(r.dxGroup());
        }
        for (String g : groups) {
            for (String miss : dxGroups.match(g, e.diagnoses(), age).misses()) {
                notes.add(miss + "：不按" + dxGroups.describe(g));
            }
        }
        return notes;
    }

    static Integer ageOrNull(Encounter e) {
        return e.brdy() == null ? null : age(e);
    }

    /** Age on the discharge date. */
    static int age(Encounter e) {
        return Period.between(e.brdy(), e.endtime()).getYears();
    }
}
