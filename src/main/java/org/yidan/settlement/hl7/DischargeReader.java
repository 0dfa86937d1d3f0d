package org.yidan.settlement.hl7;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.FeeLine;
import org.yidan.settlement.core.Upstream;
import org.yidan.settlement.hl7.FieldReader.Found;

/** ADT^A03 discharge: every header field the message carries (the rest is null, filled from the admission later), what upstream payers paid, and any FT1 lines of the A03 itself. */
final class DischargeReader {
    private DischargeReader() {}

    static Hl7Message.Discharge read(FieldReader f, String cid) {
        PatientVisit v = PatientVisit.read(f);
        LocalDateTime begn = v.begntime();
        Found endAt = f.find("endtime");
        LocalDateTime end = f.dateTime(endAt);
        if (begn != null && end != null && end.isBefore(begn)) {
            f.error(Hl7Error.DATA_TYPE_ERROR, endAt, "出院时间 " + end + " 早于入院时间 " + begn);
        }
        FieldReader.Relief relief = f.relief();
        List<String> dx = f.diagnoses();
        BigDecimal referral = f.money(f.find("referral_dedc_paid"));
        BigDecimal deposit = f.money(f.find("deposit"));
        Upstream up = new Upstream(f.money(f.find("hifp_pay")), f.money(f.find("hifmi_pay")),
                f.money(f.find("hifob_pay")), f.money(f.find("hosp_part_amt")), f.money(f.find("oth_pay")),
                f.money(f.find("acct_pay")));
        List<FeeLine> lines = ChargeLineReader.lines(f);
        return new Hl7Message.Discharge(cid, new Encounter(v.mdtrtId(), v.psnNo(), v.certno(), v.name(), v.birthday(),
                v.insutype(), v.insuAdmdvs(), v.fixmedinsAdmdvs(), v.hospLv(), v.medType(), FieldReader.day(begn),
                FieldReader.day(end), relief.undated(), dx, referral, deposit, lines, up, relief.dated(),
                YearToDateReader.read(f), PlatformReader.read(f)));
    }
}
