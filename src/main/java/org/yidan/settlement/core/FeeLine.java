package org.yidan.settlement.core;

import java.math.BigDecimal;

/**
 * One charge line, named after the platform's 2301 fee-detail input.
 *
 * @param feedetlSn        feedetl_sn, the line's serial number
 * @param medListCodg      med_list_codg, the catalogue code
 * @param chrgitmLv        chrgitm_lv, the catalogue class
 * @param cnt              cnt, quantity
 * @param pric             pric, unit price
 * @param detItemFeeSumamt det_item_fee_sumamt, the line amount
 * @param selfpayProp      selfpay_prop, the 乙类 self-pay ratio (null: the policy's default)
 * @param pricUplmtAmt     pric_uplmt_amt, the catalogue's unit price limit (null: none)
 * @param kind             ordinary, special drug or PKU special food
 */
public record FeeLine(
        String feedetlSn,
        String medListCodg,
        ChargeClass chrgitmLv,
        BigDecimal cnt,
        BigDecimal pric,
        BigDecimal detItemFeeSumamt,
        BigDecimal selfpayProp,
        BigDecimal pricUplmtAmt,
        LineKind kind) {}
