package org.yidan.settlement.core;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The basic insurance a person is insured under (险种类型, insutype), as the platform codes it. */
public enum InsuranceType {
    /** 职工基本医疗保险: its critical-illness layer is the employee large-amount subsidy (hifob_pay). */
    EMPLOYEE("310", "职工基本医疗保险"),
    /** 城乡居民基本医疗保险: its critical-illness layer is residents' critical-illness insurance (hifmi_pay). */
    RESIDENT("390", "城乡居民基本医疗保险");

    /** Every code (310, 390). */
    public static final Set<String> CODES = Stream.of(values()).map(t -> t.code).collect(Collectors.toUnmodifiableSet());

    public final String code;
    public final String label;

    InsuranceType(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The type of a code (310, 390); null for another or none. */
    public static InsuranceType of(String code) {
        for (InsuranceType t : values()) if (t.code.equals(code)) return t;
        return null;
    }


    public boolean employee() {
        return this == EMPLOYEE;
    }
}
