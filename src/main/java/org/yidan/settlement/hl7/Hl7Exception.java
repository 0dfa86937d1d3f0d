package org.yidan.settlement.hl7;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every problem found in one inbound message, with what could be read of its MSH (so the reply can carry MSA-2).
 *
 * <p>{@link #rejected()} distinguishes the two negative acknowledgements of HL7 original mode: a message that could
 * not be taken in at all (no MSH, unknown character set, unsupported message type or version, not parseable) is
 * <b>AR</b>; a message that was parsed but whose content is wrong (missing or bad fields, unknown codes) is <b>AE</b>.
 */
public class Hl7Exception extends RuntimeException {
    private final transient Hl7Header header;
    private final List<Hl7Error> errors;
    private final boolean rejected;

    public Hl7Exception(Hl7Header header, List<Hl7Error> errors, boolean rejected) {
        super(errors.stream().map(Hl7Error::toString).collect(Collectors.joining("\n")));
        if (errors.isEmpty()) throw new IllegalArgumentException("an Hl7Exception needs at least one error");
        this.header = header;
        this.errors = List.copyOf(errors);
        this.rejected = rejected;
    }

    static Hl7Exception reject(Hl7Header header, Hl7Error error) {
        return new Hl7Exception(header, List.of(error), true);
    }

    /** The inbound MSH as far as it could be read; null when there was none. */
    public Hl7Header header() {
        return header;
    }

    /** MSH-10 of the inbound message when it could be read, else null. */
    public String controlId() {
        return header == null || header.controlId().isEmpty() ? null : header.controlId();
    }

    public List<Hl7Error> errors() {
        return errors;
    }

    /** True: the message was not taken in (reply AR); false: its content is wrong (reply AE). */
    public boolean rejected() {
        return rejected;
    }

    /** AR or AE. */
    public String ackCode() {
        return rejected ? "AR" : "AE";
    }
}
