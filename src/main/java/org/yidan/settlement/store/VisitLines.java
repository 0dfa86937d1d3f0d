package org.yidan.settlement.store;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import org.yidan.settlement.core.FeeLine;

/**
 * A visit's charge lines as read from the database, knowing which charge messages they came from (their
 * {@code visit_charge_message.seq}, in order). The ledger keeps a settled visit's input as a reference to those
 * messages instead of a second copy of their lines ({@link StoredInput}): charge messages are never changed or
 * deleted, so the reference stays exact, also after a cancel.
 */
public final class VisitLines extends AbstractList<FeeLine> implements RandomAccess {
    private final List<FeeLine> lines;
    private final long[] seqs;

    VisitLines(List<FeeLine> lines, long[] seqs) {
        this.lines = List.copyOf(lines);
        this.seqs = seqs.clone();
    }

    /** The charge messages the lines came from (visit_charge_message.seq), in the order their lines are listed. */
    long[] seqs() {
        return seqs.clone();
    }

    @Override
    public FeeLine get(int index) {
        return lines.get(index);
    }

    @Override
    public int size() {
        return lines.size();
    }
}
