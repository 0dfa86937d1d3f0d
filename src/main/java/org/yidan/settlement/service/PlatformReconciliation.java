package org.yidan.settlement.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yidan.settlement.core.Bill;
import org.yidan.settlement.io.Json;

/**
 * 对账 in the platform's shape: what 3201 (对总账) and 3202 (明细对账) compare for a day, so that a hospital can check the
 * module against the platform line by line (README "Reconciliation in the platform's shape").
 *
 * <ul>
 *   <li>3201: per insurance type (insutype), clearing type (clr_type: 21 住院 for med_type 21, 11 门诊 otherwise) and
 *       insured region (setl_optins), the day's net medfee_sumamt, fund_pay_sumamt and acct_pay (settlements less
 *       reversals), the number of settlement records (fixmedins_setl_cnt: settlements and reversals, as the platform
 *       keeps a reversal as a record of its own) and the net per fund (fund_pay_type);</li>
 *   <li>3202: one row per settlement or reversal, keyed by the platform's setl_id where the bill carries one and by
 *       mdtrt_id always; refd_setl_flag 0 for a settlement, 1 for a reversal (cancel).</li>
 * </ul>
 */
@Singleton
public class PlatformReconciliation {
    private final Reconciliation days;
    private final ZoneId zone;

    PlatformReconciliation(Reconciliation days, ZoneId zone) {
        this.days = days;
        this.zone = zone;
    }

    /** clr_type (清算类别) of a bill: 21 住院 for an inpatient stay, 11 门诊 for the outpatient types. */
    static String clrType(Bill b) {
        return "21".equals(b.medType()) ? "21" : "11";
    }

    public ObjectNode day(LocalDate date) {
        Reconciliation.Day d = days.of(date);
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("stmt_begndate", date.toString());
        n.put("stmt_enddate", date.toString());
        n.put("zone", zone.getId());
        Map<String, Total> totals = new TreeMap<>();
        ArrayNode detail = Json.MAPPER.createArrayNode();
        add(d.settled(), false, totals, detail);
        add(d.cancelled(), true, totals, detail);
        ArrayNode t = n.putArray("3201");
        for (Total x : totals.values()) t.add(x.json());
        n.set("3202", detail);
        return n;
    }

    private void add(List<Reconciliation.Line> lines, boolean reversal, Map<String, Total> totals, ArrayNode detail) {
        for (Reconciliation.Line l : lines) {
            Bill b = l.bill();
            String key = b.insutype() + "/" + clrType(b) + "/" + b.insuAdmdvs();
            totals.computeIfAbsent(key, k -> new Total(b.insutype(), clrType(b), b.insuAdmdvs())).add(b, reversal);
            ObjectNode o = detail.addObject();
            o.put("setl_id", b.platform() == null ? null : b.platform().setlId());
            o.put("mdtrt_id", b.mdtrtId());
            o.put("psn_no", b.psnNo());
            o.put("insutype", b.insutype());
            o.put("clr_type", clrType(b));
            o.put("setl_time", l.at().atZone(zone).toLocalDateTime().withNano(0).toString().replace('T', ' '));
            o.put("medfee_sumamt", signed(b.setlinfo().medfeeSumamt(), reversal));
            o.put("fund_pay_sumamt", signed(b.setlinfo().fundPaySumamt(), reversal));
            o.put("acct_pay", signed(b.setlinfo().acctPay(), reversal));
            o.put("refd_setl_flag", reversal ? "1" : "0");
        }
    }

    private static BigDecimal signed(BigDecimal v, boolean reversal) {
        BigDecimal x = v == null ? new BigDecimal("0.00") : v;
        return reversal ? x.negate() : x;
    }

    /** One 3201 line being summed. */
    private static final class Total {
        final String insutype;
        final String clrType;
        final String setlOptins;
        BigDecimal medfee = new BigDecimal("0.00");
        BigDecimal fund = new BigDecimal("0.00");
        BigDecimal acct = new BigDecimal("0.00");
        int records;
        int settlements;
        int reversals;
        final Map<String, BigDecimal> funds = new TreeMap<>();

        Total(String insutype, String clrType, String setlOptins) {
            this.insutype = insutype;
            this.clrType = clrType;
            this.setlOptins = setlOptins;
        }

        void add(Bill b, boolean reversal) {
            medfee = medfee.add(signed(b.setlinfo().medfeeSumamt(), reversal));
            fund = fund.add(signed(b.setlinfo().fundPaySumamt(), reversal));
            acct = acct.add(signed(b.setlinfo().acctPay(), reversal));
            records++;
            if (reversal) reversals++;
            else settlements++;
            for (Bill.SetlDetail r : b.setldetail()) {
                funds.merge(r.fundPayType(), signed(r.fundPayamt(), reversal), BigDecimal::add);
            }
        }

        ObjectNode json() {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("insutype", insutype);
            o.put("clr_type", clrType);
            o.put("setl_optins", setlOptins);
            o.put("medfee_sumamt", medfee);
            o.put("fund_pay_sumamt", fund);
            o.put("acct_pay", acct);
            o.put("fixmedins_setl_cnt", records);
            o.put("settlement_cnt", settlements);
            o.put("reversal_cnt", reversals);
            ObjectNode f = o.putObject("funds");
            funds.forEach(f::put);
            return o;
        }
    }
}
