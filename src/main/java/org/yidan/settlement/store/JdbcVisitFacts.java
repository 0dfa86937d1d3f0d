package org.yidan.settlement.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.sheet.VisitFacts;

/** {@link VisitFactsStore} in the table visit_facts (V9), joining the thread's unit of work. */
public final class JdbcVisitFacts implements VisitFactsStore {
    private final DataSource ds;
    private final Clock clock;

    public JdbcVisitFacts(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    @Override
    public void save(String mdtrtId, VisitFacts facts) {
        String json = Json.write(facts);
        Databases.transaction(ds, "visit facts", c -> {
            // the visit's first facts; else the facts sent again replace them
            Databases.insertElseUpdate(c, "INSERT INTO visit_facts (facts, saved_at, mdtrt_id) VALUES (?, ?, ?)",
                    "UPDATE visit_facts SET facts = ?, saved_at = ? WHERE mdtrt_id = ?", ps -> bind(ps, json, mdtrtId));
            return null;
        });
    }

    private void bind(PreparedStatement ps, String json, String mdtrtId) throws SQLException {
        ps.setString(1, json);
        ps.setObject(2, Databases.time(clock.instant()));
        ps.setString(3, mdtrtId);
    }

    @Override
    public Optional<VisitFacts> find(String mdtrtId) {
        String json = Databases.auto(ds, "visit facts", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT facts FROM visit_facts WHERE mdtrt_id = ?")) {
                ps.setString(1, mdtrtId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        if (json == null) return Optional.empty();
        try {
            return Optional.of(Json.MAPPER.readValue(json, VisitFacts.class));
        } catch (JsonProcessingException ex) {
            throw new StoreException("visit facts: the stored facts of " + mdtrtId + " cannot be read: " + ex.getOriginalMessage(), ex);
        }
    }
}
