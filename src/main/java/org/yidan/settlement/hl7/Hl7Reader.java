package org.yidan.settlement.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.Location;
import ca.uhn.hl7v2.parser.PipeParser;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yidan.settlement.core.Admission;
import org.yidan.settlement.core.ChargeClass;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.FeeLine;
import org.yidan.settlement.core.LineKind;
import org.yidan.settlement.core.Money;
import org.yidan.settlement.core.Upstream;
import org.yidan.settlement.hl7.Hl7Mapping.Kind;
import org.yidan.settlement.hl7.Hl7Mapping.Spec;
import org.yidan.settlement.hl7.Segments.Seg;
import org.yidan.settlement.hl7.Segments.Val;

/**
 * Reads inbound HL7 v2 messages (v2.3 to v2.5.1, parsed into HAPI's v2.5 structures) into {@link Hl7Message}s:
 * decode by MSH-18, parse, then read every value where the {@link Hl7Mapping} says and check it. Every problem of a
 * message is reported together in one {@link Hl7Exception}.
 *
 * <p>Supported: ADT^A01 admit, DFT^P03 charges, ADT^A03 discharge, ADT^A13 cancel discharge, ADT^A11 cancel admit.
 * Thread-safe once built.
 */
public final class Hl7Reader {
    /** MSH-12 values accepted. Other versions are refused (HL7 203). */
    public static final List<String> VERSIONS = List.of("2.3", "2.3.1", "2.4", "2.5", "2.5.1");
    /** MSH-9 type^event accepted. Others are refused (HL7 200). */
    public static final List<String> MESSAGE_TYPES = List.of("ADT^A01", "DFT^P03", "ADT^A03", "ADT^A13", "ADT^A11");

    private static final Pattern DTM = Pattern.compile(
            "(\\d{4})(\\d{2})?(\\d{2})?(?:(\\d{2})(\\d{2})?(\\d{2})?(?:\\.\\d{1,4})?)?([+-]\\d{4})?");
    private static final BigDecimal FEN = new BigDecimal("0.01");

    private final Hl7Mapping mapping;
    private final Hl7Charset charsets;
    private final PipeParser parser;
    private final CachingModelClassFactory factory = new CachingModelClassFactory();

    public Hl7Reader(Hl7Mapping mapping) {
        this.mapping = mapping;
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
        int start = Hl7Header.mshStart(raw);
        if (start < 0) return null;
        int end = start;
        while (end < raw.length && raw[end] != '\r' && raw[end] != '\n') end++;
        String raw18 = Hl7Charset.rawMsh18(raw);
        java.nio.charset.Charset named = raw18 == null || raw18.isEmpty() ? null : Hl7Charset.forName(raw18);
        return controlId(new String(raw, start, end - start, named != null ? named : charsets.defaultCharset()));
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
                    "MSH[1]-10 message control id is required but empty"));
        }
        String version = h.version();
        if (version.isEmpty()) {
            errors.add(new Hl7Error(Hl7Error.REQUIRED_FIELD_MISSING, "MSH", 1, 12, 0, 0, 0,
                    "MSH[1]-12 version id is required but empty; one of " + VERSIONS));
        } else if (!VERSIONS.contains(version)) {
            errors.add(new Hl7Error(Hl7Error.UNSUPPORTED_VERSION_ID, "MSH", 1, 12, 0, 0, 0,
                    "MSH[1]-12 version '" + version + "' is not supported; one of " + VERSIONS));
        }
        String type = h.messageType() + "^" + h.triggerEvent();
        if (!MESSAGE_TYPES.contains(type)) {
            boolean known = MESSAGE_TYPES.stream().anyMatch(t -> t.startsWith(h.messageType() + "^"));
            errors.add(new Hl7Error(Hl7Error.UNSUPPORTED_MESSAGE_TYPE, "MSH", 1, 9, 0, known ? 2 : 1, 0,
                    "MSH[1]-9 message type '" + type + "' is not supported; one of " + MESSAGE_TYPES));
        }
        if (!errors.isEmpty()) throw new Hl7Exception(h, errors, true);
        Segments segs;
        try {
            segs = Segments.parse(msg, parser, factory);
        } catch (HL7Exception ex) {
            throw Hl7Exception.reject(h, fromHapi(ex));
        } catch (RuntimeException ex) {
            throw Hl7Exception.reject(h, Hl7Error.application("message cannot be parsed: " + ex.getMessage()));
        }
        Ctx c = new Ctx(segs, errors);
        String cid = h.controlId();
        Hl7Message out = switch (type) {
            case "ADT^A01" -> c.admit(cid);
            case "DFT^P03" -> c.charges(cid);
            case "ADT^A03" -> c.discharge(cid);
            case "ADT^A13" -> new Hl7Message.CancelDischarge(cid, c.text("mdtrt_id", true));
            case "ADT^A11" -> new Hl7Message.CancelAdmit(cid, c.text("mdtrt_id", true));
            default -> throw new IllegalStateException(type);
        };
        if (!errors.isEmpty()) throw new Hl7Exception(h, errors, false);
        return out;
    }

    private static Hl7Exception noMsh() {
        return Hl7Exception.reject(null, new Hl7Error(Hl7Error.SEGMENT_SEQUENCE_ERROR, "MSH", 1, 0, 0, 0, 0,
                "the message does not begin with an MSH segment"));
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
            return new Hl7Error(code, "", 0, 0, 0, 0, 0, "message cannot be parsed: " + ex.getMessage());
        }
        return new Hl7Error(code, l.getSegmentName(), Math.max(0, l.getSegmentRepetition()), Math.max(0, l.getField()),
                Math.max(0, l.getFieldRepetition()), Math.max(0, l.getComponent()), Math.max(0, l.getSubcomponent()),
                "message cannot be parsed: " + ex.getMessage());
    }

    /** A value found: its text, where it was (segment occurrence, repetition) and how it was found. */
    private record Found(String value, Seg seg, FieldPath path, int rep, Spec spec) {}

    /** Reading one message: collects every problem instead of stopping at the first. */
    private final class Ctx {
        final Segments segs;
        final List<Hl7Error> errors;

        Ctx(Segments segs, List<Hl7Error> errors) {
            this.segs = segs;
            this.errors = errors;
        }

        // ---- message types ----

        Hl7Message.Admit admit(String cid) {
            String mdtrt = text("mdtrt_id", true);
            String psn = text("psn_no", true);
            String certno = text("certno", false);
            String name = text("psn_name", false);
            LocalDate brdy = date(find("brdy", false));
            String insutype = code(find("insutype", false));
            String insu = admdvs(find("insu_admdvs", true));
            String fix = admdvs(find("fixmedins_admdvs", true));
            String hospLv = code(find("hosp_lv", false));
            String med = code(find("med_type", true));
            LocalDateTime begn = dateTime(find("begntime", true));
            List<String> relief = reliefCategories();
            BigDecimal deposit = money(find("deposit", false));
            List<String> dx = diagnoses();
            return new Hl7Message.Admit(cid, new Admission(mdtrt, psn, insu, fix, med, day(begn), relief), name, certno,
                    brdy, insutype, hospLv, deposit, dx);
        }

        Hl7Message.Charges charges(String cid) {
            String mdtrt = text("mdtrt_id", true);
            String psn = text("psn_no", true);
            return new Hl7Message.Charges(cid, mdtrt, psn, lines(true));
        }

        Hl7Message.Discharge discharge(String cid) {
            String mdtrt = text("mdtrt_id", true);
            String psn = text("psn_no", true);
            String certno = text("certno", false);
            String name = text("psn_name", false);
            LocalDate brdy = date(find("brdy", false));
            String insutype = code(find("insutype", false));
            String insu = admdvs(find("insu_admdvs", false));
            String fix = admdvs(find("fixmedins_admdvs", false));
            String hospLv = code(find("hosp_lv", false));
            String med = code(find("med_type", false));
            LocalDateTime begn = dateTime(find("begntime", false));
            Found endAt = find("endtime", true);
            LocalDateTime end = dateTime(endAt);
            if (begn != null && end != null && end.isBefore(begn)) {
                error(Hl7Error.DATA_TYPE_ERROR, endAt, "discharge " + end + " is before admission " + begn);
            }
            List<String> relief = reliefCategories();
            List<String> dx = diagnoses();
            BigDecimal referral = money(find("referral_dedc_paid", false));
            BigDecimal deposit = money(find("deposit", false));
            Upstream up = new Upstream(money(find("hifp_pay", false)), money(find("hifmi_pay", false)),
                    money(find("hifob_pay", false)), money(find("hosp_part_amt", false)), money(find("oth_pay", false)),
                    money(find("acct_pay", false)));
            List<FeeLine> lines = lines(false);
            return new Hl7Message.Discharge(cid, new Encounter(mdtrt, psn, certno, name, brdy, insutype, insu, fix,
                    hospLv, med, day(begn), day(end), relief, dx, referral, deposit, lines, up));
        }

        // ---- finding values ----

        String text(String name, boolean required) {
            Found f = find(name, required);
            return f == null ? null : f.value();
        }

        /** A header value; null when absent (an error when required). */
        Found find(String name, boolean required) {
            Spec spec = Hl7Mapping.fieldSpec(name);
            FieldPath p = mapping.field(name);
            if (p == null) {
                if (required) errors.add(Hl7Error.application("the profile " + mapping.file() + " does not say where "
                        + spec.label() + " (" + name + ") is read"));
                return null;
            }
            Seg s = segs.get(p.segment(), p.occurrence());
            if (s == null) {
                if (required) {
                    errors.add(new Hl7Error(Hl7Error.SEGMENT_SEQUENCE_ERROR, p.segment(), p.occurrence(), 0, 0, 0, 0,
                            p.segment() + (p.occurrence() > 1 ? "[" + p.occurrence() + "]" : "") + " segment is missing: "
                                    + spec.label() + " (" + name + ") is read from " + p));
                }
                return null;
            }
            return first(s, p, spec, required);
        }

        /** The first value at a path in a segment; null when empty (an error when required). */
        Found first(Seg s, FieldPath p, Spec spec, boolean required) {
            List<Val> vals = values(s, p);
            if (vals == null) return null;
            if (vals.isEmpty()) {
                if (required) {
                    Hl7Error e = at(Hl7Error.REQUIRED_FIELD_MISSING, s, p, p.repetition() > 0 ? p.repetition() : 0, "");
                    errors.add(withText(e, spec.label() + " (" + spec.name() + ") is required but empty"
                            + (p.repetition() == FieldPath.FILTER ? " (no repetition with component " + p.filterComponent()
                            + " = " + p.filterValue() + ")" : "")));
                }
                return null;
            }
            Found found = new Found(vals.get(0).value(), s, p, vals.get(0).rep(), spec);
            String tooLong = org.yidan.settlement.core.Limits.tooLong(spec.name(), found.value());
            return tooLong == null ? found : bad(found, Hl7Error.DATA_TYPE_ERROR, tooLong);
        }

        List<Val> values(Seg s, FieldPath p) {
            try {
                return Segments.values(s, p);
            } catch (IllegalArgumentException ex) {
                errors.add(Hl7Error.application(ex.getMessage()));
                return null;
            }
        }

        // ---- lists ----

        List<String> reliefCategories() {
            FieldPath p = mapping.field("relief_categories");
            if (p == null) return List.of();
            Spec spec = Hl7Mapping.fieldSpec("relief_categories");
            Set<String> out = new LinkedHashSet<>();
            for (Seg s : segmentsFor(p)) {
                List<Val> vals = values(s, p);
                if (vals == null) continue;
                for (Val v : vals) {
                    Found f = new Found(v.value(), s, p, v.rep(), spec);
                    if (!mapping.hasCode("relief_categories", v.value())) {
                        unknownCode(f, "relief_categories");
                    } else if (mapping.code("relief_categories", v.value()) != null) {
                        out.add(mapping.code("relief_categories", v.value()));
                    }
                }
            }
            return List.copyOf(out);
        }

        /** Diagnoses, the primary one (priority 1) first, the others in message order. */
        List<String> diagnoses() {
            FieldPath p = mapping.field("diagnoses");
            if (p == null) return List.of();
            FieldPath prio = mapping.field("diagnosis_priority");
            Spec spec = Hl7Mapping.fieldSpec("diagnoses");
            List<String> primary = new ArrayList<>();
            List<String> others = new ArrayList<>();
            for (Seg s : segmentsFor(p)) {
                if (p.occurrence() == FieldPath.ALL) {       // one diagnosis per segment
                    Found f = first(s, p, spec, true);
                    if (f == null) continue;
                    List<Val> pv = prio == null ? List.of() : values(s, prio);
                    boolean main = pv != null && !pv.isEmpty() && pv.get(0).value().equals("1");
                    (main ? primary : others).add(f.value());
                } else {
                    List<Val> vals = values(s, p);
                    if (vals != null) for (Val v : vals) others.add(v.value());
                }
            }
            primary.addAll(others);
            return List.copyOf(new LinkedHashSet<>(primary));
        }

        private List<Seg> segmentsFor(FieldPath p) {
            if (p.occurrence() == FieldPath.ALL) return segs.named(p.segment());
            Seg s = segs.get(p.segment(), p.occurrence());
            return s == null ? List.of() : List.of(s);
        }

        // ---- charge lines ----

        List<FeeLine> lines(boolean required) {
            List<Seg> ft1s = segs.named(Hl7Mapping.LINE_SEGMENT);
            if (ft1s.isEmpty() && required) {
                errors.add(new Hl7Error(Hl7Error.SEGMENT_SEQUENCE_ERROR, Hl7Mapping.LINE_SEGMENT, 1, 0, 0, 0, 0,
                        "FT1 segment is missing: a charge message carries one FT1 per charge line"));
            }
            List<FeeLine> out = new ArrayList<>();
            for (Seg ft1 : ft1s) {
                FeeLine l = line(ft1, segs.following(ft1));
                if (l != null) out.add(l);
            }
            return List.copyOf(out);
        }

        private Found lineValue(Seg ft1, List<Seg> after, String name, boolean required) {
            FieldPath p = mapping.line(name);
            Spec spec = Hl7Mapping.lineSpec(name);
            if (p == null) return null;
            Seg s = null;
            if (p.segment().equals(ft1.name())) {
                s = ft1;
            } else {
                for (Seg x : after) {
                    if (x.name().equals(p.segment())) {
                        s = x;
                        break;
                    }
                }
            }
            if (s == null) {
                if (required) {
                    errors.add(new Hl7Error(Hl7Error.SEGMENT_SEQUENCE_ERROR, ft1.name(), ft1.seq(), 0, 0, 0, 0,
                            p.segment() + " segment is missing after " + ft1.name() + "[" + ft1.seq() + "]: "
                                    + spec.label() + " (" + name + ") is read from " + p));
                }
                return null;
            }
            return first(s, p, spec, required);
        }

        private FeeLine line(Seg ft1, List<Seg> after) {
            int before = errors.size();
            String sn = str(lineValue(ft1, after, "feedetl_sn", false));
            String codg = str(lineValue(ft1, after, "med_list_codg", true));
            String lv = code(lineValue(ft1, after, "chrgitm_lv", true));
            Found cntAt = lineValue(ft1, after, "cnt", false);
            Found pricAt = lineValue(ft1, after, "pric", false);
            Found amtAt = lineValue(ft1, after, "det_item_fee_sumamt", false);
            BigDecimal cnt = decimal(cntAt);
            BigDecimal pric = decimal(pricAt);
            BigDecimal amt = money(amtAt);
            if (errors.size() == before) {
                if (amtAt == null && cnt != null && pric != null) amt = Money.fen(cnt.multiply(pric));
                if (amt == null) {
                    FieldPath p = mapping.line("det_item_fee_sumamt");
                    Seg s = p.segment().equals(ft1.name()) ? ft1 : null;
                    Hl7Error e = s == null ? new Hl7Error(Hl7Error.REQUIRED_FIELD_MISSING, ft1.name(), ft1.seq(), 0, 0, 0, 0, "")
                            : at(Hl7Error.REQUIRED_FIELD_MISSING, s, p, 0, "");
                    errors.add(withText(e, "amount (det_item_fee_sumamt) is required (or give quantity and unit price)"));
                } else if (cnt != null && pric != null && amtAt != null) {
                    BigDecimal product = cnt.multiply(pric);
                    if (product.subtract(amt).abs().compareTo(FEN) > 0) {
                        error(Hl7Error.DATA_TYPE_ERROR, amtAt, "amount (det_item_fee_sumamt) " + amt.toPlainString()
                                + " does not match quantity × unit price = " + product.stripTrailingZeros().toPlainString());
                    }
                }
            }
            BigDecimal prop = rate(lineValue(ft1, after, "selfpay_prop", false));
            Found limitAt = lineValue(ft1, after, "pric_uplmt_amt", false);
            BigDecimal limit = decimal(limitAt);
            if (limit != null && (cnt == null || pric == null)) {
                error(Hl7Error.REQUIRED_FIELD_MISSING, limitAt, "a price limit needs the quantity and the unit price");
            }
            String kind = code(lineValue(ft1, after, "kind", false));
            if (errors.size() > before) return null;
            return new FeeLine(sn, codg, ChargeClass.parse(lv), cnt, pric, amt, prop, limit, LineKind.parse(kind));
        }

        // ---- conversions: null in, null out; a bad value adds an error and gives null ----

        String str(Found f) {
            return f == null ? null : f.value();
        }

        String admdvs(Found f) {
            if (f == null) return null;
            if (!f.value().matches("\\d{6}")) {
                return bad(f, Hl7Error.DATA_TYPE_ERROR, "'" + f.value() + "' is not a 6-digit division code");
            }
            return f.value();
        }

        String code(Found f) {
            if (f == null) return null;
            String table = f.spec().name();
            if (!mapping.hasCode(table, f.value())) {
                unknownCode(f, table);
                return null;
            }
            return mapping.code(table, f.value());
        }

        private void unknownCode(Found f, String table) {
            List<String> known = new ArrayList<>(mapping.tables().get(table).keySet());
            String list = known.size() <= 12 ? String.join(", ", known) : String.join(", ", known.subList(0, 12)) + ", ...";
            error(Hl7Error.TABLE_VALUE_NOT_FOUND, f, "'" + f.value() + "' is not in the code table " + table + " of "
                    + mapping.file() + " (known: " + list + ")");
        }

        LocalDate date(Found f) {
            LocalDateTime t = dateTime(f);
            return t == null ? null : t.toLocalDate();
        }

        LocalDateTime dateTime(Found f) {
            if (f == null) return null;
            Matcher m = DTM.matcher(f.value());
            if (!m.matches() || m.group(3) == null) {
                return bad(f, Hl7Error.DATA_TYPE_ERROR, "'" + f.value() + "' is not an HL7 date"
                        + (f.spec().kind() == Kind.DATETIME ? "/time (YYYYMMDD[HHMM[SS]])" : " (YYYYMMDD)"));
            }
            try {
                return LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                        m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            } catch (DateTimeException ex) {
                return bad(f, Hl7Error.DATA_TYPE_ERROR, "'" + f.value() + "' is not a valid date/time");
            }
        }

        BigDecimal decimal(Found f) {
            if (f == null) return null;
            if (f.value().length() > 40) return bad(f, Hl7Error.DATA_TYPE_ERROR, "is not a number of at most 40 characters");
            if (!isNumber(f.value())) return bad(f, Hl7Error.DATA_TYPE_ERROR, "'" + f.value() + "' is not a number");
            BigDecimal d = new BigDecimal(f.value().startsWith("+") ? f.value().substring(1) : f.value());
            String range = org.yidan.settlement.core.Limits.outOfRange(d);
            if (range != null) return bad(f, Hl7Error.DATA_TYPE_ERROR, "'" + f.value() + "' " + range);
            if (d.signum() < 0) return bad(f, Hl7Error.DATA_TYPE_ERROR, d.toPlainString() + " must not be negative");
            return d;
        }

        BigDecimal money(Found f) {
            BigDecimal d = decimal(f);
            if (d == null) return null;
            if (d.stripTrailingZeros().scale() > 2) {
                return bad(f, Hl7Error.DATA_TYPE_ERROR, d.toPlainString() + " has more than two decimals (fen)");
            }
            String large = org.yidan.settlement.core.Limits.amountTooLarge(d);
            if (large != null) return bad(f, Hl7Error.DATA_TYPE_ERROR, d.toPlainString() + " " + large);
            return d.setScale(2);
        }

        BigDecimal rate(Found f) {
            BigDecimal d = decimal(f);
            if (d == null) return null;
            if (d.compareTo(BigDecimal.ONE) > 0) return bad(f, Hl7Error.DATA_TYPE_ERROR, d.toPlainString() + " is not a ratio between 0 and 1");
            return d;
        }

        private <T> T bad(Found f, int code, String what) {
            error(code, f, what);
            return null;
        }

        // ---- errors ----

        void error(int code, Found f, String what) {
            Hl7Error e = at(code, f.seg(), f.path(), f.rep(), "");
            errors.add(withText(e, f.spec().label() + " (" + f.spec().name() + ") " + what));
        }

        private Hl7Error at(int code, Seg s, FieldPath p, int rep, String text) {
            return new Hl7Error(code, s.name(), s.seq(), p.field(), rep, p.component(), p.subcomponent(), text);
        }

        private Hl7Error withText(Hl7Error e, String what) {
            return new Hl7Error(e.code(), e.segment(), e.sequence(), e.field(), e.repetition(), e.component(),
                    e.subcomponent(), e.location() + " " + what);
        }
    }

    /** {@code [+-]?(\d+(\.\d*)?|\.\d+)}: ASCII digits with an optional sign and decimal point, nothing else. */
    static boolean isNumber(String v) {
        int i = v.isEmpty() || (v.charAt(0) != '+' && v.charAt(0) != '-') ? 0 : 1;
        int digits = 0;
        boolean point = false;
        for (; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch >= '0' && ch <= '9') digits++;
            else if (ch == '.' && !point) point = true;
            else return false;
        }
        return digits > 0;
    }

    private static LocalDate day(LocalDateTime t) {
        return t == null ? null : t.toLocalDate();
    }
}
