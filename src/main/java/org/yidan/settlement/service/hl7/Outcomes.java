package org.yidan.settlement.service.hl7;

import java.math.BigDecimal;
import org.yidan.settlement.core.Bill;

/** What a message did, in the clerk's words, for the message store. */
final class Outcomes {
    private Outcomes() {}

    /** A bill's totals: 医疗费用总额 35,000.00 元，基金支付 30,603.27 元，个人负担 4,396.73 元. */
    static String totals(Bill b) {
        if (b == null || b.setlinfo() == null) return "";
        Bill.Setlinfo s = b.setlinfo();
        return "医疗费用总额 " + yuan(s.medfeeSumamt()) + " 元，基金支付 " + yuan(s.fundPaySumamt()) + " 元，个人负担 "
                + yuan(s.psnPartAmt()) + " 元";
    }

    static String yuan(BigDecimal v) {
        return v == null ? "—" : String.format(java.util.Locale.ROOT, "%,.2f", v);
    }
}
