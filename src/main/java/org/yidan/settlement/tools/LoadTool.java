package org.yidan.settlement.tools;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.yidan.settlement.core.ChargeClass;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.FeeLine;
import org.yidan.settlement.core.LineKind;
import org.yidan.settlement.core.Upstream;

/**
 * A load run over MLLP: M discharge sequences (ADT^A01, DFT^P03 with L charge lines, ADT^A03) of distinct patients,
 * spread over N connections. Prints throughput and latency percentiles of the discharge (A03: settlement and ACK)
 * and of every message. Each run uses fresh ids, so it can be repeated against the same instance.
 */
public final class LoadTool {
    private LoadTool() {}

    public record Figures(int discharges, int errors, double seconds, double dischargesPerSecond, long[] a03Micros, long[] allMicros) {}

    static Encounter encounter(String tag, int n, int lines) {
        List<FeeLine> fee = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            ChargeClass c = i % 4 == 3 ? ChargeClass.C : i % 4 == 2 ? ChargeClass.B : ChargeClass.A;
            BigDecimal pric = BigDecimal.valueOf(1000 + (i * 37L) % 5000, 2);
            BigDecimal cnt = BigDecimal.valueOf(1 + i % 3);
            fee.add(new FeeLine(String.valueOf(i + 1), "X" + i, c, cnt, pric, pric.multiply(cnt), c == ChargeClass.B ? new BigDecimal("0.10") : null,
                    null, LineKind.ORDINARY));
        }
        LocalDate end = LocalDate.of(2024, 6, 1).plusDays(n % 150);
        return new Encounter("LV" + tag + n, "LP" + tag + n, null, null, LocalDate.of(1970, 1, 1), "390", "371500", "371502", "3",
                "21", end.minusDays(5), end, List.of("DIBAO"), List.of("I63.9"), null, null, fee, Upstream.NONE);
    }

    public static Figures run(String hostPort, int connections, int messages, int lines, PrintStream out) throws Exception {
        String tag = Long.toString(System.currentTimeMillis() % 2_176_782_336L, 36);
        Hl7Writer w = new Hl7Writer("UNICODE UTF-8");
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long[] a03 = new long[messages];
        long[] all = new long[messages * 3];
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        for (int t = 0; t < connections; t++) {
            Thread th = new Thread(() -> {
                try (MllpClient c = MllpClient.connect(hostPort, 30_000)) {
                    for (int n = next.getAndIncrement(); n < messages; n = next.getAndIncrement()) {
                        Encounter e = encounter(tag, n, lines);
                        String[] msgs = {w.admit(e, "L" + tag + "-" + n + "-A"), w.charges(e, e.feedetail(), "L" + tag + "-" + n + "-P"),
                                w.discharge(e, "L" + tag + "-" + n + "-D")};
                        for (int k = 0; k < 3; k++) {
                            long s = System.nanoTime();
                            String ack = new String(c.send(msgs[k].getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
                            long us = (System.nanoTime() - s) / 1000;
                            all[n * 3 + k] = us;
                            if (k == 2) a03[n] = us;
                            if (!ack.contains("MSA|AA|")) errors.incrementAndGet();
                        }
                    }
                } catch (Exception ex) {
                    failures.add(ex);
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) th.join();
        double secs = (System.nanoTime() - t0) / 1e9;
        if (!failures.isEmpty()) throw new IllegalStateException("load run failed: " + failures.get(0), failures.get(0));
        Figures f = new Figures(messages, errors.get(), secs, messages / secs, a03, all);
        print(f, connections, lines, out);
        return f;
    }

    static long pct(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static void print(Figures f, int connections, int lines, PrintStream out) {
        long[] a = f.a03Micros().clone();
        long[] m = f.allMicros().clone();
        Arrays.sort(a);
        Arrays.sort(m);
        out.printf("discharges %d (%d lines each) over %d connection(s) in %.2f s: %.0f discharges/s (%.0f messages/s), %d not AA%n",
                f.discharges(), lines, connections, f.seconds(), f.dischargesPerSecond(), f.dischargesPerSecond() * 3, f.errors());
        out.printf("A03 (settle + ACK) latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n", pct(a, .5) / 1e3, pct(a, .9) / 1e3,
                pct(a, .99) / 1e3, pct(a, 1) / 1e3);
        out.printf("all messages latency ms:      p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n", pct(m, .5) / 1e3, pct(m, .9) / 1e3,
                pct(m, .99) / 1e3, pct(m, 1) / 1e3);
    }
}
