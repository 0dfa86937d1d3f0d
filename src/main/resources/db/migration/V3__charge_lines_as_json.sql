-- The lines of one charge message are kept together as JSON (a list of core.FeeLine in the project's JSON
-- shape, decimals as sent): one row per DFT^P03 instead of one per line. visit_charge_line keeps the lines of
-- messages stored before this migration; it is read for them and written no more.
ALTER TABLE visit_charge_message ADD COLUMN lines_json TEXT;
