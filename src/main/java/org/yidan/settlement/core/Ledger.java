package org.yidan.settlement.core;

import java.util.Optional;

/**
 * The yearly ledger: running totals per person, year and pool, and the settled bills. An implementation applies
 * a record's changes and stores its bill together, or not at all.
 */
public interface Ledger extends LedgerView {
    Optional<SettledRecord> settled(String mdtrtId);

    /** Stores the bill and adds its changes to the person's year. */
    void commit(SettledRecord record);

    /** Removes a settled record and subtracts its changes exactly; returns it. Empty if not settled. */
    Optional<SettledRecord> cancel(String mdtrtId, String reason);

    /** The person's settled records of a year, in the order they were settled. */
    java.util.List<SettledRecord> settledFor(String psnNo, int year);
}
