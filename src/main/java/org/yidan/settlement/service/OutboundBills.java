package org.yidan.settlement.service;

import java.time.Clock;
import org.yidan.settlement.core.Bill;
import org.yidan.settlement.hl7.BillMessage;
import org.yidan.settlement.hl7.Hl7Charset;
import org.yidan.settlement.hl7.Hl7Header;
import org.yidan.settlement.store.MessageStore;
import org.yidan.settlement.store.OutboundQueue;

/**
 * A settled discharge's bill for the HIS (yidan.outbound): built from the discharge's ACK ({@link BillMessage}) and
 * queued in the discharge's own unit of work, so the AA of the discharge is sent only once its bill is durably
 * queued; the sender (routes/mllp-out.yaml) delivers it. A bill settled again later is queued with the re-settlement
 * ({@link #resettled}). Off: nothing is queued.
 */
public final class OutboundBills {
    private static final java.time.format.DateTimeFormatter ID = java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");
    private final OutboundQueue queue;
    private final boolean enabled;
    private final String destination;
    private final Clock clock;
    private final MessageStore store;
    private final org.yidan.settlement.store.AuditLog audit;
    private final java.util.concurrent.atomic.AtomicInteger sequence = new java.util.concurrent.atomic.AtomicInteger();

    public OutboundBills(OutboundQueue queue, boolean enabled, String destination, Clock clock) {
        this(queue, enabled, destination, clock, null, null);
    }

    /** @param store, audit for a resend from the integration page */
    public OutboundBills(OutboundQueue queue, boolean enabled, String destination, Clock clock, MessageStore store,
                         org.yidan.settlement.store.AuditLog audit) {
        this.queue = queue;
        this.enabled = enabled;
        this.destination = destination;
        this.clock = clock;
        this.store = store;
        this.audit = audit;
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Sends outbound message {@code id} again (a dead letter, or one the HIS says it lost): queued, due now, with no
     * attempts; audited (outbound_resend). Empty when there is no such outbound message.
     */
    public java.util.Optional<OutboundQueue.Entry> resend(long id, String reason, Settlements.Actor who) {
        if (reason == null || reason.isBlank()) {
            throw new org.yidan.settlement.core.SettlementException("reason", "请填写重发的原因（写入审计日志）");
        }
        java.util.Optional<MessageStore.Stored> m = store.find(id).filter(s -> MessageStore.OUT.equals(s.direction()));
        if (m.isEmpty() || !queue.requeue(id, clock.instant())) return java.util.Optional.empty();
        store.answered(id, m.get().ackCode(), m.get().ack(), "已由 " + who.name() + " 重新排队发送（" + reason.trim() + "）");
        audit.append(who.name(), who.role(), "outbound_resend", m.get().mdtrtId(), reason.trim(),
                "message_id " + id + ", control_id " + m.get().controlId());
        return queue.find(id);
    }

    /** Queues the bill of a discharge answered by {@code ack}; its id in the message store, or null when off. */
    public Long settled(byte[] ack, Bill bill) {
        if (!enabled) return null;
        byte[] message = BillMessage.fromAck(ack);
        Hl7Header h = Hl7Header.scan(new String(message, new Hl7Charset(java.nio.charset.StandardCharsets.UTF_8).charsetOf(message)));
        return queue.enqueue(new MessageStore.Stored(null, MessageStore.OUT, clock.instant(), h == null ? null : h.controlId(),
                "ZBL^Z01", null, h == null ? null : h.value(3, 1), h == null ? null : h.value(4, 1), destination,
                h == null ? null : h.charset(), bill.mdtrtId(), bill.psnNo(), null, "排队待发送给 HIS（" + destination + "）",
                message, message.length, true, null, null, null));
    }

    /**
     * Queues the bill of a visit settled again ({@code why}: the re-settle, in words), in the caller's unit of work,
     * when the visit's first bill went to the HIS: addressed as that one, with control id "R" + the time + a number
     * (20 characters). Null when outbound is off or the visit's first bill was not sent (settled over HTTP).
     */
    public Long resettled(Bill bill, String why) {
        if (!enabled || store == null) return null;
        java.util.List<MessageStore.Stored> sent = store.search(new MessageStore.Query(MessageStore.OUT, bill.mdtrtId(), null, null,
                "ZBL^Z01", null, null, null, null, null, null, 1));
        if (sent.isEmpty()) return null;
        MessageStore.Stored first = store.find(sent.get(0).id()).orElseThrow();
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(clock);
        String id = "R" + now.format(ID) + String.format("%02d", sequence.getAndIncrement() % 100);
        byte[] message = BillMessage.again(first.message(), bill, id, now);
        return queue.enqueue(new MessageStore.Stored(null, MessageStore.OUT, clock.instant(), id, "ZBL^Z01", null,
                first.sendingApp(), first.sendingFacility(), destination, first.charset(), bill.mdtrtId(), bill.psnNo(), null,
                "重新结算后排队待发送给 HIS（" + why + "）", message, message.length, true, null, null, null));
    }
}
