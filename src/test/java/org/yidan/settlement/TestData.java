package org.yidan.settlement;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.yidan.settlement.core.ChargeClass;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.FeeLine;
import org.yidan.settlement.core.LineKind;
import org.yidan.settlement.core.PolicySet;
import org.yidan.settlement.core.Upstream;
import org.yidan.settlement.policy.PolicyLoader;

/** The repository's policies and a small builder for encounters. */
public final class TestData {
    private static PolicySet policies;

    private TestData() {}

    public static synchronized PolicySet policies() {
        if (policies == null) policies = PolicyLoader.load(Path.of("policies"), Path.of("mappings"));
        return policies;
    }

    public static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    public static FeeLine line(String cls, String amount) {
        return new FeeLine("1", "X", ChargeClass.parse(cls), null, null, d(amount), null, null, LineKind.ORDINARY);
    }

    public static FeeLine line(String cls, String amount, LineKind kind) {
        return new FeeLine("1", "X", ChargeClass.parse(cls), null, null, d(amount), null, null, kind);
    }

    /** A builder with sensible defaults: a Liaocheng resident, inpatient at a level-3 hospital in the city. */
    public static final class E {
        public String mdtrtId = "V1";
        public String psnNo = "P1";
        public LocalDate brdy = LocalDate.of(1980, 1, 1);
        public String insutype = "390";
        public String insuAdmdvs = "371500";
        public String fixAdmdvs = "371502";
        public String hospLv = "3";
        public String medType = "21";
        public LocalDate begn = LocalDate.of(2024, 3, 1);
        public LocalDate end = LocalDate.of(2024, 3, 10);
        public List<String> cats = List.of();
        public List<String> dx = List.of();
        public BigDecimal referral;
        public BigDecimal deposit;
        public List<FeeLine> lines = new ArrayList<>();
        public Upstream upstream = Upstream.NONE;

        public E id(String v) { mdtrtId = v; return this; }
        public E psn(String v) { psnNo = v; return this; }
        public E region(String v) { insuAdmdvs = v; fixAdmdvs = v.substring(0, 4) + "02"; return this; }
        public E hospital(String v) { fixAdmdvs = v; return this; }
        public E medType(String v) { medType = v; return this; }
        public E employee() { insutype = "310"; return this; }
        public E level(String v) { hospLv = v; return this; }
        public E cats(String... v) { cats = List.of(v); return this; }
        public E dx(String... v) { dx = List.of(v); return this; }
        public E discharged(int y, int m, int day) { end = LocalDate.of(y, m, day); begn = end.minusDays(9); return this; }
        public E born(int y, int m, int day) { brdy = LocalDate.of(y, m, day); return this; }
        public E deposit(String v) { deposit = d(v); return this; }
        public E referral(String v) { referral = d(v); return this; }
        public E upstream(Upstream v) { upstream = v; return this; }
        public E a(String amount) { lines.add(line("01", amount)); return this; }
        public E b(String amount) { lines.add(line("02", amount)); return this; }
        public E c(String amount) { lines.add(line("03", amount)); return this; }
        public E add(FeeLine l) { lines.add(l); return this; }

        public Encounter build() {
            return new Encounter(mdtrtId, psnNo, "371502198001011234", "测试", brdy, insutype, insuAdmdvs, fixAdmdvs,
                    hospLv, medType, begn, end, cats, dx, referral, deposit, List.copyOf(lines), upstream);
        }
    }

    public static E enc() {
        return new E();
    }
}
