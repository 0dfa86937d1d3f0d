package org.yidan.settlement.core;

/** Catalogue class of a charge line, platform field chrgitm_lv: 01 甲类, 02 乙类, 03 丙类 (DESIGN §4 step 1). */
public enum ChargeClass {
    A("01", "甲类"),
    B("02", "乙类"),
    C("03", "丙类");

    public final String code;
    public final String label;

    ChargeClass(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** Accepts the platform code (01/02/03) or the letter (A/B/C); null when unknown. */
    public static ChargeClass parse(String s) {
        if (s == null) return null;
        for (ChargeClass c : values()) {
            if (c.code.equals(s) || c.name().equalsIgnoreCase(s)) return c;
        }
        return null;
    }
}
