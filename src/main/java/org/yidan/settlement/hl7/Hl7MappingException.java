package org.yidan.settlement.hl7;

/**
 * A bad HL7 mapping file: names the file, the line and the field ({@code file:line: field: what is wrong}), like the
 * policy loader. Nothing should start on an invalid mapping.
 */
public class Hl7MappingException extends RuntimeException {
    private final String file;
    private final int line;
    private final String field;

    public Hl7MappingException(String file, int line, String field, String message) {
        super(file + ":" + line + ": " + field + ": " + message);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public String file() {
        return file;
    }

    /** 1-based line (0 when the file could not be read at all). */
    public int line() {
        return line;
    }

    /** The field's path in the file, e.g. {@code fields.psn_no} or {@code codes.med_type.I}. */
    public String field() {
        return field;
    }
}
