-- How each settlement came (org.yidan.settlement.store.JdbcLedger, core.Ledger.origin): e.g. "HL7 ADT^A03 LC0001-A03",
-- "HTTP POST /api/settlements (admin)", "文件 data/inbox/x.json", "counter re-settle (zhang)". An ADT^A03 for a visit
-- already settled another way is answered with that bill and names how and when. Rows written before V6 have none.
-- Portable SQL for H2 2.3 and PostgreSQL 14+: see V1__ledger.sql.

ALTER TABLE ledger_settled ADD COLUMN settled_via VARCHAR(200);
ALTER TABLE ledger_cancelled ADD COLUMN settled_via VARCHAR(200);
