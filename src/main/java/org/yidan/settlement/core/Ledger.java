package org.yidan.settlement.core;

import java.util.Optional;

/**
 * The yearly ledger: running totals per person, year and pool, and the settled bills. An implementation applies
 * a record's changes and stores its bill together, or not at all.
 */
public interface Ledger extends LedgerView {
    /**
     * Runs {@code work} with the person's year locked, as one unit: what it reads and what it commits are one
     * transaction, and no other settlement of the same person and year runs in between (in this process or, for a
     * shared database, in another). An exception rolls everything back.
     */
    <T> T locked(String psnNo, int year, java.util.function.Supplier<T> work);

    Optional<SettledRecord> settled(String mdtrtId);

    /**
     * The encounter a visit was settled from, kept so that it can be settled again (a supervisor's re-settlement).
     * Empty when the visit is not settled or the ledger did not keep its input.
     */
    default Optional<Encounter> input(String mdtrtId) {
        return Optional.empty();
    }

    /** Stores the bill and adds its changes to the person's year. */
    void commit(SettledRecord record);

    /** As {@link #commit(SettledRecord)}, keeping the encounter settled for {@link #input} where the ledger can. */
    default void commit(SettledRecord record, Encounter input) {
        commit(record);
    }

    /**
     * As {@link #commit(SettledRecord, Encounter)}, keeping also how the settlement came (for {@link #origin}).
     *
     * @param via how it came, for people: e.g. "HL7 ADT^A03 LC0001-A03", "HTTP POST /api/settlements (admin)"
     */
    default void commit(SettledRecord record, Encounter input, String via) {
        commit(record, input);
    }

    /**
     * When and how a settled visit was settled.
     *
     * @param at  when it was committed
     * @param via how it came (null: not kept)
     * @param seq the settlement's number in the ledger, in settle order (a re-settlement gets a new one)
     */
    record Origin(java.time.Instant at, String via, long seq) {}

    /** When and how a visit was settled; empty when it is not settled or the ledger does not keep it. */
    default Optional<Origin> origin(String mdtrtId) {
        return Optional.empty();
    }

    /** Removes a settled record and subtracts its changes exactly; returns it. Empty if not settled. */
    Optional<SettledRecord> cancel(String mdtrtId, String reason);

    /** One person's running totals for a year, pool by pool (sorted by pool). */
    java.util.Map<String, PoolTotals> year(String psnNo, int year);

    /** The person's settled records of a year, in the order they were settled. */
    java.util.List<SettledRecord> settledFor(String psnNo, int year);
}
