package org.yidan.settlement.core;

/**
 * Input that cannot be settled: says what is wrong (in the clerk's words) and where (the field, a machine code kept
 * beside the words), and why as a {@link Reason} code that an API answer and an HL7 ERR carry. Nothing has been changed.
 */
public class SettlementException extends RuntimeException {
    /** Why, as a machine code: what an HIS program can branch on without reading the Chinese text. */
    public enum Reason {
        /** The input is read but cannot be settled as it stands (amounts that do not add up, dates out of order, ...). */
        INVALID("invalid"),
        /** A code is not known to the policies (region, relief category, hospital level). */
        UNKNOWN_CODE("unknown_code"),
        /** The visit (or person) named is not in the state the request needs: not admitted, not settled. */
        UNKNOWN_VISIT("unknown_visit"),
        /** The visit is already settled (with other content, for another person, or its charges closed). */
        ALREADY_SETTLED("already_settled"),
        /** No policy in force covers it (region, date, rule). */
        NO_POLICY("no_policy");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final String field;
    private final Reason reason;

    public SettlementException(String field, String message) {
        this(field, Reason.INVALID, message);
    }

    public SettlementException(String field, Reason reason, String message) {
        super(field == null ? message : field + ": " + message);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public Reason reason() {
        return reason;
    }

    /** The message without its "field: " prefix. */
    public String text() {
        String m = getMessage();
        return field != null && m.startsWith(field + ": ") ? m.substring(field.length() + 2) : m;
    }
}
