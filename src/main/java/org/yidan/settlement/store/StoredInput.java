package org.yidan.settlement.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.io.Json;

/**
 * A settled visit's input as the ledger keeps it (ledger_settled.input, for a later re-settlement): the encounter's
 * JSON without its lines, and the lines either as {@link StoredLines} rows under {@code feedetail_rows} or, when they
 * are the visit's charge messages as read from the database ({@link VisitLines}: an ADT^A03 completed from its
 * DFT^P03s), as a reference to those messages under {@code feedetail_messages} ({@code seqs} and the number of
 * {@code lines}): the lines are then kept once, in visit_charge_message, not copied again (issue 13). Inputs stored
 * before issue 13 (lines as JSON objects under {@code feedetail}) are still read.
 */
final class StoredInput {
    static final String ROWS = "feedetail_rows";
    static final String MESSAGES = "feedetail_messages";

    private StoredInput() {}

    static String write(Encounter in) {
        if (in.feedetail() == null) return Json.write(in);
        String head = Json.write(in.withFeedetail(List.of()));
        String lines;
        if (in.feedetail() instanceof VisitLines v) {
            StringBuilder b = new StringBuilder("{\"seqs\":[");
            long[] seqs = v.seqs();
            for (int i = 0; i < seqs.length; i++) b.append(i == 0 ? "" : ",").append(seqs[i]);
            lines = "\"" + MESSAGES + "\":" + b.append("],\"lines\":").append(v.size()).append('}');
        } else {
            lines = "\"" + ROWS + "\":" + StoredLines.write(in.feedetail());
        }
        return "{" + lines + (head.length() > 2 ? "," : "") + head.substring(1);
    }

    /**
     * The input of visit {@code mdtrtId} from its stored JSON; lines kept as a reference are read from the visit's
     * charge messages on {@code c}.
     */
    static Encounter read(String json, Connection c, String mdtrtId) throws JsonProcessingException, SQLException {
        JsonNode n = Json.MAPPER.readTree(json);
        JsonNode rows = n instanceof ObjectNode o ? o.remove(ROWS) : null;
        JsonNode messages = n instanceof ObjectNode o ? o.remove(MESSAGES) : null;
        Encounter e = Json.MAPPER.treeToValue(n, Encounter.class);
        if (messages != null) {
            List<Long> seqs = new ArrayList<>();
            for (JsonNode s : messages.path("seqs")) seqs.add(s.asLong());
            VisitLines lines = JdbcVisitStore.messageLines(c, mdtrtId, seqs.stream().mapToLong(Long::longValue).toArray());
            int expected = messages.path("lines").asInt(-1);
            if (lines == null || lines.size() != expected) {
                throw new StoreException("ledger: the stored input of " + mdtrtId + " refers to charge messages " + seqs
                        + " (" + expected + " lines) that are not all in visit_charge_message", null);
            }
            return e.withFeedetail(lines);
        }
        return rows == null ? e : e.withFeedetail(StoredLines.read(rows.toString()));
    }
}
