package org.yidan.settlement.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.Location;
import ca.uhn.hl7v2.parser.PipeParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.yidan.settlement.hl7.profile.Hl7Profile;
import org.yidan.settlement.hl7.profile.ProfileBuilder;
import org.yidan.settlement.hl7.profile.ProfileCheck;
import org.yidan.settlement.hl7.profile.ProfileDeclaration;
import org.yidan.settlement.sheet.VisitFacts;

/**
 * Reads inbound HL7 v2 messages (v2.3 to v2.5.1, parsed into HAPI's v2.5 structures) into {@link Hl7Message}s:
 * decode by MSH-18, parse, then read every value where the {@link Hl7Mapping} says and check it. Every problem of a
 * message is reported together in one {@link Hl7Exception}.
 *
 * <p>Supported ({@link MessageReaders}, one reader each): ADT^A01 admit, DFT^P03 charges, ADT^A03 discharge, ADT^A13
 * cancel discharge, ADT^A11 cancel admit. Fields are read by {@link FieldReader}, charge lines by
 * {@link ChargeLineReader}. Thread-safe once built.
 */
public final class Hl7Reader {
    /** MSH-12 values accepted. Other versions are refused (HL7 203). */
    public static final List<String> VERSIONS = List.of("2.3", "2.3.1", "2.4", "2.5", "2.5.1");
    /** MSH-9 type^event accepted. Others are refused (HL7 200). */
    public static final List<String> MESSAGE_TYPES = List.copyOf(MessageReaders.BY_TYPE.keySet());

    private final Hl7Mapping mapping;
    private final ProfileDeclaration declared;
    private final Hl7Profile profile;
    private final Hl7Charset charsets;
    private final PipeParser parser;
    private final CachingModelClassFactory factory = new CachingModelClassFactory();
    private final Segments.Reading reading;

    /** Reads every segment but MSH straight from its text ({@link SegmentText}), against the standard message profile. */
    public Hl7Reader(Hl7Mapping mapping) {
        this(mapping, ProfileDeclaration.standard(), Segments.Reading.TEXT);
    }

    /** Reads against another message profile (what each type requires). */
    public Hl7Reader(Hl7Mapping mapping, ProfileDeclaration profile) {
        this(mapping, profile, Segments.Reading.TEXT);
    }

    /**
     * The reference reading: every segment parsed into HAPI's structures, as before {@link SegmentText} (what the tests
     * and the benchmark compare the fast reading with).
     */
    public static Hl7Reader hapiReference(Hl7Mapping mapping) {
        return new Hl7Reader(mapping, ProfileDeclaration.standard(), Segments.Reading.HAPI);
    }

    /** @param reading {@code HAPI}: every segment parsed into HAPI's structures (the reference the tests compare with) */
    Hl7Reader(Hl7Mapping mapping, ProfileDeclaration declared, Segments.Reading reading) {
        this.mapping = mapping;
        this.declared = declared;
        this.profile = ProfileBuilder.build(declared, mapping);
        this.reading = reading;
        this.charsets = new Hl7Charset(mapping.defaultCharset());
        HapiContext ctx = new DefaultHapiContext();
        // Every accepted version is read into the v2.5 structures (MSH-12 keeps the sender's version).
        ctx.setModelClassFactory(factory);
        // Fields are checked here, against the profile, with our error texts; HAPI's own rules are off.
        ctx.setValidationContext(NoRules.INSTANCE);
        this.parser = ctx.getPipeParser();
    }

    public Hl7Mapping mapping() {
        return mapping;
    }

    /** The message profile read against: the declaration joined with this mapping (GET /api/hl7/profile). */
    public Hl7Profile profile() {
        return profile;
    }

    public Hl7Charset charsets() {
        return charsets;
    }

    /**
     * MSH-10 of raw bytes, found without parsing (MSH is ASCII), so that even a reply to an unreadable message can
     * carry MSA-2; null when there is no MSH or no control id.
     */
    public static String controlId(byte[] raw) {
        int start = Hl7Header.mshStart(raw);
        if (start < 0) return null;
        int end = start;
        while (end < raw.length && raw[end] != '\r' && raw[end] != '\n') end++;
        // only the MSH line is decoded (it is ASCII up to MSH-18)
        Hl7Header h = Hl7Header.scan(new String(raw, start, end - start, StandardCharsets.ISO_8859_1));
        return h == null || h.controlId().isEmpty() ? null : h.controlId();
    }

    /**
     * MSH-10 as the message's own character set reads it (MSH-18; else the default), found without parsing; null when
     * there is none. A non-ASCII id is then the same string when a resend is looked up as when the answer was kept.
     */
    public String controlIdIn(byte[] raw) {
        Hl7Header h = headerIn(raw);
        return h == null || h.controlId().isEmpty() ? null : h.controlId();
    }

    /**
     * The MSH segment of raw bytes as the message's own character set reads it (MSH-18; else the default), without
     * parsing the rest; null when there is no MSH.
     */
    public Hl7Header headerIn(byte[] raw) {
        int start = Hl7Header.mshStart(raw);
        if (start < 0) return null;
        int end = start;
        while (end < raw.length && raw[end] != '\r' && raw[end] != '\n') end++;
        String raw18 = Hl7Charset.rawMsh18(raw);
        java.nio.charset.Charset named = raw18 == null || raw18.isEmpty() ? null : Hl7Charset.forName(raw18);
        return Hl7Header.scan(new String(raw, start, end - start, named != null ? named : charsets.defaultCharset()));
    }

    /** MSH-10 of a decoded message, found without parsing; null when there is none. */
    public static String controlId(String text) {
        Hl7Header h = Hl7Header.scan(text);
        return h == null || h.controlId().isEmpty() ? null : h.controlId();
    }

    /** Decodes (by MSH-18), parses and reads one message. */
    public Hl7Message read(byte[] raw) {
        if (Hl7Header.mshStart(raw) < 0) throw noMsh();
        return read(charsets.decode(raw));
    }

    /** Parses and reads one already decoded message. */
    public Hl7Message read(String text) {
        String msg = normalize(text);
        Hl7Header h = Hl7Header.scan(msg);
        if (h == null) throw noMsh();
        List<Hl7Error> errors = new ArrayList<>();
        if (h.controlId().isEmpty()) {
            errors.add(new Hl7Error(Hl7Error.REQUIRED_FIELD_MISSING, "MSH", 1, 10, 0, 0, 0,
                    "MSH[1]-10 消息控制ID不能为空"));
        }
        String version = h.version();
        if (version.isEmpty()) {
            errors.add(new Hl7Error(Hl7Error.REQUIRED_FIELD_MISSING, "MSH", 1, 12, 0, 0, 0,
                    "MSH[1]-12 版本号不能为空，应为 " + String.join("、", VERSIONS) + " 之一"));
        } else if (!VERSIONS.contains(version)) {
            errors.add(new Hl7Error(Hl7Error.UNSUPPORTED_VERSION_ID, "MSH", 1, 12, 0, 0, 0,
                    "MSH[1]-12 不支持版本 '" + version + "'，应为 " + String.join("、", VERSIONS) + " 之一"));
        }
        String type = h.messageType() + "^" + h.triggerEvent();
        if (!MESSAGE_TYPES.contains(type)) {
            boolean known = MESSAGE_TYPES.stream().anyMatch(t -> t.startsWith(h.messageType() + "^"));
            errors.add(new Hl7Error(Hl7Error.UNSUPPORTED_MESSAGE_TYPE, "MSH", 1, 9, 0, known ? 2 : 1, 0,
                    "MSH[1]-9 不支持消息类型 '" + type + "'，应为 " + String.join("、", MESSAGE_TYPES) + " 之一"));
        }
        if (!errors.isEmpty()) throw new Hl7Exception(h, errors, true);
        Hl7Error garbled = Mojibake.find(msg, h.fieldSeparator());
        if (garbled != null) throw new Hl7Exception(h, List.of(garbled), false);
        Segments segs;
        try {
            segs = Segments.parse(msg, parser, factory, reading);
        } catch (HL7Exception ex) {
            throw Hl7Exception.reject(h, fromHapi(ex));
        } catch (RuntimeException ex) {
            throw Hl7Exception.reject(h, Hl7Error.application("消息无法解析：" + ex.getMessage()));
        }
        List<String> ids = new ArrayList<>();
        for (Segments.Seg s : segs.all()) ids.add(s.name());
        for (ProfileCheck.Problem p : ProfileCheck.tooMany(profile.message(type), ids)) {
            errors.add(new Hl7Error(Hl7Error.SEGMENT_SEQUENCE_ERROR, p.segment(), p.occurrence(), 0, 0, 0, 0, p.text()));
        }
        Hl7Message out = MessageReaders.BY_TYPE.get(type).read(new FieldReader(mapping, segs, errors, declared, type), h.controlId());
        if (!errors.isEmpty()) throw new Hl7Exception(h, errors, false);
        return out;
    }

    /**
     * The visit and the person a message names (the mapping's mdtrt_id and psn_no), read as far as it can be read, for
     * a message that was refused: the message browser finds it by them. Nulls where they cannot be read; never throws.
     */
    public String[] keysOf(byte[] raw) {
        try {
            String msg = normalize(new String(raw, charsets.charsetOf(raw)));
            Hl7Header h = Hl7Header.scan(msg);
            if (h == null) return new String[2];
            FieldReader f = new FieldReader(mapping, Segments.parse(msg, parser, factory, reading), new ArrayList<>(), null, null);
            return new String[] {f.text("mdtrt_id", false), f.text("psn_no", false)};
        } catch (Exception ex) {
            return new String[2];
        }
    }

    /**
     * What the settlement sheet shows of the patient and the stay (sex, department, bed, diagnoses with names, the
     * insurance agency), read leniently from a stored message; null when it cannot be read at all.
     */
    public VisitFacts visitFacts(byte[] raw) {
        try {
            String msg = normalize(new String(raw, charsets.charsetOf(raw)));
            if (Hl7Header.scan(msg) == null) return null;
            return VisitFactsReader.read(new FieldReader(mapping, Segments.parse(msg, parser, factory, reading), new ArrayList<>(), null, null));
        } catch (Exception ex) {
            return null;
        }
    }

    private static Hl7Exception noMsh() {
        return Hl7Exception.reject(null, new Hl7Error(Hl7Error.SEGMENT_SEQUENCE_ERROR, "MSH", 1, 0, 0, 0, 0,
                "消息不是以 MSH 段开头"));
    }

    /** Strips MLLP framing and a byte-order mark; segments end with \r (\r\n and \n are accepted). */
    static String normalize(String text) {
        int start = Hl7Header.mshStart(text);
        String s = start < 0 ? text : text.substring(start);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == 0x1c || Character.isWhitespace(s.charAt(end - 1)))) end--;
        s = s.substring(0, end).replace("\r\n", "\r").replace('\n', '\r');
        while (s.contains("\r\r")) s = s.replace("\r\r", "\r");
        return s + "\r";
    }

    private static Hl7Error fromHapi(HL7Exception ex) {
        int code = ex.getErrorCode() >= 100 ? ex.getErrorCode() : Hl7Error.APPLICATION_INTERNAL_ERROR;
        Location l = ex.getLocation();
        if (l == null || l.isUnknown() || l.getSegmentName() == null) {
            return new Hl7Error(code, "", 0, 0, 0, 0, 0, "消息无法解析：" + ex.getMessage());
        }
        return new Hl7Error(code, l.getSegmentName(), Math.max(0, l.getSegmentRepetition()), Math.max(0, l.getField()),
                Math.max(0, l.getFieldRepetition()), Math.max(0, l.getComponent()), Math.max(0, l.getSubcomponent()),
                "消息无法解析：" + ex.getMessage());
    }
}
