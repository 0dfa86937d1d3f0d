package org.yidan.settlement.core;

import java.util.Map;

/**
 * What a platform's fund code stands for here (mappings/fund-codes.yaml): the same fund reaches a hospital under
 * several codes (医疗救助 as 610100, 610101, or 999997 with setl_proc_info 610101; 医院减免 as 630100 or 630101).
 */
public interface FundCodes {

    /**
     * A fund as this module settles it.
     *
     * @param layer basic, critical_illness, assistance, re_assistance, hospital_reduction or other
     * @param name  its Chinese name
     */
    record Fund(String layer, String name) {}

    /** The fund for a code and, where the table has an entry for the pair, its setl_proc_info; null when unknown. */
    Fund lookup(String fundPayType, String setlProcInfo);

    /** The layers a fund may be normalised to. */
    java.util.Set<String> LAYERS = java.util.Set.of("basic", "critical_illness", "assistance", "re_assistance",
            "hospital_reduction", "other");

    /** A table of code → fund, and "code/setl_proc_info" → fund for the pairs that mean something else. */
    static FundCodes of(Map<String, Fund> table) {
        Map<String, Fund> t = Map.copyOf(table);
        return (code, info) -> {
            if (code == null) return null;
            if (info != null && t.containsKey(code + "/" + info)) return t.get(code + "/" + info);
            return t.get(code);
        };
    }

    FundCodes NONE = (code, info) -> null;
}
