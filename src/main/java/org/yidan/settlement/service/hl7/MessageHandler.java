package org.yidan.settlement.service.hl7;

import org.yidan.settlement.core.Bill;
import org.yidan.settlement.hl7.Hl7Acks;
import org.yidan.settlement.hl7.Hl7Message;

/**
 * What one message type does once read and checked: what it changes, and its answer. Runs inside the message's unit
 * of work; a {@link org.yidan.settlement.core.SettlementException} refuses the message (AE) and rolls back what it
 * changed. One handler per record of the sealed {@link Hl7Message}; the service refuses to start
 * with one missing or two for one record.
 */
public interface MessageHandler<M extends Hl7Message> {
    /** The record the reader makes of the message type it handles (its MSH-9 is the record's messageType()). */
    Class<M> messageClass();

    /**
     * @param who who sent it: the sending application and facility and the peer (or the account reprocessing it),
     *            recorded with what the message changes
     */
    Answer apply(M message, byte[] raw, org.yidan.settlement.service.Settlements.Actor who);

    /**
     * The ACK, the bill of a discharge settled (null for other messages), and what the message did in the clerk's
     * words (kept with the message in the message store, shown in the message browser).
     */
    record Answer(Hl7Acks.Ack ack, Bill bill, String outcome) {}
}
