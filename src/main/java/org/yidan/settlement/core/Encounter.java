package org.yidan.settlement.core;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One encounter to settle. Field names follow the platform's 2401/2301 inputs where it has them.
 *
 * @param mdtrtId          mdtrt_id, the visit
 * @param psnNo            psn_no, the person (ledger key)
 * @param certno           certno, national ID number (never logged in full)
 * @param psnName          psn_name
 * @param brdy             brdy, birth date (needed for age rules)
 * @param insutype         insutype: 310 employee, 390 resident
 * @param insuAdmdvs       insu_admdvs, the insured region (6-digit division code)
 * @param fixmedinsAdmdvs  fixmedins_admdvs, where the hospital is
 * @param hospLv           hosp_lv, hospital level 1/2/3
 * @param medType          med_type: 11 outpatient, 14 chronic/special-disease outpatient, 21 inpatient
 * @param begntime         begntime, admission date
 * @param endtime          endtime, discharge date (chooses the policy and the ledger year)
 * @param reliefCategories our field: relief identities without dates (codes of policies/categories.yaml), always valid
 * @param diagnoses        ICD-10 codes, main diagnosis first
 * @param referralDedcPaid our field: deductible already paid in the referring stay (连续计算起付线)
 * @param deposit          our field: deposit taken at admission
 * @param feedetail        the charge lines
 * @param upstream         amounts already settled upstream
 * @param identities       relief identities with their dates (1101 psn_idet_type, begntime, endtime): each counts only
 *                         when valid on the discharge date (for 先诊疗后付费, on the admission date)
 * @param yearToDate       the person's totals so far this year from outside (5206), null when not given
 * @param platform         the platform's own settlement of the stay (2304 output), null when not given; its amounts
 *                         are in {@code upstream}
 */
public record Encounter(
        String mdtrtId,
        String psnNo,
        String certno,
        String psnName,
        LocalDate brdy,
        String insutype,
        String insuAdmdvs,
        String fixmedinsAdmdvs,
        String hospLv,
        String medType,
        LocalDate begntime,
        LocalDate endtime,
        List<String> reliefCategories,
        List<String> diagnoses,
        BigDecimal referralDedcPaid,
        BigDecimal deposit,
        List<FeeLine> feedetail,
        Upstream upstream,
        List<Identity> identities,
        YearToDate yearToDate,
        PlatformResult platform) {

    public Encounter {
        identities = identities == null ? List.of() : List.copyOf(identities);
    }

    /** An encounter whose relief identities carry no dates. */
    public Encounter(String mdtrtId, String psnNo, String certno, String psnName, LocalDate brdy, String insutype,
                     String insuAdmdvs, String fixmedinsAdmdvs, String hospLv, String medType, LocalDate begntime,
                     LocalDate endtime, List<String> reliefCategories, List<String> diagnoses, BigDecimal referralDedcPaid,
                     BigDecimal deposit, List<FeeLine> feedetail, Upstream upstream) {
        this(mdtrtId, psnNo, certno, psnName, brdy, insutype, insuAdmdvs, fixmedinsAdmdvs, hospLv, medType, begntime,
                endtime, reliefCategories, diagnoses, referralDedcPaid, deposit, feedetail, upstream, List.of(), null, null);
    }

    public int year() {
        return endtime.getYear();
    }

    /**
     * The encounter with relief identities recognised since (依申请 / 追溯): each given identity replaces the person's
     * identities of the same category, dated or not.
     */
    public Encounter withIdentities(List<Identity> recognised) {
        java.util.Set<String> cats = new java.util.HashSet<>();
        for (Identity i : recognised) cats.add(i.category());
        List<String> undated = reliefCategories.stream().filter(c -> !cats.contains(c)).toList();
        List<Identity> dated = new java.util.ArrayList<>(identities.stream().filter(i -> !cats.contains(i.category())).toList());
        dated.addAll(recognised);
        return new Encounter(mdtrtId, psnNo, certno, psnName, brdy, insutype, insuAdmdvs, fixmedinsAdmdvs, hospLv, medType,
                begntime, endtime, undated, diagnoses, referralDedcPaid, deposit, feedetail, upstream, dated, yearToDate, platform);
    }

    /** The encounter with these charge lines. */
    public Encounter withFeedetail(List<FeeLine> lines) {
        return new Encounter(mdtrtId, psnNo, certno, psnName, brdy, insutype, insuAdmdvs, fixmedinsAdmdvs, hospLv, medType,
                begntime, endtime, reliefCategories, diagnoses, referralDedcPaid, deposit, lines, upstream, identities,
                yearToDate, platform);
    }

    /** The relief categories that count for this settlement: undated, and dated ones valid on the discharge date. */
    public List<String> categoriesAtDischarge() {
        return Identity.categoriesOn(reliefCategories, identities, endtime);
    }

    /** The relief categories that count for 先诊疗后付费: undated, and dated ones valid on the admission date. */
    public List<String> categoriesAtAdmission() {
        return Identity.categoriesOn(reliefCategories, identities, begntime);
    }
}
