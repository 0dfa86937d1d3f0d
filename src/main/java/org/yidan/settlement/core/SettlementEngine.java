package org.yidan.settlement.core;

import java.math.BigDecimal;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chain of payers (DESIGN §4): a pure function from (policy, the person's year so far, this encounter) to
 * (bill, ledger changes). Knows nothing of HL7, HTTP or storage.
 */
public final class SettlementEngine {

    public static final String FUND_EMP_POOL = "310100";
    public static final String FUND_RES_POOL = "390100";
    public static final String FUND_EMP_LARGE = "330100";
    public static final String FUND_RES_CI = "390200";
    public static final String FUND_MAF = "610100";
    public static final String FUND_REASSIST = "610102";
    public static final String FUND_HOSP = "630100";
    public static final String FUND_OTHER = "999997";

    private final DxGroups dxGroups;

    public SettlementEngine(DxGroups dxGroups) {
        this.dxGroups = dxGroups;
    }

    /** The result: the bill and what it adds to the ledger. */
    public record Settlement(Bill bill, List<LedgerChange> changes) {}

    /** Amounts of the catalogue split (DESIGN §4 step 1). */
    record Split(BigDecimal medfee, BigDecimal fulamt, BigDecimal overlmt, BigDecimal preself, BigDecimal inscp,
                 BigDecimal specialDrugInscp, BigDecimal pkuBase) {
        BigDecimal inscpGeneral() {
            return inscp.subtract(specialDrugInscp);
        }
    }

    /** One candidate category's payers from critical illness on. */
    private static final class Chain {
        final String category;
        BigDecimal ci = Money.ZERO;
        BigDecimal sd = Money.ZERO;
        BigDecimal maf1 = Money.ZERO;
        BigDecimal maf2 = Money.ZERO;
        final List<Working> ciWork = new ArrayList<>();
        final List<Working> mafWork = new ArrayList<>();
        final List<Working> reWork = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final List<Bill.Alert> notices = new ArrayList<>();
        final Map<String, BigDecimal[]> pools = new LinkedHashMap<>();
        BigDecimal fund;
        BigDecimal psnPart;

        Chain(String category) {
            this.category = category;
        }

        void pool(String pool, BigDecimal base, BigDecimal paid) {
            BigDecimal[] v = pools.computeIfAbsent(pool, k -> new BigDecimal[] {Money.ZERO, Money.ZERO});
            v[0] = v[0].add(base);
            v[1] = v[1].add(paid);
        }
    }

    public Settlement settle(Policy policy, Encounter e, LedgerView ledger) {
        checkCategories(policy, e.reliefCategories());
        Upstream up = e.upstream() == null ? Upstream.NONE : e.upstream();
        if ("310".equals(e.insutype()) && up.hifmiPay() != null) {
            throw new SettlementException("upstream.hifmi_pay", "resident critical illness given for an employee (insutype 310) encounter; use hifob_pay");
        }
        if ("390".equals(e.insutype()) && up.hifobPay() != null) {
            throw new SettlementException("upstream.hifob_pay", "employee large-amount subsidy given for a resident (insutype 390) encounter; use hifmi_pay");
        }
        int year = e.year();
        List<String> warnings = new ArrayList<>();
        Split split = split(policy, e);

        BigDecimal hosp = Money.orZero(up.hospPartAmt());
        BigDecimal oth = Money.orZero(up.othPay());

        // Shared pools touched by every candidate: basic and PKU.
        Map<String, BigDecimal[]> commonPools = new LinkedHashMap<>();

        // Step 2: basic insurance.
        BigDecimal hifp;
        BigDecimal actPayDedc = Money.ZERO;
        Working basicWork;
        Rule basicRule = first(policy, RuleKind.BASIC, e, null);
        if (up.hifpPay() != null) {
            hifp = up.hifpPay();
            basicWork = upstream("basic", "hifp_pay", hifp);
            if (basicRule != null) addPool(commonPools, basicRule.pool(), split.inscpGeneral(), hifp);
        } else if (basicRule == null) {
            hifp = Money.ZERO;
            warnings.add("基本医保：本地政策无险种 " + e.insutype() + "、医疗类别 " + e.medType() + " 的统筹规则，未计算统筹支付");
            basicWork = null;
        } else {
            Schedule s = basicRule.byLevel().get(e.hospLv() == null ? "any" : e.hospLv());
            if (s == null) s = basicRule.byLevel().get("any");
            if (s == null) {
                throw new SettlementException("hosp_lv", "hospital level '" + e.hospLv() + "' has no basic-insurance "
                        + "schedule in rule " + basicRule.id() + " (levels: " + basicRule.byLevel().keySet() + ")");
            }
            BigDecimal base = split.inscpGeneral();
            BigDecimal credit = Money.orZero(e.referralDedcPaid());
            PoolTotals before = ledger.get(e.psnNo(), year, basicRule.pool());
            Schedules.Result r = Schedules.apply(s, base, before, credit);
            hifp = r.paid();
            actPayDedc = r.deductibleUsed();
            List<String> notes = new ArrayList<>();
            if (credit.signum() > 0) {
                notes.add("转诊连续计算起付线：起付线 " + s.deductible() + " 减去转出医院已付 " + credit
                        + "（鲁医保发〔2019〕69号 二(二)5）");
            }
            basicWork = working("basic", basicRule, null, base,
                    "符合政策范围金额 " + split.inscp() + (split.specialDrugInscp().signum() > 0
                            ? " − 特药 " + split.specialDrugInscp() : ""), s, r, r.paid(), notes);
            addPool(commonPools, basicRule.pool(), base, hifp);
        }

        // PKU special food: category-independent assistance (鲁医保发〔2019〕69号 二(二)3 五是).
        BigDecimal pku = Money.ZERO;
        Working pkuWork = null;
        if (split.pkuBase().signum() > 0) {
            if (e.brdy() == null) throw new SettlementException("brdy", "birth date required for PKU_FOOD lines (age rule)");
            Rule r = first(policy, RuleKind.PKU_FOOD, e, null);
            if (r == null) {
                warnings.add("苯丙酮酸尿症特殊治疗食品：本地政策无救助规则，费用 " + split.pkuBase() + " 自付");
            } else if (r.status() != RuleStatus.SET) {
                warnings.add(unsetText(r, "苯丙酮酸尿症特殊治疗食品"));
            } else {
                PoolTotals before = ledger.get(e.psnNo(), year, r.pool());
                Schedules.Result res = Schedules.apply(r.schedule(), split.pkuBase(), before, Money.ZERO);
                pku = res.paid();
                pkuWork = working("pku_food", r, null, split.pkuBase(), "苯丙酮酸尿症特殊治疗食品费用 " + split.pkuBase()
                        + "，出院日年龄 " + age(e) + " 岁", r.schedule(), res, pku, List.of());
                addPool(commonPools, r.pool(), split.pkuBase(), pku);
            }
        }

        // Steps 3 to 6 once per candidate category (就高不重复: keep the smallest patient share).
        List<String> candidates = candidates(policy, e, warnings);
        List<Chain> chains = new ArrayList<>();
        for (String c : candidates) {
            chains.add(chain(policy, e, ledger, split, up, hifp, pku, hosp, oth, c));
        }
        Chain best = chains.get(0);
        for (Chain ch : chains) {
            if (ch.psnPart.compareTo(best.psnPart) < 0) best = ch;
        }

        if (best.psnPart.signum() < 0) {
            throw new SettlementException("upstream", "the payers' amounts (" + best.fund + ") and hospital reduction (" + hosp
                    + ") exceed the medical costs " + split.medfee() + "; check the upstream amounts");
        }
        BigDecimal ciPay = best.ci.add(best.sd);
        boolean employee = "310".equals(e.insutype());
        BigDecimal hifmi = employee ? Money.ZERO : ciPay;
        BigDecimal hifob = employee ? ciPay : Money.ZERO;
        BigDecimal maf = best.maf1.add(best.maf2).add(pku);
        BigDecimal fund = best.fund;
        BigDecimal psnPart = best.psnPart;
        BigDecimal acct = Money.min(Money.orZero(up.acctPay()), psnPart);
        BigDecimal psnCash = psnPart.subtract(acct);

        // Ledger changes: common pools and the chosen chain's pools.
        Map<String, BigDecimal[]> pools = new LinkedHashMap<>(commonPools);
        best.pools.forEach((k, v) -> addPool(pools, k, v[0], v[1]));

        // Alerts (DESIGN §4, §6).
        List<Bill.Alert> alerts = new ArrayList<>(best.notices);
        for (Rule r : policy.rules(RuleKind.ALERT_LARGE_EXPENSE)) {
            BigDecimal t = r.amount("threshold");
            if (split.medfee().compareTo(t) >= 0) {
                alerts.add(new Bill.Alert("LARGE_EXPENSE", "大额医疗费用预警：本次医疗费用 " + split.medfee() + " 元，达到 "
                        + t + " 元（含）以上", r.clause()));
            }
        }
        BigDecimal burdenNow = split.medfee().subtract(hifp).subtract(ciPay);
        for (Rule r : policy.rules(RuleKind.ALERT_BURDEN)) {
            boolean applies = r.categories().isEmpty() ? e.reliefCategories().isEmpty()
                    : e.reliefCategories().stream().anyMatch(r.categories()::contains);
            if (!applies) continue;
            PoolTotals before = ledger.get(e.psnNo(), year, r.pool());
            BigDecimal after = before.base().add(burdenNow);
            addPool(pools, r.pool(), burdenNow, Money.ZERO);
            String stat = r.statistic();
            RegionPolicy.Statistic income = policy.statistics().getOrDefault(stat, Map.of()).get(year - 1);
            if (income == null) {
                warnings.add("监测预警未判断：缺少 " + stat + " " + (year - 1) + " 年数值（" + r.clause() + "）");
                continue;
            }
            BigDecimal threshold = Money.fen(income.value().multiply(r.amount("fraction")));
            if (after.compareTo(threshold) > 0) {
                alerts.add(new Bill.Alert("BURDEN_MONITOR", "因病致贫返贫风险监测：" + year + " 年经基本医保、大病保险后个人累计负担 "
                        + after + " 元，超过全省上年度居民人均可支配收入 " + income.value() + " 元的 "
                        + r.amount("fraction").multiply(new BigDecimal(100)).stripTrailingZeros().toPlainString()
                        + "%（" + threshold + " 元）", r.clause()));
            }
        }
        warnings.addAll(best.warnings);
        Set<String> illustrative = new LinkedHashSet<>();
        for (Working w : allWork(basicWork, best, pkuWork)) if (w.illustrative()) illustrative.add(w.rule());
        if (!illustrative.isEmpty()) {
            warnings.add("示例参数（非政策文件所定，仅供演示）：" + String.join(", ", illustrative));
        }

        // Deposit (先诊疗后付费).
        DepositDecision dd = DepositDecision.decide(policy, e.reliefCategories(), e.medType(), e.fixmedinsAdmdvs());
        BigDecimal deposit = Money.orZero(e.deposit());
        if (dd.depositFree() && deposit.signum() > 0) {
            warnings.add("该患者属先诊疗后付费对象，但收取了押金 " + deposit + " 元（" + dd.clause() + "）");
        }
        Bill.DepositInfo depositInfo = new Bill.DepositInfo(dd.depositFree(), dd.clause(), deposit, psnCash,
                Money.nonNegative(psnCash.subtract(deposit)), Money.nonNegative(deposit.subtract(psnCash)));

        // setldetail rows.
        List<Bill.SetlDetail> detail = new ArrayList<>();
        String basicFund = employee ? FUND_EMP_POOL : FUND_RES_POOL;
        detail.add(row(basicFund, employee ? "职工基本医疗保险统筹基金" : "城乡居民基本医疗保险统筹基金", hifp,
                up.hifpPay() != null, basicWork == null ? List.of() : List.of(basicWork)));
        if (employee) {
            detail.add(row(FUND_EMP_LARGE, "职工大额医疗费用补助", hifob, up.hifobPay() != null, best.ciWork));
        } else {
            detail.add(row(FUND_RES_CI, "城乡居民大病保险", hifmi, up.hifmiPay() != null, best.ciWork));
        }
        List<Working> mafWork = new ArrayList<>(best.mafWork);
        if (pkuWork != null) mafWork.add(pkuWork);
        detail.add(row(FUND_MAF, "医疗救助基金", best.maf1.add(pku), false, mafWork));
        detail.add(row(FUND_REASSIST, "医疗救助再救助", best.maf2, false, best.reWork));
        if (up.hospPartAmt() != null) {
            detail.add(row(FUND_HOSP, "医疗机构减免", hosp, true, List.of(upstream("hospital_reduction", "hosp_part_amt", hosp))));
        }
        if (up.othPay() != null) {
            detail.add(row(FUND_OTHER, "其他（医疗商业补充保险）", oth, true, List.of(upstream("other", "oth_pay", oth))));
        }

        List<Bill.Alternative> alts = new ArrayList<>();
        for (Chain ch : chains) {
            BigDecimal ci = ch.ci.add(ch.sd);
            alts.add(new Bill.Alternative(ch.category, ch.category == null ? "普通参保人员" : policy.categoryName(ch.category),
                    employee ? Money.ZERO : ci, employee ? ci : Money.ZERO, ch.maf1.add(ch.maf2).add(pku), ch.fund,
                    ch.psnPart, ch == best, List.copyOf(ch.warnings)));
        }
        Bill.Relief relief = new Bill.Relief(best.category,
                best.category == null ? "普通参保人员" : policy.categoryName(best.category), alts);

        List<LedgerChange> changes = new ArrayList<>();
        pools.forEach((k, v) -> changes.add(new LedgerChange(k, v[0], v[1])));

        Bill.Setlinfo info = new Bill.Setlinfo(split.medfee(), split.fulamt(), split.overlmt(), split.preself(),
                split.inscp(), actPayDedc, hifp, hifmi, hifob, maf, oth, fund, hosp, psnPart, acct, psnCash);
        Bill bill = new Bill(e.mdtrtId(), e.psnNo(), Masking.certno(e.certno()), e.psnName(), e.insutype(),
                e.insuAdmdvs(), e.fixmedinsAdmdvs(), e.medType(), e.begntime(), e.endtime(), year,
                new Bill.PolicyRef(policy.region(), policy.name(), policy.date(),
                        policy.documents().stream().map(Document::id).toList()),
                info, detail, relief, depositInfo, alerts, warnings, changes);
        return new Settlement(bill, changes);
    }

    private static List<Working> allWork(Working basic, Chain best, Working pku) {
        List<Working> all = new ArrayList<>();
        if (basic != null) all.add(basic);
        all.addAll(best.ciWork);
        all.addAll(best.mafWork);
        all.addAll(best.reWork);
        if (pku != null) all.add(pku);
        return all;
    }

    private Chain chain(Policy policy, Encounter e, LedgerView ledger, Split split, Upstream up, BigDecimal hifp,
                        BigDecimal pku, BigDecimal hosp, BigDecimal oth, String category) {
        Chain ch = new Chain(category);
        int year = e.year();
        boolean employee = "310".equals(e.insutype());
        BigDecimal upCi = employee ? up.hifobPay() : up.hifmiPay();
        // Step 3: critical illness on the in-scope burden after basic insurance, and the special-drug channel.
        if (upCi != null) {
            ch.ci = upCi;
            ch.ciWork.add(upstream("critical_illness", employee ? "hifob_pay" : "hifmi_pay", upCi));
            // keep the yearly running total so that a later computed stay continues from it
            Rule r = categoryRule(policy, RuleKind.CRITICAL_ILLNESS, e, category);
            if (r != null) ch.pool(r.pool(), Money.nonNegative(split.inscpGeneral().subtract(hifp)), upCi);
        } else {
            BigDecimal base = Money.nonNegative(split.inscpGeneral().subtract(hifp));
            Rule r = categoryRule(policy, RuleKind.CRITICAL_ILLNESS, e, category);
            if (r != null && base.signum() > 0) {
                PoolTotals before = ledger.get(e.psnNo(), year, r.pool());
                Schedules.Result res = Schedules.apply(r.schedule(), base, before, Money.ZERO);
                ch.ci = res.paid();
                ch.ciWork.add(working("critical_illness", r, category, base, "符合政策范围金额 " + split.inscpGeneral()
                        + " − 基本医保 " + hifp, r.schedule(), res, res.paid(), List.of()));
                ch.pool(r.pool(), base, ch.ci);
            }
            if (split.specialDrugInscp().signum() > 0) {
                Rule sd = categoryRule(policy, RuleKind.SPECIAL_DRUG, e, category);
                if (sd == null) {
                    ch.warnings.add("大病保险特药：本地政策无适用规则，特药费用 " + split.specialDrugInscp() + " 未由大病保险支付");
                } else {
                    BigDecimal b = split.specialDrugInscp();
                    PoolTotals before = ledger.get(e.psnNo(), year, sd.pool());
                    Schedules.Result res = Schedules.apply(sd.schedule(), b, before, Money.ZERO);
                    ch.sd = res.paid();
                    ch.ciWork.add(working("special_drug", sd, category, b, "特药符合政策范围金额 " + b, sd.schedule(), res,
                            res.paid(), List.of()));
                    ch.pool(sd.pool(), b, ch.sd);
                }
            }
        }
        BigDecimal burden = Money.nonNegative(split.inscp().subtract(hifp).subtract(ch.ci).subtract(ch.sd));
        BigDecimal remaining = split.medfee().subtract(hifp).subtract(ch.ci).subtract(ch.sd).subtract(pku)
                .subtract(hosp).subtract(oth);
        // Step 5: medical assistance.
        boolean reassist = false;
        if (category != null) {
            Rule a = categoryRule(policy, RuleKind.ASSISTANCE, e, category);
            if (a == null) {
                ch.warnings.add(policy.categoryName(category) + "：本地政策无适用于医疗类别 " + e.medType() + " 的医疗救助规则");
                reassist = true;
            } else if (a.status() == RuleStatus.UNSET) {
                ch.warnings.add(unsetText(a, policy.categoryName(category) + " 医疗救助"));
            } else if (a.status() == RuleStatus.ELSEWHERE) {
                ch.notices.add(new Bill.Alert("APPLY_ELSEWHERE", policy.categoryName(category) + "：" + a.note(), a.clause()));
            } else {
                BigDecimal base = Money.nonNegative(burden.subtract(after(a, hosp, oth)));
                Schedules.Result res = Schedules.apply(a.schedule(), base, ledger.get(e.psnNo(), year, a.pool()), Money.ZERO);
                BigDecimal paid = limit(res.paid(), remaining);
                ch.maf1 = paid;
                remaining = remaining.subtract(paid);
                ch.mafWork.add(working("assistance", a, category, base, baseText(split, hifp, ch, a, hosp, oth, false),
                        a.schedule(), res, paid, limitNote(res.paid(), paid)));
                ch.pool(a.pool(), base, paid);
                reassist = true;
            }
        }
        // Step 6: re-assistance on what is left.
        if (category != null && reassist) {
            Rule r = categoryRule(policy, RuleKind.RE_ASSISTANCE, e, category);
            if (r != null && r.status() == RuleStatus.UNSET) {
                ch.warnings.add(unsetText(r, policy.categoryName(category) + " 再救助"));
            } else if (r != null && r.status() == RuleStatus.SET) {
                BigDecimal base = Money.nonNegative(burden.subtract(ch.maf1).subtract(after(r, hosp, oth)));
                Schedules.Result res = Schedules.apply(r.schedule(), base, ledger.get(e.psnNo(), year, r.pool()), Money.ZERO);
                BigDecimal paid = limit(res.paid(), remaining);
                ch.maf2 = paid;
                ch.reWork.add(working("re_assistance", r, category, base, baseText(split, hifp, ch, r, hosp, oth, true),
                        r.schedule(), res, paid, limitNote(res.paid(), paid)));
                ch.pool(r.pool(), base, paid);
            }
        }
        ch.fund = hifp.add(ch.ci).add(ch.sd).add(ch.maf1).add(ch.maf2).add(pku).add(oth);
        ch.psnPart = split.medfee().subtract(ch.fund).subtract(hosp);
        return ch;
    }

    private static BigDecimal limit(BigDecimal paid, BigDecimal remaining) {
        return Money.min(paid, Money.nonNegative(remaining));
    }

    private static List<String> limitNote(BigDecimal computed, BigDecimal paid) {
        if (paid.compareTo(computed) < 0) {
            return List.of("限于患者尚需负担的金额：按公式应付 " + computed + "，实付 " + paid);
        }
        return List.of();
    }

    private static BigDecimal after(Rule r, BigDecimal hosp, BigDecimal oth) {
        BigDecimal s = Money.ZERO;
        if (r.baseAfter().contains("hosp_part_amt")) s = s.add(hosp);
        if (r.baseAfter().contains("oth_pay")) s = s.add(oth);
        return s;
    }

    private static String baseText(Split split, BigDecimal hifp, Chain ch, Rule r, BigDecimal hosp, BigDecimal oth,
                                   boolean re) {
        StringBuilder b = new StringBuilder("符合政策范围金额 ").append(split.inscp()).append(" − 基本医保 ").append(hifp);
        if (ch.ci.add(ch.sd).signum() > 0) b.append(" − 大病保险 ").append(ch.ci.add(ch.sd));
        if (re) b.append(" − 医疗救助 ").append(ch.maf1);
        if (r.baseAfter().contains("hosp_part_amt") && hosp.signum() > 0) b.append(" − 医疗机构减免 ").append(hosp);
        if (r.baseAfter().contains("oth_pay") && oth.signum() > 0) b.append(" − 商业补充保险 ").append(oth);
        return b.toString();
    }

    private static String unsetText(Rule r, String what) {
        return what + "：政策文件未规定具体标准（" + r.clause() + (r.note() == null ? "" : "：" + r.note())
                + "），本单不予结算";
    }

    private List<String> candidates(Policy policy, Encounter e, List<String> warnings) {
        Set<String> known = new LinkedHashSet<>();
        for (Rule r : policy.rules()) {
            if (r.kind() == RuleKind.DEPOSIT_FREE || r.kind().name().startsWith("ALERT")) continue;
            known.addAll(r.categories());
        }
        List<String> out = new ArrayList<>();
        for (String code : policy.categories().keySet()) {
            if (!e.reliefCategories().contains(code)) continue;
            if (known.contains(code)) {
                out.add(code);
            } else {
                warnings.add(policy.categoryName(code) + "（" + code + "）：" + policy.name() + "现行政策无此类别的规定，按普通参保人员结算");
            }
        }
        if (out.isEmpty()) out.add(null);
        return out;
    }

    static void checkCategories(Policy policy, List<String> categories) {
        for (int i = 0; i < categories.size(); i++) {
            String c = categories.get(i);
            if (!policy.categories().containsKey(c)) {
                throw new SettlementException("relief_categories[" + i + "]", "unknown relief category '" + c
                        + "'; known: " + String.join(", ", policy.categories().keySet()));
            }
        }
    }

    /** The first rule of a kind whose conditions the encounter meets, for a category (null: ordinary rules only). */
    private Rule categoryRule(Policy policy, RuleKind kind, Encounter e, String category) {
        if (category != null) {
            Rule r = first(policy, kind, e, category);
            if (r != null) return r;
        }
        if (kind == RuleKind.CRITICAL_ILLNESS || kind == RuleKind.SPECIAL_DRUG) return first(policy, kind, e, null);
        return null;
    }

    private Rule first(Policy policy, RuleKind kind, Encounter e, String category) {
        for (Rule r : policy.rules()) {
            if (r.kind() != kind) continue;
            if (!r.insutypes().isEmpty() && !r.insutypes().contains(e.insutype())) continue;
            if (!r.medTypes().isEmpty() && !r.medTypes().contains(e.medType())) continue;
            if (kind != RuleKind.BASIC && kind != RuleKind.PKU_FOOD) {
                if (category == null ? !r.categories().isEmpty() : !r.categories().contains(category)) continue;
            }
            if (r.area() == Area.IN && !policy.inArea(e.fixmedinsAdmdvs())) continue;
            if (r.area() == Area.OUT && policy.inArea(e.fixmedinsAdmdvs())) continue;
            if (r.dxGroup() != null && e.diagnoses().stream().noneMatch(d -> dxGroups.contains(r.dxGroup(), d))) continue;
            if (r.ageMax() != null && (e.brdy() == null || age(e) > r.ageMax())) continue;
            if (r.ageOver() != null && (e.brdy() == null || age(e) <= r.ageOver())) continue;
            return r;
        }
        return null;
    }

    static int age(Encounter e) {
        return Period.between(e.brdy(), e.endtime()).getYears();
    }

    /** Step 1: split the charges by catalogue class (DESIGN §4). */
    static Split split(Policy policy, Encounter e) {
        BigDecimal medfee = BigDecimal.ZERO;
        BigDecimal fulamt = BigDecimal.ZERO;
        BigDecimal overRaw = BigDecimal.ZERO;
        BigDecimal preRaw = BigDecimal.ZERO;
        BigDecimal sdRaw = BigDecimal.ZERO;
        BigDecimal pku = BigDecimal.ZERO;
        BigDecimal defaultProp = null;
        for (Rule r : policy.rules(RuleKind.CATALOGUE)) {
            defaultProp = r.amount("b_selfpay_prop");
            break;
        }
        List<FeeLine> lines = e.feedetail();
        for (int i = 0; i < lines.size(); i++) {
            FeeLine l = lines.get(i);
            BigDecimal amt = l.detItemFeeSumamt();
            medfee = medfee.add(amt);
            if (l.kind() == LineKind.PKU_FOOD) {
                pku = pku.add(amt);
                fulamt = fulamt.add(amt);
                continue;
            }
            if (l.chrgitmLv() == ChargeClass.C) {
                fulamt = fulamt.add(amt);
                continue;
            }
            BigDecimal over = BigDecimal.ZERO;
            if (l.pricUplmtAmt() != null && l.pric() != null && l.pric().compareTo(l.pricUplmtAmt()) > 0) {
                over = Money.min(amt, l.pric().subtract(l.pricUplmtAmt()).multiply(l.cnt()));
            }
            overRaw = overRaw.add(over);
            BigDecimal rest = amt.subtract(over);
            BigDecimal pre = BigDecimal.ZERO;
            if (l.chrgitmLv() == ChargeClass.B) {
                BigDecimal prop = l.selfpayProp() != null ? l.selfpayProp() : defaultProp;
                if (prop == null) {
                    throw new SettlementException("feedetail[" + i + "].selfpay_prop",
                            "乙类 line without selfpay_prop, and the policy sets no default");
                }
                pre = rest.multiply(prop);
            }
            preRaw = preRaw.add(pre);
            if (l.kind() == LineKind.SPECIAL_DRUG) sdRaw = sdRaw.add(rest.subtract(pre));
        }
        medfee = Money.fen(medfee);
        fulamt = Money.fen(fulamt);
        BigDecimal overlmt = Money.fen(overRaw);
        BigDecimal preself = Money.fen(preRaw);
        BigDecimal inscp = medfee.subtract(fulamt).subtract(overlmt).subtract(preself);
        BigDecimal sd = Money.min(Money.fen(sdRaw), inscp);
        return new Split(medfee, fulamt, overlmt, preself, inscp, sd, Money.fen(pku));
    }

    private static void addPool(Map<String, BigDecimal[]> pools, String pool, BigDecimal base, BigDecimal paid) {
        if (pool == null) return;
        BigDecimal[] v = pools.computeIfAbsent(pool, k -> new BigDecimal[] {Money.ZERO, Money.ZERO});
        v[0] = v[0].add(base);
        v[1] = v[1].add(paid);
    }

    private static Bill.SetlDetail row(String type, String name, BigDecimal amt, boolean upstream, List<Working> work) {
        return new Bill.SetlDetail(type, name, amt, upstream ? "upstream" : "computed", List.copyOf(work));
    }

    private static Working upstream(String layer, String field, BigDecimal amt) {
        return new Working(layer, null, null, false, null, null, "由 HIS 传入（" + field + "），按给定金额使用", null, null,
                null, null, List.of(), amt, null, null, null, amt, List.of("上游已结算金额，不重新计算"));
    }

    private static Working working(String layer, Rule r, String category, BigDecimal base, String baseFormula,
                                   Schedule s, Schedules.Result res, BigDecimal paid, List<String> notes) {
        BigDecimal capLeftAfter = res.capLeftBefore() == null ? null : res.capLeftBefore().subtract(paid);
        if (s.cap() == null) {
            notes = new ArrayList<>(notes);
            notes.add("不设年度封顶线");
        }
        return new Working(layer, r.id(), r.clause(), r.illustrative(), category, base, baseFormula,
                res.yearBaseBefore(), res.yearBaseAfter(), res.deductible(), res.deductibleUsed(), res.segments(),
                res.computed(), s.cap(), res.capLeftBefore(), capLeftAfter, paid, notes);
    }

}
