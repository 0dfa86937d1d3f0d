package org.yidan.settlement.store;

import java.time.Instant;
import java.util.List;

/**
 * The audit log: who did what, when and why (cancels, re-settlements, prints, logins, account changes). Append-only;
 * its entries form a hash chain that {@link #verify()} checks. JdbcAuditLog keeps it in the database.
 */
public interface AuditLog {
    /**
     * One entry.
     *
     * @param id        the order written (null before it is written)
     * @param at        when
     * @param actor     the account, or "mllp" for an HL7 message
     * @param actorRole the account's role (null for HL7)
     * @param action    login, login_failed, logout, cancel, resettle, print, account_created, password_set, ...
     * @param mdtrtId   the visit concerned (null: none)
     * @param reason    the reason given (required for cancel and resettle)
     * @param detail    anything else worth keeping (amounts before and after, the message's control id)
     */
    public record Entry(Long id, Instant at, String actor, String actorRole, String action, String mdtrtId,
                        String reason, String detail) {}

    /**
     * What {@link #verify()} found: entries read, how many carry hashes, and the first entry where the chain breaks
     * (null: none) with what is wrong there.
     */
    public record Verification(long entries, long chained, Long brokenAt, String problem) {
        public boolean intact() {
            return brokenAt == null;
        }
    }

    void append(String actor, String actorRole, String action, String mdtrtId, String reason, String detail);

    /** Walks the whole log in order and checks every link of the chain and the head. */
    Verification verify();

    /** The entries logged in [from, to), in order. */
    List<Entry> between(Instant from, Instant to);

    /** The entries of one visit, in order. */
    List<Entry> forVisit(String mdtrtId);
}
