package org.yidan.settlement.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yidan.settlement.hl7.Hl7Error;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.store.LedgerHistory;
import org.yidan.settlement.store.MessageStore;

/**
 * What the integration page's dashboard shows (issue 14): the HL7 messages of the last hour and of today (the
 * hospital's day) by type and ACK code, the errors by HL7 code, the settlements and cancels, and the ACK time's median
 * and 99th percentile. Counted from the database, so every instance on one database shows the same counts.
 */
public final class Dashboard {
    private final MessageStore store;
    private final LedgerHistory ledger;
    private final Clock clock;

    public Dashboard(MessageStore store, LedgerHistory ledger, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** @param ackTimes the ACK time's {p50, p99, count} (milliseconds; NaN when nothing was timed) */
    public ObjectNode now(double[] ackTimes) {
        Instant now = clock.instant();
        Instant hourAgo = now.minus(Duration.ofHours(1));
        Instant dayStart = LocalDate.now(clock).atStartOfDay(clock.getZone()).toInstant();
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("at", now.atZone(clock.getZone()).toOffsetDateTime().toString());
        out.set("hour", period(hourAgo, now));
        out.set("today", period(dayStart, now));
        ObjectNode t = out.putObject("ack_time_ms");
        if (Double.isNaN(ackTimes[0])) t.putNull("p50");
        else t.put("p50", Math.round(ackTimes[0] * 10) / 10.0);
        if (Double.isNaN(ackTimes[1])) t.putNull("p99");
        else t.put("p99", Math.round(ackTimes[1] * 10) / 10.0);
        t.put("timed", (long) ackTimes[2]);
        return out;
    }

    private ObjectNode period(Instant from, Instant to) {
        List<MessageStore.Tally> tally = store.tally(from, to);
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("from", from.atZone(clock.getZone()).toOffsetDateTime().toString());
        Map<String, Map<String, Long>> byType = new TreeMap<>();
        Map<Integer, Long> errors = new TreeMap<>();
        long total = 0;
        for (MessageStore.Tally x : tally) {
            byType.computeIfAbsent(x.messageType(), k -> new TreeMap<>()).merge(x.ackCode() == null ? "—" : x.ackCode(), x.count(), Long::sum);
            if (x.errorCode() != null) errors.merge(x.errorCode(), x.count(), Long::sum);
            total += x.count();
        }
        p.put("messages", total);
        ArrayNode types = p.putArray("by_type");
        byType.forEach((type, acks) -> {
            ObjectNode n = types.addObject().put("type", type);
            ObjectNode a = n.putObject("ack");
            acks.forEach(a::put);
        });
        ArrayNode errs = p.putArray("errors");
        errors.forEach((code, n) -> errs.addObject().put("code", code).put("text", Hl7Error.codeTextZh(code)).put("count", n));
        long[] counts = ledger.counts(from, to);
        p.put("settled", counts[0]);
        p.put("cancelled", counts[1]);
        return p;
    }
}
