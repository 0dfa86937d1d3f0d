package org.yidan.settlement.store;

import java.time.Instant;
import java.util.Optional;

/** Every inbound message's control id (MSH-10) and the ACK sent for it: a resend gets the same ACK. */
public interface MessageLog {

    /**
     * @param controlId   MSH-10
     * @param messageType e.g. ADT^A03
     * @param ackCode     AA, AE or AR
     * @param ack         the ACK as sent (bytes in the message's character set)
     * @param at          when it was answered
     */
    record Entry(String controlId, String messageType, String ackCode, byte[] ack, Instant at) {}

    Optional<Entry> find(String controlId);

    /**
     * Records the answer to a message (inside a unit of work, with what the message changed). A control id already
     * recorded is left as it was.
     *
     * @return false when the control id was answered before (this answer is not kept)
     */
    boolean record(Entry e);

    /**
     * Makes {@code e} the answer of its control id, replacing any answer kept before (a reprocessed message: a resend
     * of it gets the new answer).
     */
    void replace(Entry e);

    /** Message counts by type and ACK code, for metrics. */
    java.util.Map<String, Long> counts();
}
