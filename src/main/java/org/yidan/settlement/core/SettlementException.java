package org.yidan.settlement.core;

/** Input that cannot be settled: says what is wrong and where (the field). Nothing has been changed. */
public class SettlementException extends RuntimeException {
    private final String field;

    public SettlementException(String field, String message) {
        super(field == null ? message : field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
