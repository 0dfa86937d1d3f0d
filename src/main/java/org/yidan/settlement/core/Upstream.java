package org.yidan.settlement.core;

import java.math.BigDecimal;

/**
 * Amounts the HIS already holds (settled by the insurance platform or reported by the hospital).
 * A non-null amount is used as given and that layer is not computed (DESIGN §4, plug-in mode).
 */
public record Upstream(
        BigDecimal hifpPay,
        BigDecimal hifmiPay,
        BigDecimal hifobPay,
        BigDecimal hospPartAmt,
        BigDecimal othPay,
        BigDecimal acctPay) {
    public static final Upstream NONE = new Upstream(null, null, null, null, null, null);
}
