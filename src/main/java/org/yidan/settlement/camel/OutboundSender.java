package org.yidan.settlement.camel;

import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yidan.settlement.config.ChannelSettings;
import org.yidan.settlement.hl7.Hl7Charset;
import org.yidan.settlement.store.MessageStore;
import org.yidan.settlement.store.OutboundQueue;
import org.yidan.settlement.tools.MllpClient;

/**
 * Sends what the outbound queue holds due (the bean of routes/mllp-out.yaml, called on a timer): each message over
 * MLLP to the HIS, one at a time, oldest first. An AA (or CA) marks it sent; an AE/AR, no answer within the timeout,
 * or no listener, is a failure: tried again after a wait that doubles each time, a dead letter after max attempts.
 * While the HIS cannot be reached, a round stops at the first failure (the others would fail alike).
 */
public final class OutboundSender implements org.apache.camel.Processor {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundSender.class);
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final OutboundQueue queue;
    private final MessageStore store;
    private final ChannelSettings.Outbound settings;
    private final Clock clock;
    private final String instance = java.util.UUID.randomUUID().toString();

    public OutboundSender(OutboundQueue queue, MessageStore store, ChannelSettings.Outbound settings, Clock clock) {
        this.queue = queue;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** The route's step: sends what is due; the body is how many were sent. */
    @Override
    public void process(org.apache.camel.Exchange exchange) {
        exchange.getMessage().setBody(sendDue());
    }

    /** Sends every message due now; returns how many were sent. */
    public int sendDue() {
        int sent = 0;
        for (int i = 0; i < 1000; i++) {
            Optional<OutboundQueue.Entry> due = queue.claim(instance, clock.instant(), settings.timeout().multipliedBy(3));
            if (due.isEmpty()) break;
            if (!send(due.get())) break;
            sent++;
        }
        return sent;
    }

    /** Sends one claimed message; false when it failed. */
    private boolean send(OutboundQueue.Entry e) {
        MessageStore.Stored m = store.find(e.messageId()).orElse(null);
        if (m == null) {
            queue.failed(e.messageId(), "the message is no longer in the message store", clock.instant(), true, null, null,
                    "已放弃：报文已不在报文库中");
            return true;
        }
        Charset cs = charset(m.message());
        String where = settings.host() + ":" + settings.port();
        int attempt = e.attempts() + 1;
        byte[] ack;
        try (MllpClient c = new MllpClient(settings.host(), settings.port(), (int) settings.timeout().toMillis())) {
            ack = c.send(m.message());
        } catch (IOException | RuntimeException ex) {
            fail(e, attempt, "HIS " + where + "：" + (ex instanceof java.net.SocketTimeoutException ? "未在 "
                    + settings.timeout().toSeconds() + " 秒内应答" : ex instanceof java.net.ConnectException ? "无法连接（对方未监听）"
                    : ex.toString()), null, null);
            return false;
        }
        String text = new String(ack, cs);
        String code = msa(text, 1);
        if ("AA".equals(code) || "CA".equals(code)) {
            queue.sent(e.messageId(), clock.instant(), code, ack, "已发送给 HIS（" + where + "），应答 " + code
                    + (attempt > 1 ? "（第 " + attempt + " 次发送）" : ""));
            return true;
        }
        String why = msa(text, 3);
        fail(e, attempt, "HIS 应答 " + (code.isEmpty() ? "无法识别" : code) + (why.isEmpty() ? "" : "：" + why), code.isEmpty() ? null : code, ack);
        return false;
    }

    private void fail(OutboundQueue.Entry e, int attempt, String error, String code, byte[] ack) {
        boolean dead = attempt >= settings.maxAttempts();
        Instant next = clock.instant().plus(dead ? Duration.ZERO : settings.backoff(attempt));
        String outcome = dead ? "已放弃（" + attempt + " 次发送均失败，为死信，可在外发队列中重发）：" + error
                : "发送失败（第 " + attempt + " 次）：" + error + "；将于 " + HMS.format(next.atZone(clock.getZone())) + " 重试";
        queue.failed(e.messageId(), error, next, dead, code, ack, outcome);
        if (dead) LOG.warn("outbound message {} is a dead letter after {} attempts: {}", e.messageId(), attempt, error);
        else LOG.info("outbound message {}: attempt {} failed ({}); next at {}", e.messageId(), attempt, error, next);
    }

    /** MSA-n of an ACK ("" when absent). */
    static String msa(String ack, int n) {
        for (String seg : ack.split("[\r\n]+")) {
            if (seg.startsWith("MSA")) {
                String[] f = seg.split(java.util.regex.Pattern.quote(seg.length() > 3 ? String.valueOf(seg.charAt(3)) : "|"), -1);
                return n < f.length ? f[n].trim() : "";
            }
        }
        return "";
    }

    private static Charset charset(byte[] raw) {
        String v = Hl7Charset.rawMsh18(raw);
        Charset cs = v == null || v.isEmpty() ? null : Hl7Charset.forName(v);
        return cs == null ? java.nio.charset.StandardCharsets.UTF_8 : cs;
    }
}
