package org.yidan.settlement.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yidan.settlement.core.PlatformResult;

/**
 * The platform's 2304 (or 2303) output on an encounter, as the HIS received it: {@code setlinfo} (its settlement
 * fields) and {@code setldetail} (one row per fund). Checked for shape here; the funds are normalised and the totals
 * checked when the stay is settled (core PlatformAmounts).
 */
final class PlatformResultReader {
    private static final Set<String> TEXT = Set.of("setl_id", "setl_time", "psn_type", "mdtrt_id", "psn_no", "psn_name",
            "certno", "insutype", "med_type", "setl_type", "clr_type", "clr_way", "clr_optins", "medins_setl_id", "gend",
            "brdy", "age", "psn_cert_type", "naty", "cvlserv_flag", "balc", "comment");
    private static final Set<String> ROW = Set.of("fund_pay_type", "inscp_scp_amt", "crt_payb_lmt_amt", "fund_payamt",
            "setl_proc_info", "fund_pay_type_name", "comment");

    private PlatformResultReader() {}

    /** Null when the encounter carries neither setlinfo nor setldetail. */
    static PlatformResult read(JsonNode n, JsonFields f) {
        JsonNode si = n.get("setlinfo");
        JsonNode sd = n.get("setldetail");
        if ((si == null || si.isNull()) && (sd == null || sd.isNull())) return null;
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        String setlId = null;
        String setlTime = null;
        String psnType = null;
        if (si != null && !si.isNull()) {
            if (!si.isObject()) {
                f.problem("setlinfo", "应为对象（2304 输出的 setlinfo）");
            } else {
                Set<String> allowed = new java.util.HashSet<>(TEXT);
                allowed.addAll(PlatformResult.AMOUNTS);
                f.unknown(si, allowed, "setlinfo.");
                for (String k : PlatformResult.AMOUNTS) {
                    BigDecimal v = f.money(si, k, "setlinfo." + k, false);
                    if (v != null) amounts.put(k, v);
                }
                setlId = f.strAt(si, "setl_id", "setlinfo", false);
                setlTime = f.strAt(si, "setl_time", "setlinfo", false);
                psnType = f.strAt(si, "psn_type", "setlinfo", false);
            }
        }
        List<PlatformResult.FundRow> rows = new ArrayList<>();
        if (sd != null && !sd.isNull()) {
            if (!sd.isArray()) {
                f.problem("setldetail", "应为基金分项行的列表");
            } else {
                f.eachObject(sd, "setldetail", "{fund_pay_type, fund_payamt, ...}", ROW, (r, at) -> {
                    String type = f.strAt(r, "fund_pay_type", at, true);
                    BigDecimal amt = f.money(r, "fund_payamt", at + ".fund_payamt", true);
                    BigDecimal inscp = f.money(r, "inscp_scp_amt", at + ".inscp_scp_amt", false);
                    BigDecimal limit = f.money(r, "crt_payb_lmt_amt", at + ".crt_payb_lmt_amt", false);
                    String info = f.strAt(r, "setl_proc_info", at, false);
                    if (type != null && amt != null) rows.add(new PlatformResult.FundRow(type, info, null, null, amt, inscp, limit));
                });
            }
        }
        return new PlatformResult(setlId, setlTime, psnType, amounts, rows);
    }
}
