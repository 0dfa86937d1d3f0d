package org.yidan.settlement.service;

import java.nio.charset.Charset;
import java.util.Optional;
import org.yidan.settlement.core.SettlementException;
import org.yidan.settlement.hl7.Hl7Charset;
import org.yidan.settlement.hl7.MessageMasking;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.store.AuditLog;
import org.yidan.settlement.store.MessageStore;

/**
 * An integration user reprocesses a stored inbound message that failed (AE/AR), as it was or after editing it: the
 * message is answered anew (whatever its control id was answered before), kept as a new stored message linked to the
 * original, its answer becomes the control id's answer (a resend from the HIS gets it), and the reprocess is in the
 * audit log. A message that was accepted (AA) is not reprocessed: what it did is done.
 */
public final class Reprocessing {
    private final Hl7Service hl7;
    private final MessageStore store;
    private final AuditLog audit;
    private final MessageMasking masking;
    private final Hl7Charset charsets;

    public Reprocessing(Hl7Service hl7, MessageStore store, AuditLog audit, MessageMasking masking, Hl7Charset charsets) {
        this.hl7 = hl7;
        this.store = store;
        this.audit = audit;
        this.masking = masking;
        this.charsets = charsets;
    }

    /** What a reprocess did: the new stored message and its answer. */
    public record Outcome(long originalId, long id, String ackCode, String ack, String outcome) {}

    /**
     * Reprocesses stored message {@code id}.
     *
     * @param edited the message as the user edited it, from its masked form (null: as it was); fields still masked are
     *               given back their original values
     * @param reason why (required, for the audit log)
     * @throws SettlementException (field {@code id}, {@code message} or {@code reason}) when it cannot be reprocessed
     */
    public Optional<Outcome> reprocess(long id, String edited, String reason, Settlements.Actor who) {
        if (reason == null || reason.isBlank()) throw new SettlementException("reason", "请填写重新处理的原因（写入审计日志）");
        Optional<MessageStore.Stored> found = store.find(id);
        if (found.isEmpty()) return Optional.empty();
        MessageStore.Stored m = found.get();
        if (!MessageStore.IN.equals(m.direction())) {
            throw new SettlementException("id", "报文 " + id + " 是外发报文，不能重新处理（可重发）");
        }
        if ("AA".equals(m.ackCode())) {
            throw new SettlementException("id", "报文 " + id + " 已成功处理（AA），不需要重新处理");
        }
        if (!m.complete()) {
            throw new SettlementException("id", "报文 " + id + " 过大，只保存了开头部分，不能重新处理：请 HIS 分拆后重发");
        }
        byte[] bytes = m.message();
        boolean changed = false;
        if (edited != null && !edited.isBlank()) {
            String original = new String(m.message(), charsetOf(m.message()));
            String text = masking.unmask(edited, original);
            changed = !text.equals(original);
            bytes = text.getBytes(charsetOf(text.getBytes(Hl7Charset.DEFAULT_CHARSET)));
            if (!changed) bytes = m.message();
        }
        Hl7Service.Result r = hl7.handle(bytes, new Origin("HTTP " + who.name(), who, id));
        String detail = Json.MAPPER.createObjectNode().put("message_id", id).put("reprocessed_as", r.storedId())
                .put("control_id", m.controlId()).put("edited", changed).put("ack_code", r.ackCode()).toString();
        audit.append(who.name(), who.role(), "message_reprocess", m.mdtrtId(), reason.trim(), detail);
        MessageStore.Stored now = r.storedId() == null ? null : store.find(r.storedId()).orElse(null);
        return Optional.of(new Outcome(id, r.storedId() == null ? -1 : r.storedId(), r.ackCode(),
                new String(r.ack(), charsetOf(bytes)), now == null ? null : now.outcome()));
    }

    /** The charset a message's MSH-18 names (the default when empty or unknown: the answer says what is wrong). */
    public Charset charsetOf(byte[] raw) {
        String v = Hl7Charset.rawMsh18(raw);
        Charset cs = v == null || v.isEmpty() ? null : Hl7Charset.forName(v);
        return cs != null ? cs : charsets.defaultCharset();
    }
}
