package org.yidan.settlement.core;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The medical types (医疗类别, med_type) the service settles, as the platform codes them. */
public enum MedType {
    OUTPATIENT("11", "普通门诊"),
    OUTPATIENT_CHRONIC("14", "门诊慢特病"),
    INPATIENT("21", "普通住院");

    /** Every code (11, 14, 21). */
    public static final Set<String> CODES = Stream.of(values()).map(t -> t.code).collect(Collectors.toUnmodifiableSet());

    public final String code;
    public final String label;

    MedType(String code, String label) {
        this.code = code;
        this.label = label;
    }
}
