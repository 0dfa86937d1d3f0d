package org.yidan.settlement.store;

import java.time.Instant;
import java.util.List;

/** What the billing counter looks up and counts: visits found by number or name, and the prints of each bill. */
public interface CounterRecords {
    /**
     * A visit found. {@code status}: settled (a bill in force), cancelled (settled once, cancelled since, not settled
     * again), admitted (an admission and no settlement), admission_cancelled (ADT^A11). {@code bill} is the bill in
     * force or the last cancelled one (JSON); {@code admission} the admission's detail (JSON); either may be null.
     */
    public record Hit(String mdtrtId, String psnNo, String psnName, String status, String bill, String admission) {}

    /** A print of a bill: its number (1 the first print, 2 the first reprint, ...) and when it was recorded. */
    public record Print(int no, Instant at) {}

    /**
     * Visits whose number or person number is {@code q}, or whose patient's name starts with it; the most recent
     * first (settled, then cancelled, then admissions), at most {@code limit}.
     */
    List<Hit> search(String q, int limit);

    /** Records a print of a visit's bill. */
    Print recordPrint(String mdtrtId, String by);

    /** How many times a visit's bill was printed. */
    int prints(String mdtrtId);
}
