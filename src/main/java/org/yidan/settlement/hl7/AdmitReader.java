package org.yidan.settlement.hl7;

import java.math.BigDecimal;
import java.util.List;
import org.yidan.settlement.core.Admission;

/** ADT^A01 admit: who, which regions and visit type, when, the relief categories, the deposit and the admitting diagnoses. */
final class AdmitReader {
    private AdmitReader() {}

    static Hl7Message.Admit read(FieldReader f, String cid) {
        PatientVisit v = PatientVisit.read(f);
        FieldReader.Relief relief = f.relief();
        BigDecimal deposit = f.money(f.find("deposit"));
        List<String> dx = f.diagnoses();
        Admission admission = new Admission(v.mdtrtId(), v.psnNo(), v.insuAdmdvs(), v.fixmedinsAdmdvs(), v.medType(),
                FieldReader.day(v.begntime()), relief.undated(), relief.dated());
        return new Hl7Message.Admit(cid, admission, v.name(), v.certno(), v.birthday(), v.insutype(), v.hospLv(), deposit, dx);
    }
}
