package org.yidan.settlement.hl7;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The message types read, one reader each, keyed by MSH-9 type^event. A type not here is refused (HL7 200). To read a
 * new type: a record in {@link Hl7Message} (and in its permits list), a reader here, and a handler in
 * service/hl7/Hl7Handlers (whose start-up check names a record without a handler).
 */
final class MessageReaders {
    private MessageReaders() {}

    /** Reads one parsed message of its type; problems go to the field reader's error list. */
    @FunctionalInterface
    interface MessageReader {
        Hl7Message read(FieldReader f, String controlId);
    }

    static final Map<String, MessageReader> BY_TYPE;

    static {
        Map<String, MessageReader> m = new LinkedHashMap<>();
        m.put("ADT^A01", AdmitReader::read);
        m.put("DFT^P03", (f, cid) -> new Hl7Message.Charges(cid, f.text("mdtrt_id"), f.text("psn_no"),
                ChargeLineReader.lines(f)));
        m.put("ADT^A03", DischargeReader::read);
        m.put("ADT^A13", (f, cid) -> new Hl7Message.CancelDischarge(cid, f.text("mdtrt_id")));
        m.put("ADT^A11", (f, cid) -> new Hl7Message.CancelAdmit(cid, f.text("mdtrt_id")));
        BY_TYPE = java.util.Collections.unmodifiableMap(m);
    }
}
