package org.yidan.settlement.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.yidan.settlement.api.security.User;
import org.yidan.settlement.core.SettlementException;
import org.yidan.settlement.hl7.Hl7Error;
import org.yidan.settlement.hl7.MessageMasking;
import org.yidan.settlement.io.InputException;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.service.Reprocessing;
import org.yidan.settlement.service.Settlements;
import org.yidan.settlement.store.MessageStore;

/**
 * The message browser's API (issue 14), for the integration and admin roles: every HL7 message received and sent,
 * searched by visit, person, control id, type, ACK code, sender and time; one message laid out by segment, with its
 * answer and what it did (names and ID numbers masked); a failed one reprocessed, as it was or edited.
 */
@Controller("/api/messages")
@Produces(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
public class MessagesController {
    private final MessageStore store;
    private final Reprocessing reprocessing;
    private final MessageMasking masking;
    private final ZoneId zone;

    MessagesController(MessageStore store, Reprocessing reprocessing, MessageMasking masking, Clock clock) {
        this.store = store;
        this.reprocessing = reprocessing;
        this.masking = masking;
        this.zone = clock.getZone();
    }

    /**
     * The messages found, newest first, at most {@code limit} (100 unless given; 1000 at most); {@code next_before} is
     * the {@code before} of the next page (null on the last). {@code from}/{@code to}: a date (the whole day), or a
     * date and time, in the hospital's zone, or an instant with its offset; [from, to).
     */
    @Get("{?visit,person,control_id,type,ack,app,facility,direction,from,to,before,limit}")
    public HttpResponse<String> search(@Nullable @QueryValue String visit, @Nullable @QueryValue String person,
                                       @Nullable @QueryValue("control_id") String controlId, @Nullable @QueryValue String type,
                                       @Nullable @QueryValue String ack, @Nullable @QueryValue String app,
                                       @Nullable @QueryValue String facility, @Nullable @QueryValue String direction,
                                       @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                       @Nullable @QueryValue Long before, @Nullable @QueryValue Integer limit) {
        try {
            int n = limit == null ? 100 : limit;
            if (n < 1 || n > 1000) throw new InputException(List.of("limit: 1 to 1000, not " + n));
            if (direction != null && !direction.isBlank() && !List.of(MessageStore.IN, MessageStore.OUT).contains(direction)) {
                throw new InputException(List.of("direction: in or out, not '" + direction + "'"));
            }
            List<MessageStore.Stored> found = store.search(new MessageStore.Query(blank(direction), blank(visit), blank(person),
                    blank(controlId), blank(type), blank(ack), blank(app), blank(facility), time(from, "from", false),
                    time(to, "to", true), before, n + 1));
            ObjectNode out = Json.MAPPER.createObjectNode();
            ArrayNode rows = out.putArray("messages");
            for (MessageStore.Stored m : found.subList(0, Math.min(n, found.size()))) rows.add(summary(m));
            if (found.size() > n) out.put("next_before", found.get(n - 1).id());
            else out.putNull("next_before");
            return JsonResponses.ok(out);
        } catch (InputException ex) {
            return JsonResponses.error(ex);
        }
    }

    /** One message: its summary, its segments field by field and its text (masked), its answer, its reprocesses. */
    @Get("/{id}")
    public HttpResponse<String> one(@PathVariable long id) {
        Optional<MessageStore.Stored> found = store.find(id);
        if (found.isEmpty()) return JsonResponses.notFound("报文 " + id + " 不存在");
        MessageStore.Stored m = found.get();
        java.nio.charset.Charset cs = reprocessing.charsetOf(m.message());
        String text = masking.mask(new String(m.message(), cs));
        ObjectNode out = summary(m);
        out.put("decoded_as", cs.name());
        out.put("message_bytes", m.messageBytes());
        out.put("complete", m.complete());
        out.put("text", text);
        out.set("segments", segments(text));
        String ack = m.ack() == null ? null : masking.mask(new String(m.ack(), cs));
        out.put("ack", ack);
        out.set("ack_segments", ack == null ? Json.MAPPER.createArrayNode() : segments(ack));
        ArrayNode again = out.putArray("reprocessed_as");
        for (MessageStore.Stored r : store.reprocessesOf(id)) again.add(summary(r));
        return JsonResponses.ok(out);
    }

    /** Reprocesses a failed inbound message: {"reason": "...", "message": "the edited text (optional)"}. */
    @Post("/{id}/reprocess")
    public HttpResponse<String> reprocess(HttpRequest<?> request, @PathVariable long id, @Body @Nullable String body) {
        try {
            JsonNode in = JsonResponses.read(body, "body");
            User u = request.getAttribute(User.ATTRIBUTE, User.class).orElseThrow();
            String edited = in.hasNonNull("message") ? in.get("message").asText() : null;
            String reason = in.hasNonNull("reason") ? in.get("reason").asText() : null;
            Optional<Reprocessing.Outcome> o = reprocessing.reprocess(id, edited, reason,
                    new Settlements.Actor(u.username(), u.role().code()));
            if (o.isEmpty()) return JsonResponses.notFound("报文 " + id + " 不存在");
            Reprocessing.Outcome r = o.get();
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.put("original_id", r.originalId());
            out.put("id", r.id());
            out.put("ack_code", r.ackCode());
            out.put("ack", masking.mask(r.ack()));
            out.put("outcome", r.outcome());
            return JsonResponses.ok(out);
        } catch (InputException | SettlementException ex) {
            return JsonResponses.error(ex);
        }
    }

    private ObjectNode summary(MessageStore.Stored m) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", m.id());
        n.put("direction", m.direction());
        n.put("at", m.at().atZone(zone).toOffsetDateTime().toString());
        n.put("control_id", m.controlId());
        n.put("type", m.messageType());
        n.put("ack_code", m.ackCode());
        n.put("sending_app", m.sendingApp());
        n.put("sending_facility", m.sendingFacility());
        n.put("peer", m.peer());
        n.put("charset", m.charset());
        n.put("mdtrt_id", m.mdtrtId());
        n.put("psn_no", m.psnNo());
        if (m.errorCode() == null) n.putNull("error_code");
        else n.put("error_code", m.errorCode());
        n.put("error_text", m.errorCode() == null ? null : Hl7Error.codeTextZh(m.errorCode()));
        n.put("outcome", m.outcome() == null ? null : masking.mask(m.outcome()));
        if (m.reprocessOf() == null) n.putNull("reprocess_of");
        else n.put("reprocess_of", m.reprocessOf());
        n.put("actor", m.actor());
        return n;
    }

    /** The segments of a message, each with its fields numbered as HL7 numbers them (MSH-1 is the separator). */
    static ArrayNode segments(String text) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        String norm = text.replace("\r\n", "\r").replace('\n', '\r');
        int msh = norm.indexOf("MSH");
        char sep = msh >= 0 && norm.length() > msh + 3 ? norm.charAt(msh + 3) : '|';
        for (String line : norm.split("\r")) {
            if (line.isBlank()) continue;
            ObjectNode s = out.addObject();
            String name = line.length() >= 3 ? line.substring(0, 3) : line;
            s.put("name", name);
            ArrayNode fields = s.putArray("fields");
            String[] f = line.split(java.util.regex.Pattern.quote(String.valueOf(sep)), -1);
            if (name.equals("MSH")) {
                fields.addObject().put("n", 1).put("value", String.valueOf(sep));
                for (int i = 1; i < f.length; i++) fields.addObject().put("n", i + 1).put("value", f[i]);
            } else {
                for (int i = 1; i < f.length; i++) fields.addObject().put("n", i).put("value", f[i]);
            }
        }
        return out;
    }

    private Instant time(String s, String field, boolean end) {
        if (s == null || s.isBlank()) return null;
        String t = s.trim();
        try {
            if (t.length() == 10) {
                LocalDate d = LocalDate.parse(t);
                return (end ? d.plusDays(1) : d).atStartOfDay(zone).toInstant();
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) return java.time.OffsetDateTime.parse(t).toInstant();
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (java.time.format.DateTimeParseException ex) {
            throw new InputException(List.of(field + ": '" + s + "' is not a date (YYYY-MM-DD) or a time (YYYY-MM-DDTHH:MM)"));
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
