package org.yidan.settlement.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yidan.settlement.core.Bill;
import org.yidan.settlement.core.DepositDecision;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.FeeLine;
import org.yidan.settlement.core.Ledger;
import org.yidan.settlement.core.SettlementException;
import org.yidan.settlement.core.Settler;
import org.yidan.settlement.hl7.FieldPath;
import org.yidan.settlement.hl7.Hl7Acks;
import org.yidan.settlement.hl7.Hl7Error;
import org.yidan.settlement.hl7.Hl7Exception;
import org.yidan.settlement.hl7.Hl7Message;
import org.yidan.settlement.hl7.Hl7Reader;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.store.MessageLog;
import org.yidan.settlement.store.VisitStore;
import org.yidan.settlement.config.InputLimits;

/**
 * What happens to one inbound HL7 message, whatever carried it (MLLP, a test): a resend (same MSH-10) gets the ACK
 * it got before and changes nothing; otherwise the message is read, applied (admit, charges, discharge, cancels)
 * and answered. AA with the result; AE/AR with ERR segments saying what is wrong and where.
 */
public final class Hl7Service {
    private static final Logger LOG = LoggerFactory.getLogger(Hl7Service.class);

    private final Hl7Reader reader;
    private final Hl7Acks acks;
    private final Settler settler;
    private final Ledger ledger;
    private final VisitStore visits;
    private final MessageLog log;
    private final Settlements settlements;
    private final java.time.Clock clock;
    private final org.yidan.settlement.store.UnitOfWork units;
    private final InputLimits limits;

    /**
     * @param units the unit of work each message is answered in (what it changes and its answer, together)
     * @param settlements cancels (ADT^A13), audited
     * @param clock the service's clock: when an admission was recorded and a message answered
     */
    public Hl7Service(Hl7Reader reader, Hl7Acks acks, Settler settler, Ledger ledger, VisitStore visits, MessageLog log,
                      Settlements settlements, java.time.Clock clock, org.yidan.settlement.store.UnitOfWork units, InputLimits limits) {
        this.clock = clock;
        this.limits = limits;
        this.units = units;
        this.reader = reader;
        this.acks = acks;
        this.settler = settler;
        this.ledger = ledger;
        this.visits = visits;
        this.log = log;
        this.settlements = settlements;
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
        Applied a;
        try {
            a = apply(m, raw);
        } catch (SettlementException ex) {
            throw new Refusal(m.messageType(), acks.error(raw, "AE", List.of(error(ex))));
        }
        if (!keep(controlId, m.messageType(), a.ack)) throw new AnsweredFirst();
        return result(m.messageType(), a.ack, a.bill);
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

    private record Applied(Hl7Acks.Ack ack, Bill bill) {}

    private Applied apply(Hl7Message m, byte[] raw) {
        if (m instanceof Hl7Message.Admit a) {
            DepositDecision d = settler.admit(a.admission());
            ObjectNode detail = Json.MAPPER.createObjectNode();
            detail.set("admission", Json.MAPPER.valueToTree(a.admission()));
            detail.put("psn_name", a.psnName());
            detail.put("via", "HL7 ADT^A01 " + a.controlId());   // which message admitted it
            detail.put("certno", a.certno());
            detail.put("brdy", a.brdy() == null ? null : a.brdy().toString());
            detail.put("insutype", a.insutype());
            detail.put("hosp_lv", a.hospLv());
            detail.set("diagnoses", Json.MAPPER.valueToTree(a.diagnoses()));
            visits.saveAdmission(new VisitStore.AdmissionRecord(a.mdtrtId(), a.admission().psnNo(), detail.toString(),
                    a.deposit(), d.depositFree(), false, clock.instant(), a.psnName()));
            return new Applied(acks.admitted(raw, d), null);
        }
        if (m instanceof Hl7Message.Charges c) {
            if (ledger.settled(c.mdtrtId()).isPresent()) {
                throw new SettlementException("mdtrt_id", "visit " + c.mdtrtId() + " is already settled (" + origin(c.mdtrtId())
                        + "); these charges were not added: cancel the discharge (ADT^A13) before adding charges");
            }
            int had = visits.lineCount(c.mdtrtId());
            if (had + c.lines().size() > limits.linesPerVisit()) {
                throw new SettlementException("feedetail", "visit " + c.mdtrtId() + " has " + had + " charge lines; " + c.lines().size()
                        + " more would pass the " + limits.linesPerVisit() + " a visit may have (yidan.limits.lines-per-visit)");
            }
            visits.addCharges(c.mdtrtId(), c.controlId(), c.lines());
            return new Applied(acks.accept(raw), null);
        }
        if (m instanceof Hl7Message.Discharge d) {
            Encounter e;
            try {
                e = complete(d.encounterWithoutLines());
            } catch (SettlementException ex) {
                Applied before = settledElsewhere(d, raw, ex);
                if (before != null) return before;
                throw ex;
            }
            try {
                Bill bill = settler.settle(e, "HL7 ADT^A03 " + d.controlId()).bill();
                return new Applied(acks.settled(raw, bill), bill);
            } catch (SettlementException ex) {
                throw SettledOrigin.named(ex, ledger, e.mdtrtId(), clock.getZone());
            }
        }
        if (m instanceof Hl7Message.CancelDischarge c) {
            settlements.cancel(c.mdtrtId(), "ADT^A13 " + c.controlId(), Settlements.Actor.HL7, "ADT^A13 " + c.controlId());
            return new Applied(acks.accept(raw), null);
        }
        Hl7Message.CancelAdmit c = (Hl7Message.CancelAdmit) m;
        if (ledger.settled(c.mdtrtId()).isPresent()) {
            throw new SettlementException("mdtrt_id", "visit " + c.mdtrtId() + " is settled; cancel the discharge (ADT^A13) first");
        }
        if (!visits.cancelAdmission(c.mdtrtId())) {
            throw new SettlementException("mdtrt_id", "visit " + c.mdtrtId() + " has no admission to cancel");
        }
        return new Applied(acks.accept(raw), null);
    }

    /**
     * An ADT^A03 whose visit has no charges here because it was settled another way (the HTTP API, a file, the
     * counter): answered AA with that bill and a warning (ERR severity W) naming how and when; nothing changes. Null
     * when the visit is not settled (the A03's own error stands). A visit settled for another person is refused.
     */
    private Applied settledElsewhere(Hl7Message.Discharge d, byte[] raw, SettlementException ex) {
        if (!"feedetail".equals(ex.field())) return null;
        String id = d.encounterWithoutLines().mdtrtId();
        Optional<org.yidan.settlement.core.SettledRecord> r = ledger.settled(id);
        if (r.isEmpty()) return null;
        String how = origin(id);
        if (!r.get().psnNo().equals(d.encounterWithoutLines().psnNo())) {
            throw new SettlementException("psn_no", "visit " + id + " is already settled (" + how + ") for another person, not "
                    + d.encounterWithoutLines().psnNo() + "; nothing was changed");
        }
        Bill bill = r.get().bill();
        Hl7Error note = new Hl7Error(Hl7Error.DUPLICATE_KEY_IDENTIFIER, "PV1", 1, 19, 0, 1, 0, "visit " + id
                + " was already settled (" + how + "): this ACK carries that bill; this ADT^A03 changed nothing");
        return new Applied(acks.settled(raw, bill, note), bill);
    }

    private String origin(String mdtrtId) {
        return SettledOrigin.describe(ledger, mdtrtId, clock.getZone());
    }

    /** The discharge with the visit's charges, and what it lacks taken from the admission. */
    public Encounter complete(Encounter h) {
        List<FeeLine> lines = new ArrayList<>(visits.charges(h.mdtrtId()));
        lines.addAll(h.feedetail());
        Optional<VisitStore.AdmissionRecord> admission = visits.admission(h.mdtrtId()).filter(r -> !r.cancelled());
        JsonNode adm = admission.map(r -> Json.stored(r.detail())).orElse(Json.MAPPER.createObjectNode());
        BigDecimal deposit = h.deposit() != null ? h.deposit() : admission.map(VisitStore.AdmissionRecord::deposit).orElse(null);
        JsonNode a = adm.path("admission");
        List<String> cats = h.reliefCategories();
        if (cats.isEmpty() && a.has("relief_categories")) {
            cats = new ArrayList<>();
            for (JsonNode c : a.get("relief_categories")) cats.add(c.asText());
        }
        Encounter e = new Encounter(h.mdtrtId(), h.psnNo(), or(h.certno(), adm, "certno"), or(h.psnName(), adm, "psn_name"),
                h.brdy() != null ? h.brdy() : date(adm.path("brdy").asText(null)),
                or(h.insutype(), adm, "insutype"), or(h.insuAdmdvs(), a, "insu_admdvs"),
                or(h.fixmedinsAdmdvs(), a, "fixmedins_admdvs"), or(h.hospLv(), adm, "hosp_lv"),
                or(h.medType(), a, "med_type"), h.begntime() != null ? h.begntime() : date(a.path("begntime").asText(null)),
                h.endtime(), List.copyOf(cats), h.diagnoses(), h.referralDedcPaid(), deposit, List.copyOf(lines), h.upstream());
        List<String> missing = new ArrayList<>();
        if (e.insutype() == null) missing.add("insutype");
        if (e.insuAdmdvs() == null) missing.add("insu_admdvs");
        if (e.fixmedinsAdmdvs() == null) missing.add("fixmedins_admdvs");
        if (e.medType() == null) missing.add("med_type");
        if (e.begntime() == null) missing.add("begntime");
        if (!missing.isEmpty()) {
            throw new SettlementException(missing.get(0), "required for settlement and in neither the discharge nor an admission of visit "
                    + h.mdtrtId() + ": " + missing);
        }
        if (e.feedetail().isEmpty()) {
            throw new SettlementException("feedetail", "visit " + h.mdtrtId() + " has no charges (no DFT^P03 received, none in the discharge)");
        }
        if (e.endtime().isBefore(e.begntime())) {
            throw new SettlementException("endtime", "discharge " + e.endtime() + " is before admission " + e.begntime());
        }
        return e;
    }

    private static String or(String v, JsonNode n, String key) {
        if (v != null) return v;
        JsonNode x = n.get(key);
        return x == null || x.isNull() ? null : x.asText();
    }

    private static LocalDate date(String s) {
        return s == null ? null : LocalDate.parse(s.substring(0, 10));
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
