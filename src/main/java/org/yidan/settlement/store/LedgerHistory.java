package org.yidan.settlement.store;

import java.time.Instant;
import java.util.List;
import org.yidan.settlement.core.SettledRecord;
import org.yidan.settlement.ledger.InMemoryLedger;

/** What the ledger has seen over time: the settlements and cancels of a period, a visit's cancels (for 对账, the counter). */
public interface LedgerHistory {
    /** A settlement as the day's reconciliation lists it: when it was settled, and whether it has since been cancelled. */
    public record Settlement(SettledRecord record, Instant settledAt, boolean cancelledSince) {}

    /**
     * The settlements made in [from, to), in the order they were made: those still settled and those cancelled
     * since (a visit settled, cancelled and settled again in the window appears twice).
     */
    List<Settlement> settledBetween(Instant from, Instant to);

    /** How many settlements and cancels were made in [from, to) ({@code [settled, cancelled]}). */
    default long[] counts(Instant from, Instant to) {
        return new long[] {settledBetween(from, to).size(), cancelledBetween(from, to).size()};
    }

    /** A visit's cancelled settlements, oldest first. */
    List<InMemoryLedger.Cancelled> cancelled(String mdtrtId);

    /** The cancels made in [from, to), in order. */
    List<InMemoryLedger.Cancelled> cancelledBetween(Instant from, Instant to);
}
