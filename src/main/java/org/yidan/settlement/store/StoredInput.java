package org.yidan.settlement.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.io.Json;

/**
 * A settled visit's input as the ledger keeps it (ledger_settled.input, for a later re-settlement): the encounter's
 * JSON without its lines, and the lines as {@link StoredLines} rows under {@code feedetail_rows}. Inputs stored
 * before issue 13 (lines as JSON objects under {@code feedetail}) are still read.
 */
final class StoredInput {
    static final String ROWS = "feedetail_rows";

    private StoredInput() {}

    static String write(Encounter in) {
        if (in.feedetail() == null) return Json.write(in);
        String head = Json.write(in.withFeedetail(List.of()));
        return "{\"" + ROWS + "\":" + StoredLines.write(in.feedetail()) + (head.length() > 2 ? "," : "") + head.substring(1);
    }

    static Encounter read(String json) throws JsonProcessingException {
        JsonNode n = Json.MAPPER.readTree(json);
        JsonNode rows = n instanceof ObjectNode o ? o.remove(ROWS) : null;
        Encounter e = Json.MAPPER.treeToValue(n, Encounter.class);
        return rows == null ? e : e.withFeedetail(StoredLines.read(rows.toString()));
    }
}
