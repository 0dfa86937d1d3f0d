package org.yidan.settlement.core;

/** Whether the documents set a rule's numbers. */
public enum RuleStatus {
    /** The documents give the numbers. */
    SET,
    /** The documents leave the numbers to a lower level: settle nothing for this case and warn. */
    UNSET,
    /** Not settled on the bill: the person applies elsewhere (e.g. a street office); the bill says so. */
    ELSEWHERE;

    public static RuleStatus parse(String s) {
        if (s == null) return SET;
        for (RuleStatus k : values()) {
            if (k.name().equalsIgnoreCase(s)) return k;
        }
        return null;
    }
}
