package org.yidan.settlement.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yidan.settlement.tools.LoadTool;

/**
 * A side-by-side load run (issue 13): the same load (LoadTool: A01, DFT^P03 with N lines, A03 per discharge) against
 * each target in turn, round after round, so that the machine's drift hits them alike; prints each round's
 * discharges/s and A03 p50/p99, then the median of each and the ratio of the first target to each other one (the
 * median of the per-round ratios). Absolute figures on a shared machine vary by ±30%: read the ratios.
 */
public final class SideBySide {
    private SideBySide() {}

    /** One target: a name for the table and its MLLP address. */
    public record Target(String name, String hostPort) {}

    /** One target's figures in one round. */
    public record Row(int round, String target, double dischargesPerSecond, double a03P50Ms, double a03P99Ms, int notAa) {}

    public static List<Row> run(List<Target> targets, int rounds, LoadTool.Options load, PrintStream out) throws Exception {
        if (targets.size() < 2) throw new IllegalArgumentException("give at least two targets (the first is compared with the others)");
        if (rounds < 1) throw new IllegalArgumentException("rounds must be at least 1");
        out.printf("side by side: %d round(s); each: %d discharges of %d lines over %d connection(s)%s%n", rounds,
                load.messages(), load.lines(), load.connections(), load.warmup() > 0 ? ", after a warm-up of " + load.warmup() : "");
        List<Row> rows = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            for (Target t : targets) {
                // a target's warm-up on the first round only: the JIT stays warm for the later ones
                LoadTool.Options o = new LoadTool.Options(load.connections(), load.messages(), load.lines(),
                        r == 1 ? load.warmup() : 0, load.rate(), load.tls());
                LoadTool.Figures f = LoadTool.run(t.hostPort(), o, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
                long[] a = f.a03Micros().clone();
                Arrays.sort(a);
                Row row = new Row(r, t.name(), f.dischargesPerSecond(), pct(a, .5) / 1e3, pct(a, .99) / 1e3, f.errors());
                rows.add(row);
                out.printf("round %d  %-12s %8.1f discharges/s   A03 p50 %7.2f ms   p99 %7.2f ms%s%n", r, t.name(),
                        row.dischargesPerSecond(), row.a03P50Ms(), row.a03P99Ms(), f.errors() > 0 ? "   " + f.errors() + " not AA" : "");
            }
        }
        Map<String, List<Row>> by = new LinkedHashMap<>();
        for (Row row : rows) by.computeIfAbsent(row.target(), k -> new ArrayList<>()).add(row);
        out.println("median over the rounds:");
        for (Map.Entry<String, List<Row>> e : by.entrySet()) {
            out.printf("  %-12s %8.1f discharges/s   A03 p50 %7.2f ms   p99 %7.2f ms%n", e.getKey(),
                    median(e.getValue().stream().mapToDouble(Row::dischargesPerSecond).toArray()),
                    median(e.getValue().stream().mapToDouble(Row::a03P50Ms).toArray()),
                    median(e.getValue().stream().mapToDouble(Row::a03P99Ms).toArray()));
        }
        String first = targets.get(0).name();
        for (Target t : targets.subList(1, targets.size())) {
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratios[r] = by.get(first).get(r).dischargesPerSecond() / by.get(t.name()).get(r).dischargesPerSecond();
            }
            out.printf("ratio %s ÷ %s: %.2f (discharges/s, median of the rounds' ratios %s)%n", first, t.name(), median(ratios),
                    Arrays.toString(Arrays.stream(ratios).map(x -> Math.round(x * 100) / 100.0).toArray()));
        }
        return rows;
    }

    static long pct(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
