package org.yidan.settlement.hl7;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yidan.settlement.core.PlatformResult;
import org.yidan.settlement.hl7.FieldReader.Found;
import org.yidan.settlement.hl7.Segments.Seg;

/**
 * The platform's 2304 result in an HL7 discharge, where the mapping puts it (by default ZST: setl_id, setl_time,
 * psn_type and the setlinfo amounts; one ZSD per setldetail row: fund_pay_type, fund_payamt, setl_proc_info,
 * inscp_scp_amt, crt_payb_lmt_amt; mappings/HL7.md). Null when the message carries neither.
 */
final class PlatformReader {
    /** The values it reads (mappings: platform_*). */
    static final Hl7Mapping.Spec[] SPECS = {
            new Hl7Mapping.Spec("platform_setl_id", Hl7Mapping.Kind.TEXT, false, false),
            new Hl7Mapping.Spec("platform_setl_time", Hl7Mapping.Kind.TEXT, false, false),
            new Hl7Mapping.Spec("platform_psn_type", Hl7Mapping.Kind.TEXT, false, false),
            new Hl7Mapping.Spec("platform_medfee_sumamt", Hl7Mapping.Kind.MONEY, false, false),
            new Hl7Mapping.Spec("platform_inscp_scp_amt", Hl7Mapping.Kind.MONEY, false, false),
            new Hl7Mapping.Spec("platform_hifp_pay", Hl7Mapping.Kind.MONEY, false, false),
            new Hl7Mapping.Spec("platform_hifmi_pay", Hl7Mapping.Kind.MONEY, false, false),
            new Hl7Mapping.Spec("platform_hifob_pay", Hl7Mapping.Kind.MONEY, false, false),
            new Hl7Mapping.Spec("platform_maf_pay", Hl7Mapping.Kind.MONEY, false, false),
            new Hl7Mapping.Spec("platform_hosp_part_amt", Hl7Mapping.Kind.MONEY, false, false),
            new Hl7Mapping.Spec("platform_oth_pay", Hl7Mapping.Kind.MONEY, false, false),
            new Hl7Mapping.Spec("platform_fund_pay_sumamt", Hl7Mapping.Kind.MONEY, false, false),
            new Hl7Mapping.Spec("platform_psn_part_amt", Hl7Mapping.Kind.MONEY, false, false),
            new Hl7Mapping.Spec("platform_acct_pay", Hl7Mapping.Kind.MONEY, false, false),
            new Hl7Mapping.Spec("platform_psn_cash_pay", Hl7Mapping.Kind.MONEY, false, false),
            new Hl7Mapping.Spec("platform_fund_pay_type", Hl7Mapping.Kind.TEXT, true, false),
            new Hl7Mapping.Spec("platform_fund_payamt", Hl7Mapping.Kind.MONEY, true, false),
            new Hl7Mapping.Spec("platform_setl_proc_info", Hl7Mapping.Kind.TEXT, true, false),
            new Hl7Mapping.Spec("platform_row_inscp_scp_amt", Hl7Mapping.Kind.MONEY, true, false),
            new Hl7Mapping.Spec("platform_crt_payb_lmt_amt", Hl7Mapping.Kind.MONEY, true, false)
    };

    private PlatformReader() {}

    static PlatformResult read(FieldReader f) {
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        for (String k : PlatformResult.AMOUNTS) {
            if (f.mapping.field("platform_" + k) == null) continue;
            BigDecimal v = f.money(f.find("platform_" + k));
            if (v != null) amounts.put(k, v);
        }
        String setlId = f.text("platform_setl_id");
        String setlTime = f.text("platform_setl_time");
        String psnType = f.text("platform_psn_type");
        List<PlatformResult.FundRow> rows = new ArrayList<>();
        FieldPath type = f.mapping.field("platform_fund_pay_type");
        if (type != null) {
            for (Seg s : f.segs.named(type.segment())) {
                Found t = f.inSegment(s, "platform_fund_pay_type", "platform_rows");
                BigDecimal amt = f.money(f.inSegment(s, "platform_fund_payamt", "platform_rows"));
                Found info = f.inSegment(s, "platform_setl_proc_info", "platform_rows");
                BigDecimal inscp = f.money(f.inSegment(s, "platform_row_inscp_scp_amt", "platform_rows"));
                BigDecimal limit = f.money(f.inSegment(s, "platform_crt_payb_lmt_amt", "platform_rows"));
                if (t != null && amt != null) rows.add(new PlatformResult.FundRow(t.value(), f.str(info), null, null, amt, inscp, limit));
            }
        }
        if (amounts.isEmpty() && rows.isEmpty() && setlId == null) return null;
        return new PlatformResult(setlId, setlTime, psnType, amounts, rows);
    }
}
