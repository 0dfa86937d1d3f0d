package org.yidan.settlement.core;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A relief identity with its dates, as the platform's 1101 gives 人员身份类别 (psn_idet_type, begntime, endtime): it
 * counts for a settlement only on the days from its begin to its end, both included (an open end: still valid).
 *
 * @param category  the relief category (a code of policies/categories.yaml)
 * @param begntime  the first day it is valid (null: since before any stay)
 * @param endtime   the last day it is valid (null: open)
 */
public record Identity(String category, LocalDate begntime, LocalDate endtime) {

    public boolean validOn(LocalDate d) {
        return (begntime == null || !d.isBefore(begntime)) && (endtime == null || !d.isAfter(endtime));
    }

    /** The categories that count on a day: those given without dates, then the dated ones valid that day; no repeats. */
    public static List<String> categoriesOn(List<String> undated, List<Identity> dated, LocalDate d) {
        Set<String> out = new LinkedHashSet<>(undated);
        for (Identity i : dated) if (i.validOn(d)) out.add(i.category());
        return List.copyOf(out);
    }

    /** Every category named, with dates or without (to check them all against the vocabulary). */
    public static List<String> allCategories(List<String> undated, List<Identity> dated) {
        List<String> out = new ArrayList<>(undated);
        for (Identity i : dated) out.add(i.category());
        return out;
    }

    /** 有效期 in the clerk's words: "2024-01-01 至 2024-12-31", "2024-01-01 起", "至 2024-12-31". */
    String period() {
        if (begntime != null && endtime != null) return begntime + " 至 " + endtime;
        if (begntime != null) return begntime + " 起";
        return endtime == null ? "长期" : "至 " + endtime;
    }
}
