package org.yidan.settlement.core;

import java.time.LocalDate;
import java.util.List;

/** An admission, for the deposit decision (先诊疗后付费). Names as the platform's 2401 admission input. */
public record Admission(String mdtrtId, String psnNo, String insuAdmdvs, String fixmedinsAdmdvs, String medType,
                        LocalDate begntime, List<String> reliefCategories) {}
