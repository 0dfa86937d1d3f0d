package org.yidan.settlement.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yidan.settlement.core.Bill;
import org.yidan.settlement.core.SettlementException;
import org.yidan.settlement.hl7.FieldPath;
import org.yidan.settlement.hl7.Hl7Acks;
import org.yidan.settlement.hl7.Hl7Error;
import org.yidan.settlement.hl7.Hl7Exception;
import org.yidan.settlement.hl7.Hl7Message;
import org.yidan.settlement.hl7.Hl7Reader;
import org.yidan.settlement.hl7.Hl7Header;
import org.yidan.settlement.store.MessageLog;
import org.yidan.settlement.store.MessageStore;
import org.yidan.settlement.config.InputLimits;
import org.yidan.settlement.service.hl7.Hl7Handlers;
import org.yidan.settlement.service.hl7.MessageHandler;

/**
 * What happens to one inbound HL7 message, whatever carried it (MLLP, a test): a resend (same MSH-10) gets the ACK
 * it got before and changes nothing; otherwise the message is read ({@link Hl7Reader}), applied by its type's handler
 * ({@link Hl7Handlers}: admit, charges, discharge, cancels) and answered. AA with the result; AE/AR with ERR segments saying what is wrong and where.
 */
public final class Hl7Service {
    private static final Logger LOG = LoggerFactory.getLogger(Hl7Service.class);

    private final Hl7Reader reader;
    private final Hl7Acks acks;
    private final Map<Class<?>, MessageHandler<?>> handlers;
    private final MessageLog log;
    private final MessageStore store;
    private final java.time.Clock clock;
    private final org.yidan.settlement.store.UnitOfWork units;
    private final InputLimits limits;

    /**
     * @param units the unit of work each message is answered in (what it changes and its answer, together)
     * @param handlers one per message record ({@code Hl7Handlers.all}); refused unless each record has exactly one
     * @param clock the service's clock: when a message was answered
     * @param store every message as it came, with its answer and what it did (the message browser)
     */
    public Hl7Service(Hl7Reader reader, Hl7Acks acks, List<MessageHandler<?>> handlers, MessageLog log, MessageStore store,
                      java.time.Clock clock, org.yidan.settlement.store.UnitOfWork units, InputLimits limits) {
        this.store = store;
        this.clock = clock;
        this.limits = limits;
        this.units = units;
        this.reader = reader;
        this.acks = acks;
        this.handlers = byRecord(handlers);
        this.log = log;
    }

    /**
     * What the settlement sheet shows of a visit's patient and stay as the HIS sent it: read from the visit's latest
     * ADT^A03 answered AA, else its ADT^A01 (null when the visit came by no HL7 message).
     */
    public org.yidan.settlement.sheet.VisitFacts visitFacts(String mdtrtId) {
        for (String type : new String[] {"ADT^A03", "ADT^A01"}) {
            java.util.List<MessageStore.Stored> found = store.search(new MessageStore.Query(MessageStore.IN, mdtrtId, null, null,
                    type, "AA", null, null, null, null, null, 1));
            if (found.isEmpty()) continue;
            byte[] raw = store.find(found.get(0).id()).map(MessageStore.Stored::message).orElse(null);
            if (raw != null) return reader.visitFacts(raw);
        }
        return null;
    }

    /** The message profile messages are read against (and answered by), with the mapping in use. */
    public org.yidan.settlement.hl7.profile.Hl7Profile profile() {
        return reader.profile();
    }

    /**
     * The answer to one message.
     *
     * @param type    the message type (null when unreadable)
     * @param ackCode AA, AE or AR
     * @param ack     the ACK bytes, in the message's character set
     * @param bill    the bill of a discharge settled now or before (null otherwise)
     * @param resent  true when this control id was answered before
     */
    public record Result(String type, String ackCode, byte[] ack, Bill bill, boolean resent, Long storedId) {
        Result(String type, String ackCode, byte[] ack, Bill bill, boolean resent) {
            this(type, ackCode, ack, bill, resent, null);
        }

        Result stored(Long id) {
            return new Result(type, ackCode, ack, bill, resent, id);
        }
    }

    /** The longest control id (MSH-10) kept: the message log's column. A longer one is refused before anything. */
    public static final int MAX_CONTROL_ID = 200;

    /** Answers one message from a sender not known (a test, a tool): as {@link #handle(byte[], Origin)}. */
    public Result handle(byte[] raw) {
        return handle(raw, Origin.UNKNOWN);
    }

    /**
     * Answers one message. Everything it changes, the answer recorded for its control id and the message itself (the
     * message store) commit in one unit of work, so an AA is sent only for what is durably stored, and an error answer
     * only when nothing was changed. One control id has one answer: a resend, or a twin sent at the same moment on
     * another connection or to another instance, gets the first answer's bytes. A reprocess ({@link Origin#reprocess})
     * is answered anew whatever was answered before, and its answer becomes the control id's answer.
     */
    public Result handle(byte[] raw, Origin origin) {
        Hl7Header header = reader.headerIn(raw);
        String controlId = header == null || header.controlId().isEmpty() ? null : header.controlId();
        if (controlId != null && controlId.length() > MAX_CONTROL_ID) {
            // refused before anything: an answer cannot be kept under this id, so it is not kept at all (the message is)
            List<Hl7Error> errors = List.of(new Hl7Error(Hl7Error.DATA_TYPE_ERROR, "MSH", 1, 10, 0, 0, 0,
                    "MSH-10 消息控制ID长 " + controlId.length() + " 个字符，最多 " + MAX_CONTROL_ID + " 个"));
            Hl7Acks.Ack ack = acks.error(raw, "AR", errors);
            Result r = new Result(null, ack.code(), ack.bytes(), null, false);
            return r.stored(storeAlone(raw, origin, header, r, errors, null));
        }
        if (!origin.reprocess()) {
            Optional<Result> before = answered(controlId);
            if (before.isPresent()) {
                Result r = before.get();
                return r.stored(storeAlone(raw, origin, header, r, List.of(), "重复报文：MSH-10 " + controlId
                        + " 已应答（" + r.ackCode() + "），返回首次应答，未作任何变更"));
            }
        }
        int ft1 = count(raw, "FT1");
        if (ft1 > limits.linesPerMessage()) {
            // refused before it is parsed (a 20,000-line DFT^P03 is 1.2 MB of text and far more as objects)
            List<Hl7Error> errors = List.of(new Hl7Error(Hl7Error.SEGMENT_SEQUENCE_ERROR, "FT1", limits.linesPerMessage() + 1,
                    0, 0, 0, 0, "一条消息中有 " + ft1 + " 条费用明细（FT1），最多 " + limits.linesPerMessage()
                    + " 条（yidan.limits.lines-per-message）：请分成多条 DFT^P03 发送"));
            return refuse(raw, origin, header, controlId, "DFT^P03", acks.error(raw, "AR", errors), errors);
        }
        try {
            return units.run(() -> process(raw, origin, header, controlId));
        } catch (AnsweredFirst twin) {
            return answered(controlId).orElseThrow(() -> new IllegalStateException("answer of " + controlId + " vanished"));
        } catch (Refusal r) {
            // what the message would have changed is rolled back; the refusal alone is kept for its control id
            return refuse(raw, origin, header, controlId, r.type, r.ack, r.errors);
        } catch (RuntimeException ex) {
            // nothing was kept: a resend after a passing fault (database down, lock wait) is tried again. Unless a
            // twin of this message was answered meanwhile, whose answer is the answer
            Optional<Result> twin = answered(controlId);
            if (twin.isPresent()) return twin.get();
            String ref = Long.toString(clock.millis(), 36);
            LOG.error("message {} not processed (ref {}): {}", controlId, ref, ex.toString());
            List<Hl7Error> errors = List.of(Hl7Error.application("应用错误（ref " + ref
                    + "）：未作任何变更，请重发"));
            Hl7Acks.Ack ack = acks.error(raw, "AE", errors);
            Result r = new Result(null, ack.code(), ack.bytes(), null, false);
            return r.stored(storeAlone(raw, origin, header, r, errors, null));
        }
    }

    /** A refusal kept on its own, in a unit of its own: the control id's answer and the message. */
    private Result refuse(byte[] raw, Origin origin, Hl7Header header, String controlId, String type, Hl7Acks.Ack ack,
                          List<Hl7Error> errors) {
        try {
            return units.run(() -> {
                if (!keep(controlId, type, ack, origin)) throw new AnsweredFirst();
                Result r = result(type, ack, null);
                return r.stored(store.add(MessageRecords.refused(raw, reader.keysOf(raw), origin, clock.instant(), header, type,
                        ack, errors)));
            });
        } catch (AnsweredFirst twin) {
            return answered(controlId).orElse(result(type, ack, null));
        }
    }

    /**
     * The message stored on its own (not with an answer kept for its control id): a resend, a refusal before anything,
     * an application error. Best effort: a store that fails does not change the answer (nothing else was kept).
     */
    private Long storeAlone(byte[] raw, Origin origin, Hl7Header header, Result r, List<Hl7Error> errors, String outcome) {
        try {
            return store.add(MessageRecords.inbound(raw, raw.length, origin, clock.instant(), header, null, null, r.type(),
                    r.ackCode(), r.ack(), errors, outcome));
        } catch (RuntimeException ex) {
            LOG.warn("message {} answered {} but not kept in the message store: {}", header == null ? null : header.controlId(),
                    r.ackCode(), ex.toString());
            return null;
        }
    }

    /** How many segments {@code id} the message has (each begins a line), counted in its bytes. */
    static int count(byte[] raw, String id) {
        byte a = (byte) id.charAt(0);
        byte b = (byte) id.charAt(1);
        byte c = (byte) id.charAt(2);
        int n = 0;
        for (int i = 1; i + 3 < raw.length; i++) {
            if ((raw[i - 1] == '\r' || raw[i - 1] == '\n') && raw[i] == a && raw[i + 1] == b && raw[i + 2] == c && raw[i + 3] == '|') n++;
        }
        return n;
    }

    /**
     * A frame over the listener's limit: AR naming the size and the limit, from its first bytes (for MSH-10); nothing
     * is read further, nothing stored.
     */
    public Result oversize(byte[] head, long size, int limit, Origin origin) {
        List<Hl7Error> errors = List.of(Hl7Error.application("消息长 " + size
                + " 字节，最多 " + limit + " 字节（yidan.mllp.max-frame-bytes）：请把费用分成多条 DFT^P03 发送"));
        Hl7Acks.Ack ack = acks.error(head, "AR", errors);
        Result r = new Result(null, ack.code(), ack.bytes(), null, false);
        Hl7Header header = reader.headerIn(head);
        try {
            // its head only: enough to find it and read its header
            return r.stored(store.add(MessageRecords.inbound(head, size, origin, clock.instant(), header, null, null, null,
                    r.ackCode(), r.ack(), errors, null)));
        } catch (RuntimeException ex) {
            LOG.warn("an oversize message was answered AR but not kept in the message store: {}", ex.toString());
            return r;
        }
    }

    /** A message answered before under this control id, as it was answered. */
    private Optional<Result> answered(String controlId) {
        if (controlId == null || controlId.isEmpty()) return Optional.empty();
        return log.find(controlId).map(e -> new Result(e.messageType(), e.ackCode(), e.ack(), null, true));
    }

    /** Inside the unit of work: read, apply, answer, and keep the answer and the message with what it changed. */
    private Result process(byte[] raw, Origin origin, Hl7Header header, String controlId) {
        Hl7Message m;
        try {
            m = reader.read(raw);
        } catch (Hl7Exception ex) {
            Hl7Acks.Ack ack = acks.error(raw, ex);
            String type = ex.header() == null ? null : typeOf(ex.header().messageType() + "^" + ex.header().triggerEvent());
            if (!keep(controlId, type, ack, origin)) throw new AnsweredFirst();
            return result(type, ack, null).stored(store.add(MessageRecords.refused(raw, reader.keysOf(raw), origin, clock.instant(),
                    header, type, ack, ex.errors())));
        }
        MessageHandler.Answer a;
        try {
            a = apply(m, raw, origin.who(header == null ? null : header.value(3, 1), header == null ? null : header.value(4, 1)));
        } catch (SettlementException ex) {
            List<Hl7Error> errors = List.of(error(ex));
            throw new Refusal(m.messageType(), acks.error(raw, "AE", errors), errors);
        }
        if (!keep(controlId, m.messageType(), a.ack(), origin)) throw new AnsweredFirst();
        return result(m.messageType(), a.ack(), a.bill()).stored(store.add(MessageRecords.accepted(raw, origin, clock.instant(),
                header, m, a.ack(), a.outcome())));
    }

    private static Result result(String type, Hl7Acks.Ack ack, Bill bill) {
        return new Result(type, ack.code(), ack.bytes(), bill, false);
    }

    /** The message was refused (AE): what it changed is rolled back, the refusal is kept alone. */
    private static final class Refusal extends RuntimeException {
        final String type;
        final transient Hl7Acks.Ack ack;
        final transient List<Hl7Error> errors;

        Refusal(String type, Hl7Acks.Ack ack, List<Hl7Error> errors) {
            super(null, null, false, false);
            this.type = type;
            this.ack = ack;
            this.errors = errors;
        }
    }

    /** The same control id was answered first by another thread or instance: this unit rolls back, that answer stands. */
    private static final class AnsweredFirst extends RuntimeException {
        AnsweredFirst() {
            super(null, null, false, false);
        }
    }

    /** The message type as kept and counted: one of the types read, else "other" (never whatever a sender typed). */
    static String typeOf(String type) {
        return type != null && Hl7Reader.MESSAGE_TYPES.contains(type) ? type : "other";
    }

    /** The message's handler, by its record; every record has one (checked when the service is built). */
    private MessageHandler.Answer apply(Hl7Message m, byte[] raw, Settlements.Actor who) {
        return applyWith(handlers.get(m.getClass()), m, raw, who);
    }

    private static <M extends Hl7Message> MessageHandler.Answer applyWith(MessageHandler<M> h, Hl7Message m, byte[] raw,
                                                                         Settlements.Actor who) {
        return h.apply(h.messageClass().cast(m), raw, who);
    }

    /** The handlers by the record they take; refuses a record of {@link Hl7Message} without a handler, or with two. */
    static Map<Class<?>, MessageHandler<?>> byRecord(List<MessageHandler<?>> handlers) {
        Map<Class<?>, MessageHandler<?>> out = new LinkedHashMap<>();
        for (MessageHandler<?> h : handlers) {
            if (out.put(h.messageClass(), h) != null) {
                throw new IllegalStateException("two handlers for " + h.messageClass().getSimpleName());
            }
        }
        List<String> missing = java.util.Arrays.stream(Hl7Message.class.getPermittedSubclasses())
                .filter(c -> !out.containsKey(c)).map(Class::getSimpleName).toList();
        if (!missing.isEmpty()) throw new IllegalStateException("HL7 messages read but not handled: " + missing);
        return Map.copyOf(out);
    }

    /** A settlement error as an ERR: the field's place in the mapped message when it has one. */
    Hl7Error error(SettlementException ex) {
        String field = ex.field() == null ? "" : ex.field().replaceAll("\\[\\d+]$", "");
        FieldPath p = null;
        try {
            p = field.isEmpty() ? null : reader.mapping().field(field);
        } catch (RuntimeException ignored) {
            // not a mapped field (e.g. "upstream", "feedetail")
        }
        int code = switch (ex.reason()) {
            case UNKNOWN_CODE -> Hl7Error.TABLE_VALUE_NOT_FOUND;
            case UNKNOWN_VISIT -> Hl7Error.UNKNOWN_KEY_IDENTIFIER;
            case ALREADY_SETTLED -> Hl7Error.DUPLICATE_KEY_IDENTIFIER;
            default -> Hl7Error.APPLICATION_INTERNAL_ERROR;
        };
        String where = p == null ? "" : " (" + p.text() + ")";
        String msg = (ex.field() == null ? "" : ex.field() + where + ": ") + ex.text();
        if (p == null) return new Hl7Error(code, "", 0, 0, 0, 0, 0, msg);
        return new Hl7Error(code, p.segment(), 1, p.field(), 0, 0, 0, msg);
    }

    /**
     * Keeps the answer under its control id; false when that id was answered first (this answer is not kept). A
     * reprocess replaces the answer kept before: a resend of the message from now on gets the reprocessed answer.
     */
    private boolean keep(String controlId, String type, Hl7Acks.Ack ack, Origin origin) {
        if (controlId == null || controlId.isEmpty()) return true;
        MessageLog.Entry e = new MessageLog.Entry(controlId, type == null ? "other" : type, ack.code(), ack.bytes(), clock.instant());
        if (origin.reprocess()) {
            log.replace(e);
            return true;
        }
        return log.record(e);
    }
}
