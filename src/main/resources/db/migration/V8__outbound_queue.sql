-- The outbound queue (issue 14; org.yidan.settlement.store.JdbcOutboundQueue): each message to send to the HIS (a
-- settled discharge's bill) is kept in message_store (direction out) and queued here, in the transaction that settled
-- it; a sender sends what is due, and on a failure (the HIS's listener down, an AE/AR, a timeout) tries again later,
-- each wait longer, until max attempts: then the message is a dead letter, until someone resends it.
--   status           queued, sending (claimed by an instance until claimed_until), sent, dead
--   attempts         sends tried; next_attempt_at when it is due; last_error the last failure, for people
-- A claim that outlives claimed_until (the instance died mid-send) is due again: a message is sent at least once.
-- Portable SQL for H2 2.3 and PostgreSQL 14+: see V1__ledger.sql.

CREATE TABLE outbound_queue (
    message_id      BIGINT                   NOT NULL,
    status          VARCHAR(8)               NOT NULL,
    attempts        INTEGER                  NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by      VARCHAR(64),
    claimed_until   TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(1000),
    sent_at         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_outbound_queue PRIMARY KEY (message_id)
);
CREATE INDEX ix_outbound_queue_due ON outbound_queue (status, next_attempt_at);
