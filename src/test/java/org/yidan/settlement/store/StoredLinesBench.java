package org.yidan.settlement.store;

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
import org.yidan.settlement.bench.SettleBench;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.FeeLine;

/**
 * The charge lines as the store writes and reads them (a DFT^P03's rows, the settled input), 50 or 500 lines.
 *
 * <pre>mvn -q -Pbench test-compile exec:exec -Djmh.args="StoredLinesBench"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StoredLinesBench {
    @Param({"50", "500"})
    int lines;

    List<FeeLine> feedetail;
    Encounter encounter;
    String rows;
    String input;

    @Setup(Level.Trial)
    public void setUp() {
        encounter = SettleBench.encounter("H1", "HP1", lines, 30);
        feedetail = encounter.feedetail();
        rows = StoredLines.write(feedetail);
        input = StoredInput.write(encounter);
    }

    @Benchmark
    public String writeRows() {
        return StoredLines.write(feedetail);
    }

    @Benchmark
    public List<FeeLine> readRows() {
        return StoredLines.read(rows);
    }

    @Benchmark
    public String writeInput() {
        return StoredInput.write(encounter);
    }

    @Benchmark
    public Encounter readInput() throws Exception {
        return StoredInput.read(input, null, "V");
    }
}
