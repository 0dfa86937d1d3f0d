package org.yidan.settlement.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The messages to send to the HIS, durably queued: each kept in the {@link MessageStore} (direction out) and queued
 * in the transaction that made it; sent when due, tried again later on a failure, a dead letter after max attempts.
 */
public interface OutboundQueue {
    String QUEUED = "queued";
    String SENDING = "sending";
    String SENT = "sent";
    String DEAD = "dead";

    /**
     * One queued message.
     *
     * @param messageId   its id in the message store
     * @param status      queued, sending, sent or dead
     * @param attempts    sends tried
     * @param nextAttempt when it is due
     * @param lastError   the last failure (null: none)
     * @param sentAt      when the HIS accepted it (null: not yet)
     */
    record Entry(long messageId, String status, int attempts, Instant nextAttempt, String lastError, Instant sentAt) {}

    /** Stores {@code m} (an outbound message) and queues it, due now, in the thread's unit of work: its id. */
    long enqueue(MessageStore.Stored m);

    /**
     * Claims the oldest message due at {@code now} for {@code instance} until {@code now + lease} (another instance
     * then passes it over): empty when none is due.
     */
    Optional<Entry> claim(String instance, Instant now, Duration lease);

    /** The HIS accepted it (AA, CA): sent; its answer and outcome kept with the message. */
    void sent(long messageId, Instant at, String ackCode, byte[] ack, String outcome);

    /**
     * The send failed: tried again at {@code next}, or a dead letter when {@code dead}; the answer (null: none came)
     * and outcome kept with the message.
     */
    void failed(long messageId, String error, Instant next, boolean dead, String ackCode, byte[] ack, String outcome);

    /** Queued again, due now, with no attempts (a resend from the page): false when there is no such message. */
    boolean requeue(long messageId, Instant now);

    Optional<Entry> find(long messageId);

    /** The entries of one status (null: every status), newest first. */
    List<Entry> list(String status, int limit);

    /** How many are waiting (queued or sending) and how many are dead letters: {waiting, dead}. */
    long[] depth();
}
