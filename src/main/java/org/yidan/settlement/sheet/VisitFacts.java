package org.yidan.settlement.sheet;

import java.util.List;

/**
 * What the settlement sheet shows of the patient and the stay as the HIS sent them (PID-8, PV1-3, DG1-3, IN1-4 by
 * default): read from the visit's stored A03 (else its A01) for the sheet only, never for the settlement. Nulls where
 * the message did not say.
 *
 * @param sex        性别 in words (the mapping's display table gend: M 男, F 女…)
 * @param dept       科室 in words (display table adm_dept_codg), or the code as sent
 * @param room       房间号
 * @param bed        床号
 * @param medrcdno   病案号
 * @param diagnoses  诊断: each its code and name (the name may be null)
 * @param insurer    经办机构 (the insurance plan's name, IN1-4)
 */
public record VisitFacts(String sex, String dept, String room, String bed, String medrcdno, List<Diagnosis> diagnoses,
                         String insurer) {
    public record Diagnosis(String code, String name) {}
}
