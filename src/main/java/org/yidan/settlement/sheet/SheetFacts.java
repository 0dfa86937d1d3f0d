package org.yidan.settlement.sheet;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.yidan.settlement.core.Bill;
import org.yidan.settlement.core.Ledger;

/**
 * What the printed settlement sheet (结算单) shows beyond the bill itself, worked out once on the server so the screen
 * and the print say the same:
 *
 * @param setlId      结算单号: the settled day (the hospital's) and the ledger's settlement number, e.g.
 *                    20240312-00000001; a re-settlement gets a new one (null before settlement: 预结算)
 * @param setlTime    结算时间, in the hospital's zone (null before settlement)
 * @param operator    who settled (the audit log's actor of the settlement), or null
 * @param days        住院天数: discharge date − admission date, a stay within one day counting 1 (null: no discharge)
 * @param age         年龄 in whole years at admission (周岁), or null without a birth date
 * @param amountKind  what the patient settles at the counter: {@code due} 应补缴, {@code refund} 应退还 (a deposit
 *                    larger than the cash share), or {@code cash} 个人现金 (no deposit information)
 * @param amount      that amount, yuan
 * @param amountWords that amount in Chinese capitals ({@link RmbCapitals}), e.g. 肆仟叁佰玖拾陆元柒角叁分
 * @param categories  费用分类: the stay's charges by fee category with their 甲/乙/丙 split ({@link FeeCategories}); empty
 *                    when the lines are not known
 * @param categoriesTotal the categories added up (合计), null without categories
 * @param yearToDate  本年累计 as this bill left the person's year (null before settlement)
 */
public record SheetFacts(String setlId, String setlTime, String operator, Integer days, Integer age, String amountKind,
                         BigDecimal amount, String amountWords, java.util.List<FeeCategories.Row> categories,
                         FeeCategories.Row categoriesTotal, YearToDateRows yearToDate) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * @param origin     when the bill was settled and its number (null: not settled, e.g. 预结算)
     * @param operator   who settled it (null: unknown)
     * @param brdy       the patient's birth date (null: not known)
     * @param categories the stay's charges by fee category
     * @param yearToDate 本年累计 (null: not settled)
     */
    public static SheetFacts of(Bill bill, Ledger.Origin origin, String operator, LocalDate brdy, ZoneId zone,
                                java.util.List<FeeCategories.Row> categories, YearToDateRows yearToDate) {
        String id = null;
        String time = null;
        if (origin != null) {
            var at = origin.at().atZone(zone);
            id = at.format(DAY) + "-" + String.format("%08d", origin.seq());
            time = at.format(TIME);
        }
        Integer days = bill.begntime() == null || bill.endtime() == null ? null
                : (int) Math.max(1, ChronoUnit.DAYS.between(bill.begntime(), bill.endtime()));
        Integer age = brdy == null || bill.begntime() == null || brdy.isAfter(bill.begntime()) ? null
                : Period.between(brdy, bill.begntime()).getYears();
        String kind;
        BigDecimal amount;
        Bill.DepositInfo d = bill.deposit();
        if (d == null) {
            kind = "cash";
            amount = bill.setlinfo().psnCashPay();
        } else if (d.amountRefund() != null && d.amountRefund().signum() > 0) {
            kind = "refund";
            amount = d.amountRefund();
        } else {
            kind = "due";
            amount = d.amountDue() == null ? BigDecimal.ZERO : d.amountDue();
        }
        return new SheetFacts(id, time, operator, days, age, kind, amount, RmbCapitals.of(amount), categories,
                FeeCategories.total(categories), yearToDate);
    }
}
