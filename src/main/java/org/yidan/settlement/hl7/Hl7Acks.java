package org.yidan.settlement.hl7;

import ca.uhn.hl7v2.parser.DefaultEscaping;
import ca.uhn.hl7v2.parser.Escaping;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.yidan.settlement.core.Bill;
import org.yidan.settlement.core.DepositDecision;

/**
 * Acknowledgements (HL7 original mode) answering an inbound message: MSH with sender and receiver swapped, a new
 * MSH-10, the inbound version (v2.3 to v2.5.1; else 2.5) and the inbound MSH-18, encoded in the inbound charset; MSA
 * (AA / AE / AR, MSA-2 = the inbound control id whenever it could be read); ERR per problem; and our Z-segments:
 * {@code ZBL} (the bill's totals, answering ADT^A03) and {@code ZDP} (the deposit decision, answering ADT^A01).
 * See mappings/HL7.md for every field. Thread-safe.
 */
public final class Hl7Acks {
    /** MSH-7: the hospital's local time with its UTC offset (HL7 DTM YYYYMMDDHHMMSS+ZZZZ), e.g. 20261202054046+0800 */
    static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmssxx");
    private static final DateTimeFormatter ID_TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");
    private static final int MSA3_MAX = 80;

    /**
     * An acknowledgement ready to send.
     *
     * @param code      AA, AE or AR
     * @param controlId MSA-2, the inbound control id (null when it could not be read)
     * @param text      the ACK as text (segments end with \r)
     * @param charset   the charset of {@code bytes}
     * @param bytes     the ACK encoded for the wire (no MLLP framing)
     */
    public record Ack(String code, String controlId, String text, Charset charset, byte[] bytes) {}

    /**
     * What a reply needs of the inbound message.
     *
     * @param header  the inbound MSH as far as it could be read (null: none)
     * @param charset charset of the reply: the inbound one, else the default
     * @param msh18   MSH-18 of the reply: the inbound value when it is understood, else the default's name
     */
    public record Inbound(Hl7Header header, Charset charset, String msh18) {}

    private final String application;
    private final String facility;
    private final Hl7Charset charsets;
    private final Clock clock;
    private final Supplier<String> ids;
    /** HAPI's escaping, as its encoder applies it. */
    static final Escaping ESCAPING = new DefaultEscaping();

    /**
     * @param application our MSH-3 when the inbound MSH-5 is empty
     * @param facility    our MSH-4 when the inbound MSH-6 is empty
     * @param charsets    how inbound charsets are read (its default answers messages without a usable MSH-18)
     * @param clock       the service's clock, in the hospital's zone: MSH-7 (local time and offset) and generated ids
     * @param ids         MSH-10 of each reply (null: a time-based id of 20 characters)
     */
    public Hl7Acks(String application, String facility, Hl7Charset charsets, Clock clock, Supplier<String> ids) {
        this.application = application;
        this.facility = facility;
        this.charsets = charsets;
        this.clock = clock;
        this.ids = ids != null ? ids : timeIds(clock);
    }

    /** Replies as application YIDAN / facility SETTLEMENT, UTF-8 default, on the given clock. */
    public Hl7Acks(Clock clock) {
        this("YIDAN", "SETTLEMENT", new Hl7Charset(Hl7Charset.DEFAULT_CHARSET), clock, null);
    }

    private static Supplier<String> timeIds(Clock clock) {
        AtomicInteger n = new AtomicInteger();
        return () -> {
            int k = Math.floorMod(n.getAndIncrement(), 1000);
            return LocalDateTime.now(clock).format(ID_TS) + (k < 10 ? "00" : k < 100 ? "0" : "") + k;
        };
    }

    /** Reads what a reply needs from inbound bytes; never fails. */
    public Inbound inbound(byte[] raw) {
        String raw18 = Hl7Charset.rawMsh18(raw);
        Charset known = raw18 == null || raw18.isEmpty() ? null : Hl7Charset.forName(raw18);
        Charset cs = known != null ? known : charsets.defaultCharset();
        // only the MSH line is needed: a multi-byte character of UTF-8 or GB18030 never holds a CR or LF byte
        int start = Hl7Header.mshStart(raw);
        int end = Math.max(start, 0);
        while (end < raw.length && raw[end] != '\r' && raw[end] != '\n') end++;
        byte[] head = end == raw.length ? raw : java.util.Arrays.copyOf(raw, end);
        String text;
        try {
            text = charsets.decode(head);
        } catch (Hl7Exception ex) {       // unknown charset or bad bytes: MSH itself is ASCII
            text = new String(head, cs);
        }
        Hl7Header h = Hl7Header.scan(text);
        String msh18;
        if (known != null) msh18 = h != null ? h.charset() : raw18;          // echo what was sent
        else if (h != null && (raw18 == null || raw18.isEmpty())) msh18 = ""; // sent none: the default, unnamed
        else msh18 = Hl7Charset.hl7Name(cs);                                   // no MSH, or a charset we do not know
        return new Inbound(h, cs, msh18);
    }

    /** AA: the message was taken in. */
    public Ack accept(byte[] inbound) {
        return build(inbound(inbound), "AA", List.of(), null, null);
    }

    /** AA answering an ADT^A03 that was settled: with ZBL, the bill's totals. */
    public Ack settled(byte[] inbound, Bill bill) {
        return build(inbound(inbound), "AA", List.of(), bill, null);
    }

    /**
     * AA answering an ADT^A03 with a bill settled before, another way: ZBL, and an ERR of severity W (warning) saying
     * how and when it was settled.
     */
    public Ack settled(byte[] inbound, Bill bill, Hl7Error warning) {
        return build(inbound(inbound), "AA", List.of(warning), bill, null);
    }

    /** AA answering an ADT^A01: with ZDP, the deposit decision. */
    public Ack admitted(byte[] inbound, DepositDecision decision) {
        return build(inbound(inbound), "AA", List.of(), null, decision);
    }

    /** AE or AR (as the exception says) with one ERR per problem. */
    public Ack error(byte[] inbound, Hl7Exception e) {
        return build(inbound(inbound), e.ackCode(), e.errors(), null, null);
    }

    /** An error reply of one's own choosing, e.g. AE with {@link Hl7Error#application} when settlement refused. */
    public Ack error(byte[] inbound, String ackCode, List<Hl7Error> errors) {
        return build(inbound(inbound), ackCode, errors, null, null);
    }

    /**
     * Builds any reply.
     *
     * @param code     AA, AE or AR
     * @param errors   one ERR each (may be empty); severity E, or W (warning) on an AA
     * @param bill     adds ZBL when not null
     * @param decision adds ZDP when not null
     */
    public Ack build(Inbound in, String code, List<Hl7Error> errors, Bill bill, DepositDecision decision) {
        return build(in, code, errors, bill, decision, new AckText(ESCAPING));
    }

    /** Builds a reply into {@code out} (the tests write the same reply into HAPI's objects too). */
    Ack build(Inbound in, String code, List<Hl7Error> errors, Bill bill, DepositDecision decision, AckSegments out) {
        if (!List.of("AA", "AE", "AR").contains(code)) throw new IllegalArgumentException("ACK code " + code);
        Hl7Header h = in.header();
        String version = h != null && Hl7Reader.VERSIONS.contains(h.version()) ? h.version() : "2.5";
        String controlId = h == null || h.controlId().isEmpty() ? null : h.controlId();
        AckSegments.Target msh = out.add("MSH");
        set(msh, 1, 0, 1, 1, "|");
        set(msh, 2, 0, 1, 1, "^~\\&");
        copyOr(msh, 3, h, 5, application);
        copyOr(msh, 4, h, 6, facility);
        copyOr(msh, 5, h, 3, null);
        copyOr(msh, 6, h, 4, null);
        set(msh, 7, 0, 1, 1, java.time.ZonedDateTime.now(clock).format(TS));
        set(msh, 9, 0, 1, 1, "ACK");
        String event = h == null ? "" : h.triggerEvent();
        if (!event.isEmpty()) {
            set(msh, 9, 0, 2, 1, event);
            if (!version.equals("2.3")) set(msh, 9, 0, 3, 1, "ACK");   // MSH-9.3 exists from v2.3.1
        }
        set(msh, 10, 0, 1, 1, ids.get());
        String pid = h == null ? "" : h.processingId();
        set(msh, 11, 0, 1, 1, pid.isEmpty() ? "P" : pid);
        set(msh, 12, 0, 1, 1, version);
        if (!in.msh18().isEmpty()) set(msh, 18, 0, 1, 1, in.msh18());

        AckSegments.Target msa = out.add("MSA");
        set(msa, 1, 0, 1, 1, code);
        if (controlId != null) set(msa, 2, 0, 1, 1, controlId);
        if (!errors.isEmpty()) {
            String t = errors.get(0).text() + (errors.size() > 1 ? " (+" + (errors.size() - 1) + ")" : "");
            set(msa, 3, 0, 1, 1, t.length() > MSA3_MAX ? t.substring(0, MSA3_MAX - 3) + "..." : t);
        }
        boolean v25 = version.startsWith("2.5");
        AckSegments.Target one = v25 || errors.isEmpty() ? null : out.add("ERR");
        for (int i = 0; i < errors.size(); i++) {
            Hl7Error e = errors.get(i);
            if (v25) {
                AckSegments.Target err = out.add("ERR");
                if (!e.segment().isEmpty()) {
                    set(err, 2, 0, 1, 1, e.segment());
                    setNum(err, 2, 2, e.sequence());
                    setNum(err, 2, 3, e.field());
                    setNum(err, 2, 4, e.repetition());
                    setNum(err, 2, 5, e.component());
                    setNum(err, 2, 6, e.subcomponent());
                }
                set(err, 3, 0, 1, 1, String.valueOf(e.code()));
                set(err, 3, 0, 2, 1, Hl7Error.codeText(e.code()));
                set(err, 3, 0, 3, 1, "HL70357");
                set(err, 4, 0, 1, 1, code.equals("AA") ? "W" : "E");   // an AA's ERR is a warning
                set(err, 8, 0, 1, 1, e.text());
            } else {                       // v2.3 / v2.4: one ERR, ERR-1 (ELD) repeats per problem
                AckSegments.Target err = one;
                if (!e.segment().isEmpty()) {
                    set(err, 1, i, 1, 1, e.segment());
                    if (e.sequence() > 0) set(err, 1, i, 2, 1, String.valueOf(e.sequence()));
                    if (e.field() > 0) set(err, 1, i, 3, 1, String.valueOf(e.field()));
                }
                set(err, 1, i, 4, 1, String.valueOf(e.code()));
                set(err, 1, i, 4, 2, e.text());
                set(err, 1, i, 4, 3, "HL70357");
            }
        }
        if (bill != null) zbl(out.add("ZBL"), bill);
        if (decision != null) zdp(out.add("ZDP"), decision);
        String text = out.encode();
        return new Ack(code, controlId, text, in.charset(), Hl7Charset.encode(text, in.charset()));
    }

    /** ZBL: the bill's totals (mappings/HL7.md). */
    static void zbl(AckSegments.Target z, Bill bill) {
        Bill.Setlinfo s = bill.setlinfo();
        Bill.DepositInfo d = bill.deposit();
        set(z, 1, 0, 1, 1, bill.mdtrtId());
        amount(z, 2, s.medfeeSumamt());
        amount(z, 3, s.fundPaySumamt());
        amount(z, 4, s.hifpPay());
        amount(z, 5, s.hifmiPay());
        amount(z, 6, s.hifobPay());
        amount(z, 7, s.mafPay());
        amount(z, 8, s.othPay());
        amount(z, 9, s.hospPartAmt());
        amount(z, 10, s.psnPartAmt());
        amount(z, 11, s.psnCashPay());
        if (d != null) {
            amount(z, 12, d.amountDue());
            amount(z, 13, d.amountRefund());
        }
        if (bill.relief() != null && bill.relief().categoryApplied() != null) {
            set(z, 14, 0, 1, 1, bill.relief().categoryApplied());
            set(z, 14, 0, 2, 1, bill.relief().categoryName());
        }
        if (d != null) set(z, 15, 0, 1, 1, d.treatFirstPayLater() ? "Y" : "N");
        List<String> codes = new ArrayList<>();
        for (Bill.Alert a : bill.alerts()) if (!codes.contains(a.code())) codes.add(a.code());
        for (int i = 0; i < codes.size(); i++) set(z, 16, i, 1, 1, codes.get(i));
        if (d != null) amount(z, 17, d.depositAmt());
        amount(z, 18, s.acctPay());
    }

    /** ZDP: the deposit decision at admission (mappings/HL7.md). */
    private static void zdp(AckSegments.Target z, DepositDecision dd) {
        set(z, 1, 0, 1, 1, dd.depositFree() ? "Y" : "N");
        set(z, 2, 0, 1, 1, dd.category());
        set(z, 3, 0, 1, 1, dd.clause());
        set(z, 4, 0, 1, 1, dd.reason());
        set(z, 5, 0, 1, 1, dd.rule());
    }

    private static void amount(AckSegments.Target z, int field, BigDecimal v) {
        if (v != null) set(z, field, 0, 1, 1, v.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
    }

    private static void set(AckSegments.Target s, int field, int rep, int comp, int sub, String v) {
        if (v != null && !v.isEmpty()) s.set(field, rep, comp, sub, v);
    }

    private static void setNum(AckSegments.Target s, int field, int comp, int v) {
        if (v > 0) s.set(field, 0, comp, 1, String.valueOf(v));
    }

    /** Copies inbound MSH-{@code from} (all components) into {@code field}; the fallback when it is empty. */
    private static void copyOr(AckSegments.Target msh, int field, Hl7Header h, int from, String fallback) {
        List<List<String>> comps = h == null ? List.of() : h.components(from);
        boolean empty = comps.stream().allMatch(c -> c.stream().allMatch(String::isEmpty));
        if (empty) {
            set(msh, field, 0, 1, 1, fallback);
            return;
        }
        for (int c = 0; c < comps.size(); c++) {
            for (int s = 0; s < comps.get(c).size(); s++) set(msh, field, 0, c + 1, s + 1, comps.get(c).get(s));
        }
    }
}
