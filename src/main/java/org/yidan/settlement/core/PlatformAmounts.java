package org.yidan.settlement.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The platform's 2304 (or 2303) result made into what the chain uses as given (README "The platform's settlement as
 * input"): each setldetail row's fund normalised through mappings/fund-codes.yaml; basic insurance and critical
 * illness are the platform's (its rows, else its setlinfo amounts, else 0: the platform always settles them);
 * assistance and re-assistance are given only where it has a row for them (else worked out here); hospital reduction
 * and other funds where it has rows or amounts. Its totals must add up with its rows and the charges.
 */
final class PlatformAmounts {
    private PlatformAmounts() {}

    /** The encounter with the platform's amounts as its upstream and the rows named; unchanged without a result. */
    static Encounter apply(Encounter e, FundCodes codes, InsuranceType insurance) {
        PlatformResult p = e.platform();
        if (p == null) return e;
        Upstream u = e.upstream() == null ? Upstream.NONE : e.upstream();
        if (!u.equals(Upstream.NONE)) {
            throw new SettlementException("upstream", "平台结算结果（setlinfo、setldetail）与上游金额（upstream）只能给一种");
        }
        Map<String, BigDecimal> info = p.setlinfo();
        Map<String, BigDecimal> byLayer = new java.util.HashMap<>();
        List<PlatformResult.FundRow> rows = new ArrayList<>();
        for (int i = 0; i < p.rows().size(); i++) {
            PlatformResult.FundRow r = p.rows().get(i);
            FundCodes.Fund f = codes.lookup(r.fundPayType(), r.setlProcInfo());
            if (f == null) {
                throw new SettlementException("setldetail[" + i + "].fund_pay_type", SettlementException.Reason.UNKNOWN_CODE, "基金支付类型 " + r.fundPayType()
                        + (r.setlProcInfo() == null ? "" : "（setl_proc_info " + r.setlProcInfo() + "）")
                        + " 不在 mappings/fund-codes.yaml 中");
            }
            byLayer.merge(f.layer(), r.fundPayamt(), BigDecimal::add);
            rows.add(new PlatformResult.FundRow(r.fundPayType(), r.setlProcInfo(), f.layer(), f.name(), r.fundPayamt(),
                    r.inscpScpAmt(), r.crtPaybLmtAmt()));
        }
        boolean employee = insurance == InsuranceType.EMPLOYEE;
        String ciField = employee ? "hifob_pay" : "hifmi_pay";
        String otherCi = employee ? "hifmi_pay" : "hifob_pay";
        if (info.get(otherCi) != null && info.get(otherCi).signum() != 0) {
            throw new SettlementException("setlinfo." + otherCi, "险种类型 " + e.insutype() + " 的就诊给出了 " + otherCi + " = "
                    + info.get(otherCi) + "；该险种的大病支付应填 " + ciField);
        }
        BigDecimal basic = layer(byLayer, "basic", info, "hifp_pay", true);
        BigDecimal ci = layer(byLayer, "critical_illness", info, ciField, true);
        BigDecimal hosp = layer(byLayer, "hospital_reduction", info, "hosp_part_amt", false);
        BigDecimal oth = layer(byLayer, "other", info, "oth_pay", false);
        BigDecimal maf = byLayer.get("assistance");
        BigDecimal re = byLayer.get("re_assistance");
        BigDecimal givenMaf = info.get("maf_pay");
        if (givenMaf != null && (maf != null || re != null || givenMaf.signum() != 0)) {
            BigDecimal rowsMaf = Money.orZero(maf).add(Money.orZero(re));
            if (rowsMaf.compareTo(givenMaf) != 0) {
                throw new SettlementException("setlinfo.maf_pay", givenMaf + " 对不上：setldetail 中医疗救助与再救助各行合计 "
                        + rowsMaf + (p.rows().isEmpty() ? "（请给出基金分项行，说明是两者中的哪一项）" : ""));
            }
        }
        BigDecimal fundRows = Money.ZERO;
        for (String l : List.of("basic", "critical_illness", "assistance", "re_assistance", "other")) {
            fundRows = fundRows.add(Money.orZero(byLayer.get(l)));
        }
        if (!p.rows().isEmpty() && info.get("fund_pay_sumamt") != null && info.get("fund_pay_sumamt").compareTo(fundRows) != 0) {
            throw new SettlementException("setlinfo.fund_pay_sumamt", info.get("fund_pay_sumamt") + " 对不上：setldetail 基金各行"
                    + "（不含医疗机构减免）合计 " + fundRows);
        }
        Upstream up = new Upstream(basic, employee ? null : ci, employee ? ci : null, hosp, oth, info.get("acct_pay"), maf, re);
        return new Encounter(e.mdtrtId(), e.psnNo(), e.certno(), e.psnName(), e.brdy(), e.insutype(), e.insuAdmdvs(),
                e.fixmedinsAdmdvs(), e.hospLv(), e.medType(), e.begntime(), e.endtime(), e.reliefCategories(), e.diagnoses(),
                e.referralDedcPaid(), e.deposit(), e.feedetail(), up, e.identities(), e.yearToDate(),
                new PlatformResult(p.setlId(), p.setlTime(), p.psnType(), info, rows));
    }

    /**
     * A layer's amount: its rows' sum (checked against the setlinfo amount when both are given), else the setlinfo
     * amount; for a layer the platform always settles ({@code always}) 0 when neither is given, else null (not given).
     */
    private static BigDecimal layer(Map<String, BigDecimal> byLayer, String layer, Map<String, BigDecimal> info, String field,
                                    boolean always) {
        BigDecimal rows = byLayer.get(layer);
        BigDecimal given = info.get(field);
        if (rows != null && given != null && rows.compareTo(given) != 0) {
            throw new SettlementException("setlinfo." + field, given + " 对不上：setldetail 中该项各行合计 " + rows);
        }
        if (rows != null) return rows;
        if (given != null) return given;
        return always ? Money.ZERO : null;
    }

    /** The platform's medfee_sumamt, when given, is the charges' total. */
    static void checkMedfee(Encounter e, BigDecimal medfee) {
        BigDecimal given = e.platform() == null ? null : e.platform().setlinfo().get("medfee_sumamt");
        if (given != null && given.compareTo(medfee) != 0) {
            throw new SettlementException("setlinfo.medfee_sumamt", given + " 与费用明细合计 " + medfee
                    + " 不一致：平台结算的不是这些费用");
        }
    }
}
