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
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.yidan.settlement.api.security.User;
import org.yidan.settlement.core.SettlementException;
import org.yidan.settlement.io.InputException;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.service.OutboundBills;
import org.yidan.settlement.service.Settlements;
import org.yidan.settlement.store.MessageStore;
import org.yidan.settlement.store.OutboundQueue;

/**
 * The outbound queue (integration and admin): what waits to be sent to the HIS, the dead letters, what was sent;
 * a message sent again on request (audited).
 */
@Controller("/api/outbound")
@Produces(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
public class OutboundController {
    private static final List<String> STATUSES = List.of(OutboundQueue.QUEUED, OutboundQueue.SENDING, OutboundQueue.SENT,
            OutboundQueue.DEAD);
    private final OutboundQueue queue;
    private final OutboundBills bills;
    private final MessageStore store;
    private final ZoneId zone;

    OutboundController(OutboundQueue queue, OutboundBills bills, MessageStore store, Clock clock) {
        this.queue = queue;
        this.bills = bills;
        this.store = store;
        this.zone = clock.getZone();
    }

    /** The queue's depth and its entries of one status (every status when none is given), newest first. */
    @Get("{?status,limit}")
    public HttpResponse<String> list(@Nullable @QueryValue String status, @Nullable @QueryValue Integer limit) {
        if (status != null && !status.isBlank() && !STATUSES.contains(status)) {
            return JsonResponses.error(new InputException(List.of("status: 无效的状态 '" + status + "'（应为 " + String.join("、", STATUSES) + " 之一）")));
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("enabled", bills.enabled());
        long[] depth = queue.depth();
        out.put("waiting", depth[0]);
        out.put("dead", depth[1]);
        ArrayNode rows = out.putArray("entries");
        for (OutboundQueue.Entry e : queue.list(status == null || status.isBlank() ? null : status, limit == null ? 100 : limit)) {
            rows.add(entry(e));
        }
        return JsonResponses.ok(out);
    }

    /** Sends an outbound message again: {"reason": "..."}. */
    @Post("/{id}/resend")
    public HttpResponse<String> resend(HttpRequest<?> request, @PathVariable long id, @Body @Nullable String body) {
        try {
            JsonNode in = JsonResponses.read(body, "body");
            User u = request.getAttribute(User.ATTRIBUTE, User.class).orElseThrow();
            Optional<OutboundQueue.Entry> e = bills.resend(id, in.path("reason").asText(null),
                    new Settlements.Actor(u.username(), u.role().code()));
            return e.<HttpResponse<String>>map(x -> JsonResponses.ok(entry(x)))
                    .orElseGet(() -> JsonResponses.notFound("外发报文 " + id + " 不存在"));
        } catch (InputException | SettlementException ex) {
            return JsonResponses.error(ex);
        }
    }

    private ObjectNode entry(OutboundQueue.Entry e) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("message_id", e.messageId());
        n.put("status", e.status());
        n.put("attempts", e.attempts());
        n.put("next_attempt_at", e.nextAttempt().atZone(zone).toOffsetDateTime().toString());
        n.put("last_error", e.lastError());
        n.put("sent_at", e.sentAt() == null ? null : e.sentAt().atZone(zone).toOffsetDateTime().toString());
        store.find(e.messageId()).ifPresent(m -> {
            n.put("at", m.at().atZone(zone).toOffsetDateTime().toString());
            n.put("control_id", m.controlId());
            n.put("type", m.messageType());
            n.put("mdtrt_id", m.mdtrtId());
            n.put("ack_code", m.ackCode());
            n.put("outcome", m.outcome());
        });
        return n;
    }
}
