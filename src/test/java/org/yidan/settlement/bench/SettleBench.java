package org.yidan.settlement.bench;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.yidan.settlement.core.Bill;
import org.yidan.settlement.core.ChargeClass;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.FeeLine;
import org.yidan.settlement.core.LineKind;
import org.yidan.settlement.core.PolicySet;
import org.yidan.settlement.core.Settler;
import org.yidan.settlement.core.Upstream;
import org.yidan.settlement.ledger.InMemoryLedger;
import org.yidan.settlement.policy.PolicyLoader;

/**
 * Settling one encounter of 50 or 500 charge lines against a warm ledger (10,000 people with two stays each, and
 * the patient's own earlier stays this year). {@code settle} is the whole settlement (policy choice, chain of
 * payers, bill, commit) followed by a cancel so the ledger stays the same size; {@code compute} is the same
 * without touching the ledger (pre-settlement).
 *
 * <pre>mvn -q -Pbench test-compile exec:exec -Djmh.args="SettleBench"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SettleBench {
    @Param({"50", "500"})
    int lines;

    Settler settler;
    Encounter encounter;

    public static Encounter encounter(String id, String psn, int lines, int day) {
        List<FeeLine> fee = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            ChargeClass c = switch (i % 4) {
                case 0, 1 -> ChargeClass.A;
                case 2 -> ChargeClass.B;
                default -> ChargeClass.C;
            };
            BigDecimal pric = BigDecimal.valueOf(1234 + i * 37L, 2);
            BigDecimal cnt = BigDecimal.valueOf(1 + i % 3);
            fee.add(new FeeLine(String.valueOf(i), "X" + i, c, cnt, pric, pric.multiply(cnt), null,
                    i % 10 == 0 ? BigDecimal.valueOf(1000, 2) : null, i % 50 == 7 ? LineKind.SPECIAL_DRUG : LineKind.ORDINARY));
        }
        LocalDate end = LocalDate.of(2024, 1, 1).plusDays(day);
        return new Encounter(id, psn, "371502198001011234", "测试", LocalDate.of(1970, 1, 1), "390", "371500", "371502", "3",
                "21", end.minusDays(7), end, List.of("DIBAO", "DIBAO_EDGE"), List.of("I63.9"), null, null, fee, Upstream.NONE);
    }

    @Setup(Level.Trial)
    public void setUp() {
        PolicySet policies = PolicyLoader.load(Path.of("policies"), Path.of("mappings"));
        InMemoryLedger ledger = new InMemoryLedger(java.time.Clock.systemUTC());
        settler = new Settler(policies, ledger);
        for (int p = 0; p < 10_000; p++) {
            settler.settle(encounter("W" + p + "a", "WP" + p, 20, 10));
            settler.settle(encounter("W" + p + "b", "WP" + p, 20, 100));
        }
        settler.settle(encounter("B1", "BENCH", lines, 20));
        settler.settle(encounter("B2", "BENCH", lines, 60));
        encounter = encounter("B3", "BENCH", lines, 200);
    }

    @Benchmark
    public Bill compute() {
        return settler.preview(encounter);
    }

    @Benchmark
    public Bill settle() {
        Bill b = settler.settle(encounter).bill();
        settler.cancel(encounter.mdtrtId(), null);
        return b;
    }
}
