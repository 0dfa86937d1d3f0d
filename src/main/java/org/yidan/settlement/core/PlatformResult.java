package org.yidan.settlement.core;

import java.math.BigDecimal;
import java.util.List;

/**
 * The national platform's settlement of the stay as the HIS received it (the 2304 output, or 2303's pre-settlement),
 * its fund rows normalised through mappings/fund-codes.yaml. The amounts it paid reach the chain as {@link Upstream};
 * this record is what the bill shows of it.
 *
 * @param setlId  setl_id, the platform's settlement number
 * @param setlTime setl_time as given
 * @param psnType psn_type (人员类别) as given
 * @param setlinfo the setlinfo amounts given (medfee_sumamt, hifp_pay, ..., by their 2304 names)
 * @param rows    setldetail: each fund row with the layer it was normalised to (null layer and name until then)
 */
public record PlatformResult(String setlId, String setlTime, String psnType, java.util.Map<String, BigDecimal> setlinfo,
                             List<FundRow> rows) {

    public PlatformResult {
        setlinfo = setlinfo == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(setlinfo));
        rows = rows == null ? List.of() : List.copyOf(rows);
    }

    /** The setlinfo amounts a 2304 output may carry, by their names. */
    public static final List<String> AMOUNTS = List.of("medfee_sumamt", "fulamt_ownpay_amt", "overlmt_selfpay",
            "preselfpay_amt", "inscp_scp_amt", "act_pay_dedc", "hifp_pay", "hifmi_pay", "hifob_pay", "maf_pay",
            "hosp_part_amt", "oth_pay", "fund_pay_sumamt", "psn_part_amt", "acct_pay", "psn_cash_pay");

    /**
     * One setldetail row.
     *
     * @param fundPayType  fund_pay_type as sent (e.g. 999997)
     * @param setlProcInfo setl_proc_info as sent (e.g. 610101), or null
     * @param layer        what it is here: basic, critical_illness, assistance, re_assistance, hospital_reduction, other
     * @param name         the fund's name (mappings/fund-codes.yaml)
     * @param fundPayamt   fund_payamt
     * @param inscpScpAmt  inscp_scp_amt, or null
     * @param crtPaybLmtAmt crt_payb_lmt_amt (本次可支付限额), or null
     */
    public record FundRow(String fundPayType, String setlProcInfo, String layer, String name, BigDecimal fundPayamt,
                          BigDecimal inscpScpAmt, BigDecimal crtPaybLmtAmt) {}
}
