-- The audit log as a hash chain (org.yidan.settlement.store.JdbcAuditLog): each entry carries the SHA-256 of the
-- entry before it and its own, over its fields; audit_head holds the last entry's hash. An entry edited, removed or
-- inserted in the database afterwards breaks the chain, and GET /api/audit/verify names the first entry where it
-- breaks. Entries written before V5 have no hashes and are reported as unchained.
--
--   audit_head  id PK (always 1); last_hash: the hash of the newest entry (NULL before the first). An append locks
--               this row (SELECT ... FOR UPDATE), so appends from several instances form one chain.

ALTER TABLE audit_log ADD COLUMN prev_hash VARCHAR(64);
ALTER TABLE audit_log ADD COLUMN entry_hash VARCHAR(64);

CREATE TABLE audit_head (
    id        INTEGER     NOT NULL,
    last_hash VARCHAR(64),
    CONSTRAINT pk_audit_head PRIMARY KEY (id)
);

INSERT INTO audit_head (id, last_hash) VALUES (1, NULL);
