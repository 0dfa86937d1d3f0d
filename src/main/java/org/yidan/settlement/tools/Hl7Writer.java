package org.yidan.settlement.tools;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.FeeLine;
import org.yidan.settlement.core.LineKind;
import org.yidan.settlement.core.Upstream;

/**
 * Writes an encounter as HL7 v2.5 messages in the default profile (mappings/hl7-default.yaml, mappings/HL7.md):
 * ADT^A01, DFT^P03, ADT^A03, ADT^A13. Used by the conformance runner and the load tool; segment separator \r.
 */
public final class Hl7Writer {
    private static final DateTimeFormatter D = DateTimeFormatter.BASIC_ISO_DATE;
    private final String msh18;

    /** @param msh18 the character set named in MSH-18, e.g. "UNICODE UTF-8" or "GB 18030-2000" */
    public Hl7Writer(String msh18) {
        this.msh18 = msh18;
    }

    private String msh(String type, String structure, String controlId, LocalDate when) {
        return "MSH|^~\\&|HIS|HOSPITAL|YIDAN|SETTLEMENT|" + D.format(when) + "120000||" + type + "^" + structure
                + "|" + controlId + "|P|2.5|||||CHN|" + msh18 + "\r";
    }

    private static String s(Object v) {
        if (v == null) return "";
        if (v instanceof BigDecimal b) return b.toPlainString();
        return v.toString();
    }

    private static String pid(Encounter e) {
        String ids = e.psnNo() + "^^^YB^PN" + (e.certno() == null ? "" : "~" + e.certno() + "^^^CHN^NNCHN");
        return "PID|1||" + ids + "||" + s(e.psnName()) + "||" + (e.brdy() == null ? "" : D.format(e.brdy())) + "\r";
    }

    private static String pv1(Encounter e, boolean dates) {
        StringBuilder sb = new StringBuilder("PV1|1|").append("21".equals(e.medType()) ? "I" : "O");
        for (int i = 3; i <= 17; i++) sb.append('|');
        sb.append('|').append(s(e.medType())).append('|').append(e.mdtrtId());
        if (dates) {
            for (int i = 20; i <= 43; i++) sb.append('|');
            sb.append('|').append(e.begntime() == null ? "" : D.format(e.begntime()));
            sb.append('|').append(e.endtime() == null ? "" : D.format(e.endtime()));
        }
        return sb.append('\r').toString();
    }

    private static String zin(Encounter e) {
        Upstream u = e.upstream() == null ? Upstream.NONE : e.upstream();
        return "ZIN|" + s(e.insuAdmdvs()) + "|" + relief(e) + "|" + s(e.fixmedinsAdmdvs())
                + "|" + s(e.hospLv()) + "|" + s(e.referralDedcPaid()) + "|" + s(e.deposit()) + "|" + s(u.hifpPay())
                + "|" + s(u.hifmiPay()) + "|" + s(u.hifobPay()) + "|" + s(u.hospPartAmt()) + "|" + s(u.othPay())
                + "|" + s(u.acctPay()) + "\r";
    }

    /** ZIN-2: each relief identity a repetition, code^begin^end for one with dates (mappings/hl7-default.yaml). */
    private static String relief(Encounter e) {
        List<String> reps = new java.util.ArrayList<>(e.reliefCategories());
        for (org.yidan.settlement.core.Identity i : e.identities()) {
            reps.add(i.category() + "^" + (i.begntime() == null ? "" : D.format(i.begntime()))
                    + "^" + (i.endtime() == null ? "" : D.format(i.endtime())));
        }
        return String.join("~", reps);
    }

    private static String in1(Encounter e) {
        return "IN1|1|" + s(e.insutype()) + "|" + s(e.insuAdmdvs()) + "\r";
    }

    private static String dg1(Encounter e) {
        StringBuilder sb = new StringBuilder();
        List<String> dx = e.diagnoses();
        for (int i = 0; i < dx.size(); i++) {
            sb.append("DG1|").append(i + 1).append("||").append(dx.get(i)).append("||||||||||||").append(i + 1).append('\r');
        }
        return sb.toString();
    }

    public String admit(Encounter e, String controlId) {
        return msh("ADT", "A01^ADT_A01", controlId, e.begntime()) + "EVN|A01\r" + pid(e) + pv1(e, true) + dg1(e) + in1(e) + zin(e);
    }

    /** A charge message with the given lines (numbered from {@code firstSn} when a line has no serial). */
    public String charges(Encounter e, List<FeeLine> lines, String controlId) {
        StringBuilder sb = new StringBuilder(msh("DFT", "P03^DFT_P03", controlId, e.endtime())).append("EVN|P03\r")
                .append(pid(e)).append(pv1(e, false));
        int n = 1;
        for (FeeLine l : lines) {
            sb.append("FT1|").append(n).append('|').append(l.feedetlSn() == null ? String.valueOf(n) : l.feedetlSn())
                    .append("||").append(D.format(e.endtime())).append("||CG|").append(s(l.medListCodg())).append("|||")
                    .append(s(l.cnt())).append('|').append(s(l.detItemFeeSumamt())).append('|').append(s(l.pric())).append('\r');
            sb.append("ZFT|").append(l.chrgitmLv().code).append('|').append(s(l.selfpayProp())).append('|')
                    .append(s(l.pricUplmtAmt())).append('|').append(l.kind() == LineKind.ORDINARY ? "" : l.kind().name()).append('\r');
            n++;
        }
        return sb.toString();
    }

    public String discharge(Encounter e, String controlId) {
        return msh("ADT", "A03^ADT_A03", controlId, e.endtime()) + "EVN|A03\r" + pid(e) + pv1(e, true) + dg1(e) + in1(e) + zin(e)
                + zyt(e) + platform(e);
    }

    /** ZST (the platform's setlinfo) and one ZSD per setldetail row (mappings/hl7-default.yaml platform_*). */
    private static String platform(Encounter e) {
        org.yidan.settlement.core.PlatformResult p = e.platform();
        if (p == null) return "";
        java.util.Map<String, java.math.BigDecimal> a = p.setlinfo();
        StringBuilder sb = new StringBuilder("ZST|").append(s(p.setlId())).append('|').append(s(p.setlTime())).append('|').append(s(p.psnType()));
        for (String k : List.of("medfee_sumamt", "inscp_scp_amt", "hifp_pay", "hifmi_pay", "hifob_pay", "maf_pay", "hosp_part_amt",
                "oth_pay", "fund_pay_sumamt", "psn_part_amt", "acct_pay", "psn_cash_pay")) {
            sb.append('|').append(s(a.get(k)));
        }
        sb.append('\r');
        for (org.yidan.settlement.core.PlatformResult.FundRow r : p.rows()) {
            sb.append("ZSD|").append(r.fundPayType()).append('|').append(r.fundPayamt().toPlainString()).append('|')
                    .append(s(r.setlProcInfo())).append('|').append(s(r.inscpScpAmt())).append('|').append(s(r.crtPaybLmtAmt())).append('\r');
        }
        return sb.toString();
    }

    /** One ZYT per outside year-to-date layer or pool (mappings/hl7-default.yaml ytd_*). */
    private static String zyt(Encounter e) {
        org.yidan.settlement.core.YearToDate y = e.yearToDate();
        if (y == null) return "";
        StringBuilder sb = new StringBuilder();
        java.util.Map<String, org.yidan.settlement.core.PoolTotals> all = new java.util.TreeMap<>(y.layers());
        all.putAll(y.pools());
        all.forEach((name, t) -> sb.append("ZYT|").append(y.source()).append('|').append(D.format(y.asOf())).append('|')
                .append(y.year()).append('|').append(name).append('|').append(t.base().toPlainString()).append('|')
                .append(t.paid().toPlainString()).append('\r'));
        return sb.toString();
    }

    public String cancelDischarge(String psnNo, String mdtrtId, LocalDate when, String controlId) {
        return msh("ADT", "A13^ADT_A01", controlId, when) + "EVN|A13\rPID|1||" + psnNo + "^^^YB^PN\r"
                + "PV1|1|I|||||||||||||||||" + mdtrtId + "\r";
    }
}
