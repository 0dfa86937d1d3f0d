package org.yidan.settlement.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every HL7 message received and sent, as it came, with its answer and what it did: what an integration team
 * searches, reads and reprocesses (issue 14). {@link MessageLog} stays the control id's answer for resends.
 */
public interface MessageStore {
    String IN = "in";
    String OUT = "out";

    /**
     * One stored message.
     *
     * @param id              its number (null before it is stored)
     * @param direction       {@link #IN} or {@link #OUT}
     * @param at              when it was received (in) or first queued (out)
     * @param controlId       MSH-10 (null when it has none)
     * @param messageType     e.g. ADT^A03; "other" for a type not read
     * @param ackCode         AA, AE, AR (in: our answer; out: the HIS's), null when none yet
     * @param sendingApp      MSH-3
     * @param sendingFacility MSH-4
     * @param peer            the sender's address (MLLP) or account (HTTP)
     * @param charset         MSH-18 as sent (null when empty)
     * @param mdtrtId         the visit (null when not read)
     * @param psnNo           the person (null when not read)
     * @param errorCode       the first ERR's HL7 code (table 0357), null when accepted
     * @param outcome         what it did, for people (Chinese)
     * @param message         the bytes as received (the whole message, or its head when {@code complete} is false)
     * @param messageBytes    how many bytes the message had
     * @param complete        false when only the head of an oversize message is kept
     * @param ack             the answer's bytes (null when none)
     * @param reprocessOf     the message this one reprocesses (null: none)
     * @param actor           who asked for a reprocess or resend (null for the HIS's own messages)
     */
    record Stored(Long id, String direction, Instant at, String controlId, String messageType, String ackCode,
                  String sendingApp, String sendingFacility, String peer, String charset, String mdtrtId, String psnNo,
                  Integer errorCode, String outcome, byte[] message, int messageBytes, boolean complete, byte[] ack,
                  Long reprocessOf, String actor) {}

    /**
     * What to look for; null fields are not filtered on. Times are [from, to). At most {@code limit} rows, newest
     * first, with ids below {@code beforeId} when given (the next page).
     */
    record Query(String direction, String mdtrtId, String psnNo, String controlId, String messageType, String ackCode,
                 String sendingApp, String sendingFacility, Instant from, Instant to, Long beforeId, int limit) {}

    /** Stores a message (inside the thread's unit of work when there is one, else on its own, durably): its id. */
    long add(Stored m);

    /**
     * The answer an outbound message got (or the last failure to send it): its ACK code and bytes (null: none came),
     * and its outcome for people.
     */
    void answered(long id, String ackCode, byte[] ack, String outcome);

    /** The messages a query finds, newest first, without their bytes ({@code message} and {@code ack} are null). */
    List<Stored> search(Query q);

    /** One message with its bytes. */
    Optional<Stored> find(long id);

    /** The messages that reprocess {@code id}, oldest first, without their bytes. */
    List<Stored> reprocessesOf(long id);

    /** How many messages of one direction, type, ACK code and first error code (null: none). */
    record Tally(String messageType, String ackCode, Integer errorCode, long count) {}

    /** The messages received in [from, to), counted by type, ACK code and first error code. */
    List<Tally> tally(Instant from, Instant to);
}
