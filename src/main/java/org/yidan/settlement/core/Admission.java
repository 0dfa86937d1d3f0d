package org.yidan.settlement.core;

import java.time.LocalDate;
import java.util.List;

/**
 * An admission, for the deposit decision (先诊疗后付费). Names as the platform's 2401 admission input.
 *
 * @param reliefCategories relief identities without dates
 * @param identities       relief identities with dates: each counts when valid on the admission date
 */
public record Admission(String mdtrtId, String psnNo, String insuAdmdvs, String fixmedinsAdmdvs, String medType,
                        LocalDate begntime, List<String> reliefCategories, List<Identity> identities) {

    public Admission {
        identities = identities == null ? List.of() : List.copyOf(identities);
    }

    public Admission(String mdtrtId, String psnNo, String insuAdmdvs, String fixmedinsAdmdvs, String medType,
                     LocalDate begntime, List<String> reliefCategories) {
        this(mdtrtId, psnNo, insuAdmdvs, fixmedinsAdmdvs, medType, begntime, reliefCategories, List.of());
    }

    /** The categories that count on the admission date. */
    public List<String> categoriesAtAdmission() {
        return Identity.categoriesOn(reliefCategories, identities, begntime);
    }
}
