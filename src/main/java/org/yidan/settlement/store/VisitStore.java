package org.yidan.settlement.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.yidan.settlement.core.FeeLine;

/**
 * Visits in progress as the HIS messages build them: the admission (with its deposit decision) and the charge
 * lines, accumulated per visit from one or more charge messages. Settled bills live in the ledger.
 */
public interface VisitStore {

    /**
     * An admission as received.
     *
     * @param mdtrtId     the visit
     * @param psnNo       the person
     * @param detail      the admission's details as JSON (person, insurance, categories: what the discharge may lack)
     * @param deposit     deposit taken (null: none recorded)
     * @param depositFree the deposit decision (先诊疗后付费)
     * @param cancelled   true after a cancel-admission
     * @param at          when it was recorded
     * @param psnName     the patient's name (the counter searches by it; null: not sent)
     */
    record AdmissionRecord(String mdtrtId, String psnNo, String detail, BigDecimal deposit, boolean depositFree,
                           boolean cancelled, Instant at, String psnName) {
        public AdmissionRecord(String mdtrtId, String psnNo, String detail, BigDecimal deposit, boolean depositFree,
                               boolean cancelled, Instant at) {
            this(mdtrtId, psnNo, detail, deposit, depositFree, cancelled, at, null);
        }
    }

    /** Inserts or replaces the visit's admission. */
    void saveAdmission(AdmissionRecord a);

    Optional<AdmissionRecord> admission(String mdtrtId);

    /** Marks the admission cancelled (ADT^A11). Returns false if there is no admission for the visit. */
    boolean cancelAdmission(String mdtrtId);

    /**
     * Adds the charge lines of one message to a visit. A message id already applied to the visit adds nothing and
     * returns false (a resend). All lines of the message are added, or none.
     */
    boolean addCharges(String mdtrtId, String messageId, List<FeeLine> lines);

    /** The visit's charge lines, in the order received. */
    List<FeeLine> charges(String mdtrtId);

    /** How many charge lines the visit has (without reading them). */
    int lineCount(String mdtrtId);
}
