package org.yidan.settlement.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Step 7 and the bill (DESIGN §5): the patient's share, the deposit (先诊疗后付费), one setldetail row per fund with its
 * working, the categories compared, and setlinfo, balanced to the fen.
 */
final class BillAssembler {
    private BillAssembler() {}

    static SettlementEngine.Settlement bill(Stay s, BasicLayer basic, PkuLayer pku, List<CategoryChain> chains, CategoryChain best,
                                            LedgerPools pools, List<Bill.Alert> alerts, List<String> warnings) {
        Encounter e = s.e();
        Policy policy = s.policy();
        Upstream up = s.up();
        ChargeSplit split = s.split();
        boolean employee = s.insurance() == InsuranceType.EMPLOYEE;
        BigDecimal hifp = basic.hifp();
        BigDecimal ciPay = best.ciPay();
        BigDecimal hifmi = employee ? Money.ZERO : ciPay;
        BigDecimal hifob = employee ? ciPay : Money.ZERO;
        BigDecimal maf = best.assistance.add(best.reAssistance).add(pku.pku());
        BigDecimal psnPart = best.psnPart;
        BigDecimal acct = Money.min(Money.orZero(up.acctPay()), psnPart);
        BigDecimal psnCash = psnPart.subtract(acct);

        warnings.addAll(best.warnings);
        Set<String> illustrative = new LinkedHashSet<>();
        for (Working w : allWork(basic.working(), best, pku.working())) if (w.illustrative()) illustrative.add(w.ruleName());
        if (!illustrative.isEmpty()) {
            warnings.add("示例参数（非政策文件所定，仅供演示）：" + String.join("、", illustrative));
        }

        List<Bill.IdentityCheck> identities = identityChecks(s, warnings);
        DepositDecision dd = DepositDecision.decide(policy, e.categoriesAtAdmission(), e.medType(), e.fixmedinsAdmdvs());
        BigDecimal deposit = Money.orZero(e.deposit());
        if (dd.depositFree() && deposit.signum() > 0) {
            warnings.add("该患者属先诊疗后付费对象，但收取了押金 " + deposit + " 元（" + dd.clause() + "）");
        }
        Bill.DepositInfo depositInfo = new Bill.DepositInfo(dd.depositFree(), dd.clause(), deposit, psnCash,
                Money.nonNegative(psnCash.subtract(deposit)), Money.nonNegative(deposit.subtract(psnCash)));

        List<Bill.SetlDetail> detail = new ArrayList<>();
        detail.add(row(FundType.pool(s.insurance()), hifp, up.hifpPay() != null, basic.working() == null ? List.of() : List.of(basic.working())));
        detail.add(row(FundType.criticalIllness(s.insurance()), ciPay, (employee ? up.hifobPay() : up.hifmiPay()) != null, best.ciWork));
        List<Working> mafWork = new ArrayList<>(best.assistanceWork);
        if (pku.working() != null) mafWork.add(pku.working());
        detail.add(row(FundType.ASSISTANCE, best.assistance.add(pku.pku()), up.mafPay() != null, mafWork));
        detail.add(row(FundType.RE_ASSISTANCE, best.reAssistance, up.reAssistPay() != null, best.reAssistanceWork));
        if (up.hospPartAmt() != null) {
            detail.add(row(FundType.HOSPITAL_REDUCTION, s.hosp(), true, List.of(Workings.upstream(Layer.HOSPITAL_REDUCTION, "hosp_part_amt", s.hosp()))));
        }
        if (up.othPay() != null) {
            detail.add(row(FundType.OTHER, s.oth(), true, List.of(Workings.upstream(Layer.OTHER, "oth_pay", s.oth()))));
        }

        List<Bill.Alternative> alts = new ArrayList<>();
        for (CategoryChain ch : chains) {
            BigDecimal ci = ch.ciPay();
            alts.add(new Bill.Alternative(ch.category, s.categoryName(ch.category), employee ? Money.ZERO : ci, employee ? ci : Money.ZERO,
                    ch.assistance.add(ch.reAssistance).add(pku.pku()), ch.fund, ch.psnPart, ch == best, List.copyOf(ch.warnings)));
        }
        Bill.Relief relief = new Bill.Relief(best.category, s.categoryName(best.category), alts, identities);

        List<LedgerChange> changes = pools.changes();
        Bill.Setlinfo info = new Bill.Setlinfo(split.medfee(), split.fulamt(), split.overlmt(), split.preself(),
                split.inscp(), basic.deductibleUsed(), hifp, hifmi, hifob, maf, s.oth(), best.fund, s.hosp(), psnPart, acct, psnCash);
        Bill bill = new Bill(e.mdtrtId(), e.psnNo(), Masking.certno(e.certno()), e.psnName(), e.insutype(),
                e.insuAdmdvs(), e.fixmedinsAdmdvs(), e.medType(), e.begntime(), e.endtime(), s.year(),
                new Bill.PolicyRef(policy.region(), policy.name(), policy.date(), policy.documents().stream().map(Document::id).toList()),
                info, detail, relief, depositInfo, alertsWithShadows(alerts, best.shadows), warnings, changes, e.platform(),
                best.shadows.isEmpty() ? null : List.copyOf(best.shadows));
        return new SettlementEngine.Settlement(bill, changes);
    }

    /**
     * Which dated identities counted (null when none was given). One not valid on the discharge date is not settled
     * under, and the bill's warnings say so; valid at discharge but not at admission only loses 先诊疗后付费.
     */
    private static List<Bill.IdentityCheck> identityChecks(Stay s, List<String> warnings) {
        Encounter e = s.e();
        if (e.identities().isEmpty()) return null;
        List<Bill.IdentityCheck> out = new ArrayList<>();
        for (Identity i : e.identities()) {
            boolean atDischarge = i.validOn(e.endtime());
            boolean atAdmission = i.validOn(e.begntime());
            String name = s.categoryName(i.category()) + "（" + i.category() + "）";
            String note;
            if (atDischarge && atAdmission) {
                note = "有效期 " + i.period() + "，入院和出院日期均在有效期内";
            } else if (atDischarge) {
                note = "有效期 " + i.period() + "，出院日期 " + e.endtime() + " 有效；入院日期 " + e.begntime()
                        + " 不在有效期内，不适用先诊疗后付费";
            } else {
                note = "有效期 " + i.period() + "，出院日期 " + e.endtime() + " 不在有效期内，本次不按此身份结算";
                warnings.add(name + "：" + note);
            }
            out.add(new Bill.IdentityCheck(i.category(), s.categoryName(i.category()), i.begntime(), i.endtime(),
                    atDischarge, atAdmission, note));
        }
        return out;
    }

    /** The alerts, and one for each layer whose platform amount differs from the module's own by more than a fen. */
    private static List<Bill.Alert> alertsWithShadows(List<Bill.Alert> alerts, List<Bill.ShadowCheck> shadows) {
        List<Bill.Alert> out = new ArrayList<>(alerts);
        for (Bill.ShadowCheck c : shadows) {
            if (c.difference().abs().compareTo(new BigDecimal("0.01")) <= 0) continue;
            out.add(new Bill.Alert("SHADOW_DIFFERENCE", Layer.labelOf(c.layer()) + "（" + c.fundPayType() + "）：平台已支付 " + c.given()
                    + " 元，本系统按" + c.working().clause() + "测算 " + c.computed() + " 元，相差 " + c.difference() + " 元，请核对",
                    c.working().clause()));
        }
        return out;
    }

    private static List<Working> allWork(Working basic, CategoryChain best, Working pku) {
        List<Working> all = new ArrayList<>();
        if (basic != null) all.add(basic);
        all.addAll(best.ciWork);
        all.addAll(best.assistanceWork);
        all.addAll(best.reAssistanceWork);
        if (pku != null) all.add(pku);
        return all;
    }

    private static Bill.SetlDetail row(FundType type, BigDecimal amt, boolean upstream, List<Working> work) {
        return new Bill.SetlDetail(type.code, type.label, amt, upstream ? "upstream" : "computed", List.copyOf(work));
    }
}
