package org.yidan.settlement.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.yidan.settlement.core.Bill;
import org.yidan.settlement.core.LedgerChange;
import org.yidan.settlement.core.PoolTotals;
import org.yidan.settlement.core.SettledRecord;
import org.yidan.settlement.io.Json;

/** The ledger's rows read back (ResultSet to records), shared by {@link JdbcLedger}, its totals and its history. */
final class LedgerRows {
    private LedgerRows() {}

    private static final TypeReference<List<LedgerChange>> CHANGES = new TypeReference<>() {};

    /** The columns of ledger_settled that {@link #row(ResultSet)} reads. */
    static final String ROW_COLUMNS = "mdtrt_id, psn_no, setl_year, fingerprint, bill, changes, seq, settled_at";

    /** A settled row: the record, its place in the settle order and when it was settled. */
    record Row(SettledRecord record, long seq, Instant settledAt) {}

    static Row row(ResultSet rs) throws SQLException {
        return new Row(record(rs), rs.getLong("seq"), Databases.instant(rs, "settled_at"));
    }

    /** The record of a ledger_settled or ledger_cancelled row. */
    static SettledRecord record(ResultSet rs) throws SQLException {
        String id = rs.getString("mdtrt_id");
        try {
            return new SettledRecord(id, rs.getString("psn_no"), rs.getInt("setl_year"), rs.getString("fingerprint"),
                    Json.MAPPER.readValue(rs.getString("bill"), Bill.class),
                    Json.MAPPER.readValue(rs.getString("changes"), CHANGES));
        } catch (JsonProcessingException ex) {
            throw new StoreException("ledger: the stored bill of " + id + " cannot be read: " + ex.getOriginalMessage(), ex);
        }
    }

    /** A ledger_total row's amounts. */
    static PoolTotals totals(ResultSet rs) throws SQLException {
        return new PoolTotals(Databases.money(rs.getBigDecimal("base"), "base"), Databases.money(rs.getBigDecimal("paid"), "paid"));
    }
}
