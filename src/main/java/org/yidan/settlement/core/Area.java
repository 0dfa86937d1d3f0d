package org.yidan.settlement.core;

/** Where the hospital must be, relative to the policy's area, for a rule to apply. */
public enum Area {
    ANY, IN, OUT;

    public static Area parse(String s) {
        if (s == null) return ANY;
        for (Area a : values()) {
            if (a.name().equalsIgnoreCase(s)) return a;
        }
        return null;
    }
}
