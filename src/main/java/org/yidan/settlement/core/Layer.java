package org.yidan.settlement.core;

/**
 * The layers a bill's workings are written for ({@link Working#layer()}), with the name the counter's page shows for
 * each (served by GET /api/labels): a new layer is a constant here, and the page needs no edit.
 */
public enum Layer {
    BASIC("basic", "基本医保"),
    CRITICAL_ILLNESS("critical_illness", "大病保险"),
    SPECIAL_DRUG("special_drug", "特药"),
    ASSISTANCE("assistance", "医疗救助"),
    RE_ASSISTANCE("re_assistance", "再救助/倾斜救助"),
    PKU_FOOD("pku_food", "特医食品"),
    /** Given by the HIS (hosp_part_amt): the name of its fund. */
    HOSPITAL_REDUCTION("hospital_reduction", FundType.HOSPITAL_REDUCTION.label),
    /** Given by the HIS (oth_pay): the name of its fund. */
    OTHER("other", FundType.OTHER.label);

    public final String code;
    public final String label;

    Layer(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The name of a layer code (the code itself when unknown). */
    public static String labelOf(String code) {
        for (Layer l : values()) if (l.code.equals(code)) return l.label;
        return code;
    }
}
