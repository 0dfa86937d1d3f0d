-- What the settlement sheet shows of a visit's patient and stay when a JSON message sent it (issue 15;
-- org.yidan.settlement.store.JdbcVisitFacts): 性别, 科室, 床号, 病案号, the diagnoses' names, 经办机构, as the JSON
-- encounter's "patient" gave them. For the sheet only, never for the settlement. A visit that came by HL7 has its
-- facts read from its stored ADT^A03/A01 instead (message_store).
--   facts       the facts as JSON (sheet.VisitFacts); saved_at when they were last sent
-- Portable SQL for H2 2.3 and PostgreSQL 14+: see V1__ledger.sql.

CREATE TABLE visit_facts (
    mdtrt_id VARCHAR(100)             NOT NULL,
    facts    TEXT                     NOT NULL,
    saved_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_visit_facts PRIMARY KEY (mdtrt_id)
);
