package org.yidan.settlement.hl7;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.yidan.settlement.core.ChargeClass;
import org.yidan.settlement.core.FeeLine;
import org.yidan.settlement.core.LineKind;
import org.yidan.settlement.core.Money;
import org.yidan.settlement.hl7.FieldReader.Found;
import org.yidan.settlement.hl7.Hl7Mapping.Spec;
import org.yidan.settlement.hl7.Segments.Seg;

/**
 * The charge lines of a message: one FT1 per line, each value read where the mapping's {@code lines:} says (in the
 * FT1 or a segment after it, e.g. a ZFT), with the amount checked against quantity × unit price to the fen.
 */
final class ChargeLineReader {
    private static final BigDecimal FEN = new BigDecimal("0.01");

    private ChargeLineReader() {}

    /** The lines; at least one FT1 when the message profile requires the type's lines group (a DFT^P03). */
    static List<FeeLine> lines(FieldReader f) {
        boolean required = f.groupRequired("lines");
        Segments segs = f.segs;
        List<Hl7Error> errors = f.errors;
        List<Seg> ft1s = segs.named(Hl7Mapping.LINE_SEGMENT);
        if (ft1s.isEmpty() && required) {
            errors.add(new Hl7Error(Hl7Error.SEGMENT_SEQUENCE_ERROR, Hl7Mapping.LINE_SEGMENT, 1, 0, 0, 0, 0,
                    "缺少 FT1 段：费用消息每条费用明细一个 FT1"));
        }
        List<FeeLine> out = new ArrayList<>(ft1s.size());
        Place[] places = places(f);
        for (Seg ft1 : ft1s) {
            FeeLine l = line(f, places, ft1, segs.following(ft1));
            if (l != null) out.add(l);
        }
        return List.copyOf(out);
    }

    /**
     * Where each value of a line is read, in {@link #NAMES} order, and whether the message profile requires it in every
     * line: looked up once per message, not once per line.
     */
    private record Place(String name, FieldPath path, Spec spec, boolean inLineSegment, boolean required) {}

    private static final String[] NAMES = {"feedetl_sn", "med_list_codg", "chrgitm_lv", "cnt", "pric",
            "det_item_fee_sumamt", "selfpay_prop", "pric_uplmt_amt", "kind"};
    private static final int SN = 0, CODG = 1, LV = 2, CNT = 3, PRIC = 4, AMT = 5, PROP = 6, LIMIT = 7, KIND = 8;

    private static Place[] places(FieldReader f) {
        Place[] out = new Place[NAMES.length];
        for (int i = 0; i < NAMES.length; i++) {
            FieldPath p = f.mapping.line(NAMES[i]);
            out[i] = new Place(NAMES[i], p, Hl7Mapping.lineSpec(NAMES[i]), p != null && p.segment().equals(Hl7Mapping.LINE_SEGMENT),
                    f.requiredIn("lines", NAMES[i]));
        }
        return out;
    }

    private static Found lineValue(FieldReader f, Seg ft1, List<Seg> after, Place place) {
        boolean required = place.required();
        FieldPath p = place.path();
        Spec spec = place.spec();
        String name = place.name();
        if (p == null) return null;
        Seg s = null;
        if (place.inLineSegment()) {
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
                f.errors.add(new Hl7Error(Hl7Error.SEGMENT_SEQUENCE_ERROR, ft1.name(), ft1.seq(), 0, 0, 0, 0,
                        "缺少 " + ft1.name() + "[" + ft1.seq() + "] 之后的 " + p.segment() + " 段："
                                + spec.label() + "（" + name + "）应从 " + p + " 读取"));
            }
            return null;
        }
        return f.first(s, p, spec, required);
    }

    private static FeeLine line(FieldReader f, Place[] at, Seg ft1, List<Seg> after) {
        List<Hl7Error> errors = f.errors;
        int before = errors.size();
        String sn = f.str(lineValue(f, ft1, after, at[SN]));
        String codg = f.str(lineValue(f, ft1, after, at[CODG]));
        String lv = f.code(lineValue(f, ft1, after, at[LV]));
        Found cntAt = lineValue(f, ft1, after, at[CNT]);
        Found pricAt = lineValue(f, ft1, after, at[PRIC]);
        Found amtAt = lineValue(f, ft1, after, at[AMT]);
        BigDecimal cnt = f.decimal(cntAt);
        BigDecimal pric = f.decimal(pricAt);
        BigDecimal amt = f.money(amtAt);
        if (errors.size() == before) {
            if (amtAt == null && cnt != null && pric != null) amt = Money.fen(cnt.multiply(pric));
            if (amt == null) {
                FieldPath p = at[AMT].path();
                Seg s = p.segment().equals(ft1.name()) ? ft1 : null;
                Hl7Error e = s == null ? new Hl7Error(Hl7Error.REQUIRED_FIELD_MISSING, ft1.name(), ft1.seq(), 0, 0, 0, 0, "")
                        : f.at(Hl7Error.REQUIRED_FIELD_MISSING, s, p, 0, "");
                errors.add(f.withText(e, "明细项目费用总额（det_item_fee_sumamt）不能为空（或给出数量和单价）"));
            } else if (cnt != null && pric != null && amtAt != null) {
                BigDecimal product = cnt.multiply(pric);
                if (product.subtract(amt).abs().compareTo(FEN) > 0) {
                    f.error(Hl7Error.DATA_TYPE_ERROR, amtAt, amt.toPlainString() + " 与数量 × 单价 = "
                            + product.stripTrailingZeros().toPlainString() + " 不符");
                }
            }
        }
        BigDecimal prop = f.rate(lineValue(f, ft1, after, at[PROP]));
        Found limitAt = lineValue(f, ft1, after, at[LIMIT]);
        BigDecimal limit = f.decimal(limitAt);
        if (limit != null && (cnt == null || pric == null)) {
            f.error(Hl7Error.REQUIRED_FIELD_MISSING, limitAt, "给出限价时须同时给出数量和单价");
        }
        String kind = f.code(lineValue(f, ft1, after, at[KIND]));
        if (errors.size() > before) return null;
        return new FeeLine(sn, codg, ChargeClass.parse(lv), cnt, pric, amt, prop, limit, LineKind.parse(kind));
    }

}
