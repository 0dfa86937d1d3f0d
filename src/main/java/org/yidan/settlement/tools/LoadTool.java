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
 * spread over N connections. Prints throughput and latency percentiles of the discharge (A03: settlement and ACK),
 * of the whole sequence and of every message. Each run uses fresh ids, so it can be repeated against the same
 * instance.
 *
 * <p>A JVM service on two cores is still compiling for tens of thousands of messages after it starts: {@code warmup}
 * discharges are sent first and not counted, so that the figures are the service's steady state. Without a
 * {@code rate} the connections send as fast as the answers come back (a closed loop: the throughput is the
 * service's capacity, the latencies include the queue that saturation builds). With a rate, discharge n is due at
 * start + n / rate whatever happened before (an open loop); its sequence latency is measured from when it was due, so
 * a service falling behind shows in the figures rather than slowing the sender down.
 */
public final class LoadTool {
    private LoadTool() {}

    /**
     * @param warmup discharges sent (with other ids) before the measured ones, not counted
     * @param rate   discharges per second over all connections (0: as fast as the service answers)
     * @param tls    connect over TLS (see {@link MllpClient#connect(String, int, boolean)})
     */
    public record Options(int connections, int messages, int lines, int warmup, double rate, boolean tls) {}

    /**
     * @param a03Micros  per discharge, the A03's send-to-ACK time
     * @param seqMicros  per discharge, from its start (with a rate: from when it was due) to the A03's ACK
     * @param allMicros  per message, send-to-ACK
     */
    public record Figures(int discharges, int errors, double seconds, double dischargesPerSecond, long[] a03Micros,
                          long[] seqMicros, long[] allMicros) {}

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

    /** Discharge {@code n} of a run tagged {@code tag}: its ADT^A01, DFT^P03 with {@code lines} lines and ADT^A03. */
    public static String[] messages(Hl7Writer w, String tag, int n, int lines) {
        Encounter e = encounter(tag, n, lines);
        return new String[] {w.admit(e, "L" + tag + "-" + n + "-A"), w.charges(e, e.feedetail(), "L" + tag + "-" + n + "-P"),
                w.discharge(e, "L" + tag + "-" + n + "-D")};
    }

    public static Figures run(String hostPort, int connections, int messages, int lines, PrintStream out) throws Exception {
        return run(hostPort, new Options(connections, messages, lines, 0, 0, false), out);
    }

    public static Figures run(String hostPort, Options o, PrintStream out) throws Exception {
        if (o.connections() < 1 || o.messages() < 1 || o.lines() < 1 || o.warmup() < 0 || o.rate() < 0) {
            throw new IllegalArgumentException("connections, messages and lines must be at least 1; warmup and rate not negative");
        }
        String tag = Long.toString(System.currentTimeMillis() % 2_176_782_336L, 36);
        if (o.warmup() > 0) {
            Figures w = send(hostPort, o.tls(), tag + "W", o.connections(), o.warmup(), o.lines(), 0);
            out.printf("warm-up: %d discharges in %.2f s (%.0f/s), not counted%n", w.discharges(), w.seconds(), w.dischargesPerSecond());
        }
        Figures f = send(hostPort, o.tls(), tag, o.connections(), o.messages(), o.lines(), o.rate());
        print(f, o, out);
        return f;
    }

    private static Figures send(String hostPort, boolean tls, String tag, int connections, int messages, int lines, double rate) throws Exception {
        Hl7Writer w = new Hl7Writer("UNICODE UTF-8");
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long[] a03 = new long[messages];
        long[] seq = new long[messages];
        long[] all = new long[messages * 3];
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        for (int t = 0; t < connections; t++) {
            Thread th = new Thread(() -> {
                try (MllpClient c = MllpClient.connect(hostPort, 30_000, tls)) {
                    for (int n = next.getAndIncrement(); n < messages; n = next.getAndIncrement()) {
                        String[] msgs = messages(w, tag, n, lines);
                        long due = rate > 0 ? t0 + (long) (n * 1e9 / rate) : System.nanoTime();
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        for (int k = 0; k < 3; k++) {
                            long s = System.nanoTime();
                            String ack = new String(c.send(msgs[k].getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
                            long end = System.nanoTime();
                            all[n * 3 + k] = (end - s) / 1000;
                            if (k == 2) {
                                a03[n] = (end - s) / 1000;
                                seq[n] = (end - due) / 1000;
                            }
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
        return new Figures(messages, errors.get(), secs, messages / secs, a03, seq, all);
    }

    static long pct(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static void line(PrintStream out, String label, long[] micros) {
        long[] a = micros.clone();
        Arrays.sort(a);
        out.printf("%-30s p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n", label, pct(a, .5) / 1e3, pct(a, .9) / 1e3, pct(a, .99) / 1e3,
                pct(a, 1) / 1e3);
    }

    static void print(Figures f, Options o, PrintStream out) {
        out.printf("discharges %d (%d lines each) over %d connection(s) in %.2f s: %.0f discharges/s (%.0f messages/s)%s, %d not AA%n",
                f.discharges(), o.lines(), o.connections(), f.seconds(), f.dischargesPerSecond(), f.dischargesPerSecond() * 3,
                o.rate() > 0 ? String.format(" at a target rate of %.0f/s", o.rate()) : "", f.errors());
        line(out, "A03 (settle + ACK) latency ms:", f.a03Micros());
        line(out, o.rate() > 0 ? "sequence (due to A03 ACK) ms:" : "sequence (A01 to A03 ACK) ms:", f.seqMicros());
        line(out, "all messages latency ms:", f.allMicros());
    }
}
