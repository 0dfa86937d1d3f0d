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
import org.yidan.settlement.store.MessageLog;
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
    private final java.time.Clock clock;
    private final org.yidan.settlement.store.UnitOfWork units;
    private final InputLimits limits;

    /**
     * @param units the unit of work each message is answered in (what it changes and its answer, together)
     * @param handlers one per message record ({@code Hl7Handlers.all}); refused unless each record has exactly one
     * @param clock the service's clock: when a message was answered
     */
    public Hl7Service(Hl7Reader reader, Hl7Acks acks, List<MessageHandler<?>> handlers, MessageLog log,
                      java.time.Clock clock, org.yidan.settlement.store.UnitOfWork units, InputLimits limits) {
        this.clock = clock;
        this.limits = limits;
        this.units = units;
        this.reader = reader;
        this.acks = acks;
        this.handlers = byRecord(handlers);
        this.log = log;
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
    public record Result(String type, String ackCode, byte[] ack, Bill bill, boolean resent) {}

    /** The longest control id (MSH-10) kept: the message log's column. A longer one is refused before anything. */
    public static final int MAX_CONTROL_ID = 200;

    /**
     * Answers one message. Everything it changes and the answer recorded for its control id commit in one unit of work,
     * so an AA is sent only for what is durably stored, and an error answer only when nothing was changed. One control
     * id has one answer: a resend, or a twin sent at the same moment on another connection or to another instance, gets
     * the first answer's bytes.
     */
    public Result handle(byte[] raw) {
        String controlId = controlIdOf(raw);
        if (controlId != null && controlId.length() > MAX_CONTROL_ID) {
            // refused before anything: an answer cannot be kept under this id, so it is not kept at all
            Hl7Acks.Ack ack = acks.error(raw, "AR", List.of(new Hl7Error(Hl7Error.DATA_TYPE_ERROR, "MSH", 1, 10, 0, 0, 0,
                    "MSH-10 control id is " + controlId.length() + " characters long; at most " + MAX_CONTROL_ID)));
            return new Result(null, ack.code(), ack.bytes(), null, false);
        }
        Optional<Result> before = answered(controlId);
        if (before.isPresent()) return before.get();
        int ft1 = count(raw, "FT1");
        if (ft1 > limits.linesPerMessage()) {
            // refused before it is parsed (a 20,000-line DFT^P03 is 1.2 MB of text and far more as objects)
            Hl7Acks.Ack ack = acks.error(raw, "AR", List.of(new Hl7Error(Hl7Error.SEGMENT_SEQUENCE_ERROR, "FT1", limits.linesPerMessage() + 1,
                    0, 0, 0, 0, ft1 + " charge lines (FT1) in one message; at most " + limits.linesPerMessage()
                    + " (yidan.limits.lines-per-message): send them in several DFT^P03")));
            if (!keep(controlId, "DFT^P03", ack)) return answered(controlId).orElseThrow();
            return result("DFT^P03", ack, null);
        }
        try {
            return units.run(() -> process(raw, controlId));
        } catch (AnsweredFirst twin) {
            return answered(controlId).orElseThrow(() -> new IllegalStateException("answer of " + controlId + " vanished"));
        } catch (Refusal r) {
            // what the message would have changed is rolled back; the refusal alone is kept for its control id
            if (!keep(controlId, r.type, r.ack)) return answered(controlId).orElse(result(r.type, r.ack, null));
            return result(r.type, r.ack, null);
        } catch (RuntimeException ex) {
            // nothing was kept: a resend after a passing fault (database down, lock wait) is tried again. Unless a
            // twin of this message was answered meanwhile, whose answer is the answer
            Optional<Result> twin = answered(controlId);
            if (twin.isPresent()) return twin.get();
            String ref = Long.toString(clock.millis(), 36);
            LOG.error("message {} not processed (ref {}): {}", controlId, ref, ex.toString());
            Hl7Acks.Ack ack = acks.error(raw, "AE", List.of(Hl7Error.application("application error (ref " + ref
                    + "): nothing was changed; send again")));
            return new Result(null, ack.code(), ack.bytes(), null, false);
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
    public Result oversize(byte[] head, long size, int limit) {
        Hl7Acks.Ack ack = acks.error(head, "AR", List.of(Hl7Error.application("the message is " + size
                + " bytes; at most " + limit + " (yidan.mllp.max-frame-bytes): send its charges in several DFT^P03")));
        return new Result(null, ack.code(), ack.bytes(), null, false);
    }

    /** A message answered before under this control id, as it was answered. */
    private Optional<Result> answered(String controlId) {
        if (controlId == null || controlId.isEmpty()) return Optional.empty();
        return log.find(controlId).map(e -> new Result(e.messageType(), e.ackCode(), e.ack(), null, true));
    }

    /** Inside the unit of work: read, apply, answer, and keep the answer with what it changed. */
    private Result process(byte[] raw, String controlId) {
        Hl7Message m;
        try {
            m = reader.read(raw);
        } catch (Hl7Exception ex) {
            Hl7Acks.Ack ack = acks.error(raw, ex);
            String type = ex.header() == null ? null : typeOf(ex.header().messageType() + "^" + ex.header().triggerEvent());
            if (!keep(controlId, type, ack)) throw new AnsweredFirst();
            return result(type, ack, null);
        }
        MessageHandler.Answer a;
        try {
            a = apply(m, raw);
        } catch (SettlementException ex) {
            throw new Refusal(m.messageType(), acks.error(raw, "AE", List.of(error(ex))));
        }
        if (!keep(controlId, m.messageType(), a.ack())) throw new AnsweredFirst();
        return result(m.messageType(), a.ack(), a.bill());
    }

    private static Result result(String type, Hl7Acks.Ack ack, Bill bill) {
        return new Result(type, ack.code(), ack.bytes(), bill, false);
    }

    /** The message was refused (AE): what it changed is rolled back, the refusal is kept alone. */
    private static final class Refusal extends RuntimeException {
        final String type;
        final transient Hl7Acks.Ack ack;

        Refusal(String type, Hl7Acks.Ack ack) {
            super(null, null, false, false);
            this.type = type;
            this.ack = ack;
        }
    }

    /** The same control id was answered first by another thread or instance: this unit rolls back, that answer stands. */
    private static final class AnsweredFirst extends RuntimeException {
        AnsweredFirst() {
            super(null, null, false, false);
        }
    }

    private String controlIdOf(byte[] raw) {
        return reader.controlIdIn(raw);
    }

    /** The message type as kept and counted: one of the types read, else "other" (never whatever a sender typed). */
    static String typeOf(String type) {
        return type != null && Hl7Reader.MESSAGE_TYPES.contains(type) ? type : "other";
    }

    /** The message's handler, by its record; every record has one (checked when the service is built). */
    private MessageHandler.Answer apply(Hl7Message m, byte[] raw) {
        return applyWith(handlers.get(m.getClass()), m, raw);
    }

    private static <M extends Hl7Message> MessageHandler.Answer applyWith(MessageHandler<M> h, Hl7Message m, byte[] raw) {
        return h.apply(h.messageClass().cast(m), raw);
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
        int code = field.equals("insu_admdvs") || field.equals("relief_categories") ? Hl7Error.TABLE_VALUE_NOT_FOUND
                : field.equals("mdtrt_id") && (ex.getMessage().contains("is not settled") || ex.getMessage().contains("has no admission"))
                ? Hl7Error.UNKNOWN_KEY_IDENTIFIER : Hl7Error.APPLICATION_INTERNAL_ERROR;
        String where = p == null ? "" : " (" + p.text() + ")";
        String text = ex.getMessage().replaceFirst("^" + java.util.regex.Pattern.quote(ex.field() == null ? "" : ex.field() + ": "), "");
        String msg = (ex.field() == null ? "" : ex.field() + where + ": ") + text;
        if (p == null) return new Hl7Error(code, "", 0, 0, 0, 0, 0, msg);
        return new Hl7Error(code, p.segment(), 1, p.field(), 0, 0, 0, msg);
    }

    /** Keeps the answer under its control id; false when that id was answered first (this answer is not kept). */
    private boolean keep(String controlId, String type, Hl7Acks.Ack ack) {
        if (controlId == null || controlId.isEmpty()) return true;
        return log.record(new MessageLog.Entry(controlId, type == null ? "other" : type, ack.code(), ack.bytes(), clock.instant()));
    }
}
