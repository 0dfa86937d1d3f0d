package org.yidan.settlement.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.Ledger;
import org.yidan.settlement.core.LedgerChange;
import org.yidan.settlement.core.PoolTotals;
import org.yidan.settlement.core.SettledRecord;

/**
 * The ledger in memory: running totals per (person, year, pool) and the settled records. The totals are always
 * the sum of the settled records' changes, so a cancel restores them exactly.
 */
public final class InMemoryLedger implements Ledger {

    record Key(String psnNo, int year, String pool) {}

    /** A cancelled settlement, kept for the record. */
    public record Cancelled(SettledRecord record, Instant at, String reason) {}

    private final Map<Key, PoolTotals> totals = new HashMap<>();
    private final Map<String, SettledRecord> settled = new LinkedHashMap<>();
    private final Map<String, List<SettledRecord>> byPersonYear = new HashMap<>();
    private final List<Cancelled> cancelled = new ArrayList<>();
    /** The encounters settled, for a re-settlement (not written to a ledger file). */
    private final Map<String, Encounter> inputs = new java.util.HashMap<>();

    private final java.time.Clock clock;

    /** @param clock when a cancel happened (the hospital's clock: the service's, or the command line's) */
    public InMemoryLedger(java.time.Clock clock) {
        this.clock = clock;
    }

    private static String personYear(String psnNo, int year) {
        return psnNo + "/" + year;
    }

    /** One process, one lock: settlements are short, so the whole ledger is the unit. */
    @Override
    public synchronized <T> T locked(String psnNo, int year, java.util.function.Supplier<T> work) {
        return work.get();
    }

    @Override
    public synchronized PoolTotals get(String psnNo, int year, String pool) {
        return totals.getOrDefault(new Key(psnNo, year, pool), PoolTotals.ZERO);
    }

    @Override
    public synchronized Optional<SettledRecord> settled(String mdtrtId) {
        return Optional.ofNullable(settled.get(mdtrtId));
    }

    @Override
    public synchronized void commit(SettledRecord r) {
        if (settled.containsKey(r.mdtrtId())) throw new IllegalStateException("already settled: " + r.mdtrtId());
        settled.put(r.mdtrtId(), r);
        byPersonYear.computeIfAbsent(personYear(r.psnNo(), r.year()), k -> new ArrayList<>()).add(r);
        apply(r, BigDecimal.ONE);
    }

    @Override
    public synchronized void commit(SettledRecord r, Encounter input) {
        commit(r);
        if (input != null) inputs.put(r.mdtrtId(), input);
    }

    @Override
    public synchronized Optional<Encounter> input(String mdtrtId) {
        return Optional.ofNullable(inputs.get(mdtrtId));
    }

    @Override
    public synchronized Optional<SettledRecord> cancel(String mdtrtId, String reason) {
        SettledRecord r = settled.remove(mdtrtId);
        if (r == null) return Optional.empty();
        inputs.remove(mdtrtId);
        String key = personYear(r.psnNo(), r.year());
        List<SettledRecord> list = byPersonYear.get(key);
        list.remove(r);
        if (list.isEmpty()) byPersonYear.remove(key);
        apply(r, BigDecimal.ONE.negate());
        cancelled.add(new Cancelled(r, clock.instant(), reason));
        return Optional.of(r);
    }

    private void apply(SettledRecord r, BigDecimal sign) {
        for (LedgerChange c : r.changes()) {
            Key k = new Key(r.psnNo(), r.year(), c.pool());
            PoolTotals t = totals.getOrDefault(k, PoolTotals.ZERO).plus(c.base().multiply(sign), c.paid().multiply(sign));
            if (t.base().signum() == 0 && t.paid().signum() == 0) totals.remove(k);
            else totals.put(k, t);
        }
    }

    @Override
    public synchronized List<SettledRecord> settledFor(String psnNo, int year) {
        return List.copyOf(byPersonYear.getOrDefault(personYear(psnNo, year), List.of()));
    }

    public synchronized List<SettledRecord> settledRecords() {
        return List.copyOf(settled.values());
    }

    public synchronized List<Cancelled> cancelledRecords() {
        return List.copyOf(cancelled);
    }

    @Override
    public synchronized Map<String, PoolTotals> year(String psnNo, int year) {
        Map<String, PoolTotals> out = new java.util.TreeMap<>();
        totals.forEach((k, v) -> {
            if (k.psnNo().equals(psnNo) && k.year() == year) out.put(k.pool(), v);
        });
        return out;
    }

    /** Every (person, year, pool) total, for saving and comparing. */
    public synchronized Map<String, PoolTotals> allTotals() {
        Map<String, PoolTotals> out = new java.util.TreeMap<>();
        totals.forEach((k, v) -> out.put(k.psnNo() + "/" + k.year() + "/" + k.pool(), v));
        return out;
    }

    synchronized void restore(List<SettledRecord> records, List<Cancelled> history) {
        for (SettledRecord r : records) commit(r);
        cancelled.addAll(history);
    }
}
