package org.yidan.settlement.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.yidan.settlement.core.Bill;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.ledger.InMemoryLedger;
import org.yidan.settlement.store.AuditLog;
import org.yidan.settlement.store.LedgerHistory;
import org.yidan.settlement.store.AuditLog;
import org.yidan.settlement.store.LedgerHistory;

/**
 * 对账: one day's settlements and cancels, with totals per fund. A settlement counts on the day it was made, a cancel
 * on the day it was made (a bill settled on Monday and cancelled on Tuesday is in both days: + on Monday, − on
 * Tuesday), so each day's net is what that day moved. The day runs from midnight to midnight in the configured zone.
 */
@Singleton
public class Reconciliation {
    /** The amounts totalled: the bill's setlinfo fields, in the order of the sheet. */
    static final Map<String, Function<Bill.Setlinfo, BigDecimal>> AMOUNTS = new LinkedHashMap<>();
    /** Column titles of the CSV for {@link #AMOUNTS}. */
    static final Map<String, String> TITLES = new LinkedHashMap<>();

    static {
        amount("medfee_sumamt", "医疗费用总额", Bill.Setlinfo::medfeeSumamt);
        amount("hifp_pay", "基本医保统筹", Bill.Setlinfo::hifpPay);
        amount("hifmi_pay", "大病保险", Bill.Setlinfo::hifmiPay);
        amount("hifob_pay", "职工大额补助", Bill.Setlinfo::hifobPay);
        amount("maf_pay", "医疗救助", Bill.Setlinfo::mafPay);
        amount("oth_pay", "其他支付", Bill.Setlinfo::othPay);
        amount("fund_pay_sumamt", "基金支付合计", Bill.Setlinfo::fundPaySumamt);
        amount("psn_part_amt", "个人负担", Bill.Setlinfo::psnPartAmt);
        amount("acct_pay", "个人账户", Bill.Setlinfo::acctPay);
        amount("psn_cash_pay", "个人现金", Bill.Setlinfo::psnCashPay);
    }

    private static void amount(String key, String title, Function<Bill.Setlinfo, BigDecimal> f) {
        AMOUNTS.put(key, f);
        TITLES.put(key, title);
    }

    /**
     * One line of the day: a settlement (+) or a cancel (−, amounts as on the cancelled bill); {@code adjustment} when
     * it is part of a re-settlement for relief recognised later or after an earlier stay's cancel (补救助调整).
     */
    record Line(String kind, Bill bill, Instant at, String by, String reason, boolean adjustment) {}

    /** The cancel reasons Settlements gives a re-settlement of a year's stays (retroactive relief, resettle_later). */
    static boolean adjustmentReason(String reason) {
        return reason != null && (reason.startsWith("追溯救助：") || reason.startsWith("前次结算 "));
    }

    private final LedgerHistory ledger;
    private final AuditLog audit;
    private final ZoneId zone;

    Reconciliation(LedgerHistory ledger, AuditLog audit, ZoneId zone) {
        this.ledger = ledger;
        this.audit = audit;
        this.zone = zone;
    }

    private List<Line> settled(Instant from, Instant to) {
        // who settled: the day's audit entries (settle, resettle, retroactive) by visit, in order; none before issue 14
        Map<String, List<AuditLog.Entry>> by = byVisit(from, to, "settle", "resettle", "retroactive");
        List<Line> out = new ArrayList<>();
        for (LedgerHistory.Settlement s : ledger.settledBetween(from, to)) {
            List<AuditLog.Entry> es = by.getOrDefault(s.record().mdtrtId(), List.of());
            String actor = es.isEmpty() ? null : es.remove(0).actor();
            out.add(new Line("settle", s.record().bill(), s.settledAt(), actor, null, false));
        }
        return out;
    }

    /** The audit entries of [from, to) with one of {@code actions}, by visit, in the order written. */
    private Map<String, List<AuditLog.Entry>> byVisit(Instant from, Instant to, String... actions) {
        List<String> wanted = List.of(actions);
        Map<String, List<AuditLog.Entry>> by = new HashMap<>();
        for (AuditLog.Entry e : audit.between(from, to)) {
            if (e.mdtrtId() != null && wanted.contains(e.action())) by.computeIfAbsent(e.mdtrtId(), k -> new ArrayList<>()).add(e);
        }
        return by;
    }

    private List<Line> cancelled(Instant from, Instant to) {
        // who cancelled: the day's audit entries (cancel, resettle) by visit, in order
        Map<String, List<AuditLog.Entry>> by = byVisit(from, to, "cancel", "resettle", "retroactive");
        List<Line> out = new ArrayList<>();
        for (InMemoryLedger.Cancelled c : ledger.cancelledBetween(from, to)) {
            List<AuditLog.Entry> es = by.getOrDefault(c.record().mdtrtId(), List.of());
            String actor = es.isEmpty() ? null : es.remove(0).actor();
            out.add(new Line("cancel", c.record().bill(), c.at(), actor, c.reason(), adjustmentReason(c.reason())));
        }
        return out;
    }

    /** A day's lines and their totals per amount: settled, cancelled and net (settled less cancelled). */
    record Day(LocalDate date, List<Line> settled, List<Line> cancelled, Map<String, BigDecimal> settledTotals,
               Map<String, BigDecimal> cancelledTotals, Map<String, BigDecimal> net) {}

    Day of(LocalDate date) {
        Instant from = date.atStartOfDay(zone).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
        List<Line> cancelled = cancelled(from, to);
        // a settlement after an adjustment's cancel of the same visit that day is the adjustment's new bill
        Map<String, Instant> adjusted = new HashMap<>();
        for (Line c : cancelled) if (c.adjustment()) adjusted.merge(c.bill().mdtrtId(), c.at(), (x, y) -> x.isBefore(y) ? x : y);
        List<Line> settled = new ArrayList<>();
        for (Line s : settled(from, to)) {
            Instant c = adjusted.get(s.bill().mdtrtId());
            settled.add(c != null && !s.at().isBefore(c) ? new Line(s.kind(), s.bill(), s.at(), s.by(), s.reason(), true) : s);
        }
        Map<String, BigDecimal> s = sum(settled);
        Map<String, BigDecimal> c = sum(cancelled);
        Map<String, BigDecimal> net = new LinkedHashMap<>();
        s.forEach((k, v) -> net.put(k, v.subtract(c.get(k))));
        return new Day(date, settled, cancelled, s, c, net);
    }

    public ObjectNode day(LocalDate date) {
        Day d = of(date);
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("date", date.toString());
        n.put("zone", zone.getId());
        n.set("settlements", rows(d.settled()));
        n.set("cancels", rows(d.cancelled()));
        ObjectNode totals = n.putObject("totals");
        totals.set("settled", total(d.settled().size(), d.settledTotals()));
        totals.set("cancelled", total(d.cancelled().size(), d.cancelledTotals()));
        totals.set("net", total(d.settled().size() - d.cancelled().size(), d.net()));
        // 补救助调整: the adjustments' new bills less the bills they replaced (inside settled and cancelled above)
        List<Line> newBills = d.settled().stream().filter(Line::adjustment).toList();
        List<Line> replaced = d.cancelled().stream().filter(Line::adjustment).toList();
        Map<String, BigDecimal> a = sum(newBills);
        Map<String, BigDecimal> r = sum(replaced);
        Map<String, BigDecimal> diff = new LinkedHashMap<>();
        a.forEach((k, v) -> diff.put(k, v.subtract(r.get(k))));
        ObjectNode adj = total(newBills.size(), diff);
        totals.set("adjustments", adj);
        return n;
    }

    private ArrayNode rows(List<Line> lines) {
        ArrayNode arr = Json.MAPPER.createArrayNode();
        for (Line l : lines) {
            ObjectNode o = arr.addObject();
            o.put("mdtrt_id", l.bill().mdtrtId());
            o.put("psn_no", l.bill().psnNo());
            o.put("psn_name", l.bill().psnName());
            o.put("at", l.at().atZone(zone).toOffsetDateTime().toString());
            o.put("by", l.by());
            if (l.adjustment()) o.put("adjustment", true);
            AMOUNTS.forEach((k, f) -> o.put(k, f.apply(l.bill().setlinfo())));
            if (l.kind().equals("cancel")) o.put("reason", l.reason());
        }
        return arr;
    }

    private static Map<String, BigDecimal> sum(List<Line> lines) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        AMOUNTS.forEach((k, f) -> m.put(k, lines.stream().map(l -> f.apply(l.bill().setlinfo()))
                .filter(java.util.Objects::nonNull).reduce(new BigDecimal("0.00"), BigDecimal::add)));
        return m;
    }

    private static ObjectNode total(int count, Map<String, BigDecimal> amounts) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("count", count);
        amounts.forEach(o::put);
        return o;
    }

    /** The day as CSV (UTF-8 with a byte-order mark, so that spreadsheet programs read the Chinese). */
    public String csv(LocalDate date) {
        Day d = of(date);
        StringBuilder sb = new StringBuilder("\uFEFF");
        List<String> head = new ArrayList<>(List.of("类型", "就诊号", "人员编号", "姓名", "时间", "操作员"));
        head.addAll(TITLES.values());
        head.add("撤销原因");
        line(sb, head);
        for (Line l : d.settled()) line(sb, row(l.adjustment() ? "补救助调整（新结算）" : "结算", l));
        for (Line l : d.cancelled()) line(sb, row(l.adjustment() ? "补救助调整（撤销原结算）" : "撤销", l));
        line(sb, totalRow("合计：结算 " + d.settled().size() + " 笔", d.settledTotals()));
        line(sb, totalRow("合计：撤销 " + d.cancelled().size() + " 笔", d.cancelledTotals()));
        line(sb, totalRow("净额", d.net()));
        return sb.toString();
    }

    private List<String> row(String kind, Line l) {
        List<String> r = new ArrayList<>(List.of(kind, l.bill().mdtrtId(), l.bill().psnNo(), nz(l.bill().psnName()),
                l.at().atZone(zone).toLocalDateTime().withNano(0).toString().replace('T', ' '), nz(l.by())));
        AMOUNTS.forEach((k, f) -> r.add(plain(f.apply(l.bill().setlinfo()))));
        r.add(nz(l.reason()));
        return r;
    }

    private static List<String> totalRow(String title, Map<String, BigDecimal> amounts) {
        List<String> r = new ArrayList<>(List.of(title, "", "", "", "", ""));
        amounts.values().forEach(v -> r.add(plain(v)));
        r.add("");
        return r;
    }

    private static String plain(BigDecimal v) {
        return v == null ? "" : v.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** RFC 4180 quoting; a text cell starting with = + - @ is prefixed with ' so no spreadsheet runs it as a formula. */
    private static void line(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) sb.append(',');
            String v = cells.get(i);
            boolean number = v.matches("-?\\d+(\\.\\d+)?");
            if (!number && !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) v = "'" + v;
            if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) v = "\"" + v.replace("\"", "\"\"") + "\"";
            sb.append(v);
        }
        sb.append("\r\n");
    }
}
