package org.yidan.settlement.core;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The unified bill (一单制结算单), with the national platform's 2304 settlement field names (DESIGN §5).
 */
public record Bill(
        String mdtrtId,
        String psnNo,
        String certno,
        String psnName,
        String insutype,
        String insuAdmdvs,
        String fixmedinsAdmdvs,
        String medType,
        LocalDate begntime,
        LocalDate endtime,
        int setlYear,
        PolicyRef policy,
        Setlinfo setlinfo,
        List<SetlDetail> setldetail,
        Relief relief,
        DepositInfo deposit,
        List<Alert> alerts,
        List<String> warnings,
        List<LedgerChange> ledgerChanges,
        PlatformResult platform,
        List<ShadowCheck> shadowChecks) {

    /** Which policy was applied: region, documents in force, and the date that chose them. */
    public record PolicyRef(String region, String name, LocalDate date, List<String> documents) {}

    /** setlinfo: the settlement's totals. */
    public record Setlinfo(
            BigDecimal medfeeSumamt,
            BigDecimal fulamtOwnpayAmt,
            BigDecimal overlmtSelfpay,
            BigDecimal preselfpayAmt,
            BigDecimal inscpScpAmt,
            BigDecimal actPayDedc,
            BigDecimal hifpPay,
            BigDecimal hifmiPay,
            BigDecimal hifobPay,
            BigDecimal mafPay,
            BigDecimal othPay,
            BigDecimal fundPaySumamt,
            BigDecimal hospPartAmt,
            BigDecimal psnPartAmt,
            BigDecimal acctPay,
            BigDecimal psnCashPay) {}

    /**
     * A layer the platform already paid that the module also works out: both figures, the difference (given − computed)
     * and the module's working; an alert goes with a difference of more than a fen.
     */
    public record ShadowCheck(String fundPayType, String layer, BigDecimal given, BigDecimal computed, BigDecimal difference,
                              Working working) {}

    /** setldetail: one row per fund, with the working behind its amount. */
    public record SetlDetail(String fundPayType, String fundPayTypeName, BigDecimal fundPayamt, String source,
                             List<Working> working) {}

    /**
     * The relief category applied (就高不重复) and what every other candidate would have given; and, when the encounter
     * carried identities with dates, whether each was valid (null when it carried none).
     */
    public record Relief(String categoryApplied, String categoryName, List<Alternative> alternatives,
                         List<IdentityCheck> identities) {}

    /**
     * One dated relief identity and whether it counted: for the settlement on the discharge date, for 先诊疗后付费 on the
     * admission date; {@code note} says so in the clerk's words.
     */
    public record IdentityCheck(String category, String categoryName, LocalDate begntime, LocalDate endtime,
                                boolean validAtDischarge, boolean validAtAdmission, String note) {}

    public record Alternative(String category, String categoryName, BigDecimal hifmiPay, BigDecimal hifobPay,
                              BigDecimal mafPay, BigDecimal fundPaySumamt, BigDecimal psnPartAmt, boolean applied,
                              List<String> warnings) {}

    /** Deposit and what is due or refunded at the counter (先诊疗后付费). */
    public record DepositInfo(boolean treatFirstPayLater, String clause, BigDecimal depositAmt,
                              BigDecimal psnCashPay, BigDecimal amountDue, BigDecimal amountRefund) {}

    public record Alert(String code, String message, String clause) {}
}
