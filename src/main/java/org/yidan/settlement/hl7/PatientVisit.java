package org.yidan.settlement.hl7;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The person and visit fields that admit (A01) and discharge (A03) both carry, read in the same order so that their
 * errors come in the same order. Which are required is the message profile's (hl7/profile.yaml): on an A01 the
 * regions, visit type and admission time; an A03 may leave them out (they are filled from the admission).
 */
record PatientVisit(String mdtrtId, String psnNo, String certno, String name, LocalDate birthday, String insutype,
                    String insuAdmdvs, String fixmedinsAdmdvs, String hospLv, String medType, LocalDateTime begntime) {

    static PatientVisit read(FieldReader f) {
        String mdtrt = f.text("mdtrt_id");
        String psn = f.text("psn_no");
        String certno = f.text("certno");
        String name = f.text("psn_name");
        LocalDate brdy = f.date(f.find("brdy"));
        String insutype = f.code(f.find("insutype"));
        String insu = f.admdvs(f.find("insu_admdvs"));
        String fix = f.admdvs(f.find("fixmedins_admdvs"));
        String hospLv = f.code(f.find("hosp_lv"));
        String med = f.code(f.find("med_type"));
        LocalDateTime begn = f.dateTime(f.find("begntime"));
        return new PatientVisit(mdtrt, psn, certno, name, brdy, insutype, insu, fix, hospLv, med, begn);
    }
}
