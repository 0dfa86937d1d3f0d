package org.yidan.settlement.hl7;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The person and visit fields that admit (A01) and discharge (A03) both carry, read in the same order so that their
 * errors come in the same order. On an A01 the regions, visit type and admission time are required; an A03 may leave
 * them out (they are filled from the admission).
 */
record PatientVisit(String mdtrtId, String psnNo, String certno, String name, LocalDate birthday, String insutype,
                    String insuAdmdvs, String fixmedinsAdmdvs, String hospLv, String medType, LocalDateTime begntime) {

    static PatientVisit read(FieldReader f, boolean admitting) {
        String mdtrt = f.text("mdtrt_id", true);
        String psn = f.text("psn_no", true);
        String certno = f.text("certno", false);
        String name = f.text("psn_name", false);
        LocalDate brdy = f.date(f.find("brdy", false));
        String insutype = f.code(f.find("insutype", false));
        String insu = f.admdvs(f.find("insu_admdvs", admitting));
        String fix = f.admdvs(f.find("fixmedins_admdvs", admitting));
        String hospLv = f.code(f.find("hosp_lv", false));
        String med = f.code(f.find("med_type", admitting));
        LocalDateTime begn = f.dateTime(f.find("begntime", admitting));
        return new PatientVisit(mdtrt, psn, certno, name, brdy, insutype, insu, fix, hospLv, med, begn);
    }
}
