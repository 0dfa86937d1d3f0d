package org.yidan.settlement.hl7;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yidan.settlement.core.PoolTotals;
import org.yidan.settlement.core.YearToDate;
import org.yidan.settlement.hl7.FieldReader.Found;
import org.yidan.settlement.hl7.Segments.Seg;

/**
 * The person's year-to-date from outside (5206) in an HL7 message: one segment per layer or pool (ZYT by default:
 * source, as-of date, year, layer or pool, base, paid; mappings/HL7.md). Every segment must give the same source,
 * date and year; a paid above its base, an unknown layer or a name given twice is an error at its field.
 */
final class YearToDateReader {
    /** The values it reads (mappings: ytd_*). */
    static final Hl7Mapping.Spec[] SPECS = {
            new Hl7Mapping.Spec("ytd_source", Hl7Mapping.Kind.TEXT, true, false),
            new Hl7Mapping.Spec("ytd_as_of", Hl7Mapping.Kind.DATE, true, false),
            new Hl7Mapping.Spec("ytd_year", Hl7Mapping.Kind.TEXT, true, false),
            new Hl7Mapping.Spec("ytd_name", Hl7Mapping.Kind.TEXT, true, false),
            new Hl7Mapping.Spec("ytd_base", Hl7Mapping.Kind.MONEY, true, false),
            new Hl7Mapping.Spec("ytd_paid", Hl7Mapping.Kind.MONEY, true, false)
    };

    private YearToDateReader() {}

    static YearToDate read(FieldReader f) {
        FieldPath name = f.mapping.field("ytd_name");
        if (name == null) return null;
        String source = null;
        LocalDate asOf = null;
        String year = null;
        Map<String, PoolTotals> layers = new LinkedHashMap<>();
        Map<String, PoolTotals> pools = new LinkedHashMap<>();
        int errors = f.errors.size();
        for (Seg s : f.segs.named(name.segment())) {
            Found n = f.inSegment(s, "ytd_name", "year_to_date");
            Found src = f.inSegment(s, "ytd_source", "year_to_date");
            Found d = f.inSegment(s, "ytd_as_of", "year_to_date");
            Found y = f.inSegment(s, "ytd_year", "year_to_date");
            BigDecimal base = f.money(f.inSegment(s, "ytd_base", "year_to_date"));
            Found paidAt = f.inSegment(s, "ytd_paid", "year_to_date");
            BigDecimal paid = f.money(paidAt);
            LocalDate date = f.date(d);
            if (n == null || src == null || date == null || y == null || base == null || paid == null) continue;
            if (source == null) {
                source = src.value();
                asOf = date;
                year = y.value();
            } else if (!source.equals(src.value()) || !asOf.equals(date) || !year.equals(y.value())) {
                f.error(Hl7Error.DATA_TYPE_ERROR, y, "各年度累计段的来源、截至日期和年度应相同（"
                        + source + "、" + asOf + "、" + year + "）");
                continue;
            }
            if (!y.value().matches("\\d{4}")) {
                f.error(Hl7Error.DATA_TYPE_ERROR, y, "'" + y.value() + "' 不是年份");
                continue;
            }
            if (paid.compareTo(base) > 0) {
                f.error(Hl7Error.DATA_TYPE_ERROR, paidAt, paid.toPlainString() + " 超过累计基数 " + base.toPlainString());
                continue;
            }
            Map<String, PoolTotals> into = YearToDate.LAYERS.contains(n.value()) ? layers : pools;
            if (into.put(n.value(), new PoolTotals(base, paid)) != null) {
                f.error(Hl7Error.DATA_TYPE_ERROR, n, "'" + n.value() + "' 重复给出");
            }
        }
        if (f.errors.size() > errors || source == null) return null;
        return new YearToDate(Integer.parseInt(year), asOf, source, layers, pools);
    }
}
