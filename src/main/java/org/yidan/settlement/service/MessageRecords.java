package org.yidan.settlement.service;

import java.time.Instant;
import java.util.List;
import org.yidan.settlement.hl7.Hl7Acks;
import org.yidan.settlement.hl7.Hl7Error;
import org.yidan.settlement.hl7.Hl7Header;
import org.yidan.settlement.hl7.Hl7Message;
import org.yidan.settlement.store.MessageStore;

/** An inbound message as the message store keeps it: its header's sender, what it was about, its answer and outcome. */
final class MessageRecords {
    private MessageRecords() {}

    /** A message read and applied: what it did ({@code outcome}, the handler's words). */
    static MessageStore.Stored accepted(byte[] raw, Origin origin, Instant at, Hl7Header header, Hl7Message m, Hl7Acks.Ack ack,
                                        String outcome) {
        return inbound(raw, raw.length, origin, at, header, m.mdtrtId(), m.psnNo(), m.messageType(), ack.code(), ack.bytes(),
                List.of(), outcome);
    }

    /** A refused message, with the visit and person read from it as far as it could be read ({@code keys}). */
    static MessageStore.Stored refused(byte[] raw, String[] keys, Origin origin, Instant at, Hl7Header header, String type,
                                       Hl7Acks.Ack ack, List<Hl7Error> errors) {
        return inbound(raw, raw.length, origin, at, header, keys[0], keys[1], type, ack.code(), ack.bytes(), errors, null);
    }

    /**
     * The stored form of one answered message.
     *
     * @param raw     the bytes kept: the message, or its head when it had {@code size} bytes
     * @param header  its MSH, read in its own character set (null when it has none)
     * @param type    the message type as kept ("other" for one not read)
     * @param errors  the ERR segments of the answer (empty when accepted)
     * @param outcome what it did (for an accepted message or a resend; refusals are described from {@code errors})
     */
    static MessageStore.Stored inbound(byte[] raw, long size, Origin origin, Instant at, Hl7Header header, String mdtrtId,
                                       String psnNo, String type, String ackCode, byte[] ack, List<Hl7Error> errors, String outcome) {
        String app = header == null ? null : blank(header.value(3, 1));
        String facility = header == null ? null : blank(header.value(4, 1));
        String charset = header == null ? null : blank(header.charset());
        String controlId = header == null ? null : blank(header.controlId());
        Hl7Error first = errors.isEmpty() ? null : errors.get(0);
        return new MessageStore.Stored(null, MessageStore.IN, at, controlId, type == null ? "other" : type, ackCode, app, facility,
                origin.peer(), charset, mdtrtId, psnNo, first == null ? null : first.code(),
                first == null ? outcome : refused(ackCode, errors), raw, (int) Math.min(Integer.MAX_VALUE, size), size == raw.length,
                ack, origin.reprocessOf(), origin.actor());
    }

    /** 拒收（AR）/ 未处理（AE）：the first error with its HL7 location, and how many more there are. */
    static String refused(String ackCode, List<Hl7Error> errors) {
        Hl7Error e = errors.get(0);
        String where = e.location().isEmpty() || e.text().contains(e.location()) ? "" : "（" + e.location() + "）";
        String more = errors.size() > 1 ? "；另有 " + (errors.size() - 1) + " 处错误" : "";
        return ("AR".equals(ackCode) ? "拒收（AR）" : "未处理（AE）") + "：" + e.text() + where + more + "。未作任何变更";
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
