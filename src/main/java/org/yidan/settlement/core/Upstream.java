package org.yidan.settlement.core;

import java.math.BigDecimal;

/**
 * Amounts the HIS already holds (settled by the insurance platform, e.g. its 2304 output, or reported by the
 * hospital). A non-null amount is used as given (DESIGN §4, plug-in mode): basic insurance and critical illness are
 * then not computed; a given assistance or re-assistance is checked against the module's own figure (a shadow check).
 *
 * @param mafPay       医疗救助 (610100) the platform paid; null: computed here
 * @param reAssistPay  再救助 (610102) the platform paid; null: computed here
 */
public record Upstream(
        BigDecimal hifpPay,
        BigDecimal hifmiPay,
        BigDecimal hifobPay,
        BigDecimal hospPartAmt,
        BigDecimal othPay,
        BigDecimal acctPay,
        BigDecimal mafPay,
        BigDecimal reAssistPay) {
    public static final Upstream NONE = new Upstream(null, null, null, null, null, null);

    public Upstream(BigDecimal hifpPay, BigDecimal hifmiPay, BigDecimal hifobPay, BigDecimal hospPartAmt, BigDecimal othPay,
                    BigDecimal acctPay) {
        this(hifpPay, hifmiPay, hifobPay, hospPartAmt, othPay, acctPay, null, null);
    }
}
