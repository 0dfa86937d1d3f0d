package org.yidan.settlement.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;
import org.yidan.settlement.core.SettlementException;
import org.yidan.settlement.io.InputException;
import org.yidan.settlement.io.Json;

/** JSON in and out with the project's one mapper (platform field names, plain decimals), and errors that say where. */
public final class JsonResponses {
    private JsonResponses() {}

    public static HttpResponse<String> ok(Object body) {
        return HttpResponse.ok(write(body)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    public static MutableHttpResponse<String> status(HttpStatus status, Object body) {
        return HttpResponse.<String>status(status).body(write(body)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** {"errors": [messages]} with the status. */
    public static MutableHttpResponse<String> errors(HttpStatus status, String... messages) {
        return status(status, java.util.Map.of("errors", List.of(messages)));
    }

    /** 400 for unreadable input (every problem with its field), 422 for input that cannot be settled, 404 for none. */
    static HttpResponse<String> error(RuntimeException ex) {
        if (ex instanceof InputException ie) {
            return status(HttpStatus.BAD_REQUEST, Json.MAPPER.createObjectNode().set("errors", Json.MAPPER.valueToTree(ie.problems())));
        }
        if (ex instanceof SettlementException se) {
            var n = Json.MAPPER.createObjectNode();
            n.set("errors", Json.MAPPER.valueToTree(List.of(se.getMessage())));
            if (se.field() != null) n.put("field", se.field());
            n.put("code", se.reason().code());
            return status(HttpStatus.UNPROCESSABLE_ENTITY, n);
        }
        throw ex;
    }

    static HttpResponse<String> notFound(String what) {
        return errors(HttpStatus.NOT_FOUND, what);
    }

    public static JsonNode read(String body, String source) {
        if (body == null || body.isBlank()) throw new InputException(List.of(source + ": 请求体为空"));
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException ex) {
            var loc = ex.getLocation();
            throw new InputException(List.of(source + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
                    + ": 不是有效的 JSON：" + ex.getOriginalMessage()));
        }
    }

    private static String write(Object body) {
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
