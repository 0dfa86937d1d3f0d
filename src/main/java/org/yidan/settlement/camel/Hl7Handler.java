package org.yidan.settlement.camel;

import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.yidan.settlement.service.Hl7Service;
import org.yidan.settlement.app.ServiceMetrics;

/**
 * The Camel side of {@link Hl7Service}: body = the HL7 message as bytes; the ACK goes back over MLLP
 * (exchange property CamelMllpAcknowledgement) and is also the body. A settled discharge's bill is queued for the
 * HIS with the settlement itself (service.OutboundBills; sent by routes/mllp-out.yaml).
 */
@Singleton
public class Hl7Handler implements Processor {
    private final Hl7Service service;
    private final ServiceMetrics metrics;
    private final java.time.Clock clock;

    Hl7Handler(Hl7Service service, ServiceMetrics metrics, java.time.Clock clock) {
        this.service = service;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * A reply when nothing else could be built (it never should be needed): an AR by hand, without the inbound's MSH,
     * so that the sender is never left without an answer.
     */
    static byte[] lastResort(java.time.Clock clock) {
        return ("MSH|^~\\&|YIDAN|SETTLEMENT|||" + java.time.ZonedDateTime.now(clock).format(
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmssxx")) + "||ACK|ERR" + System.nanoTime() % 1_000_000_000L
                + "|P|2.5\rMSA|AR|\rERR|||207^Application internal error^HL70357|E||||the message could not be answered; nothing was changed\r")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Override
    public void process(Exchange exchange) {
        byte[] raw = exchange.getIn().getBody(byte[].class);
        long t0 = System.nanoTime();
        Long oversize = exchange.getIn().getHeader(ListenerMllpComponent.FRAME_SIZE, Long.class);
        org.yidan.settlement.service.Origin from = org.yidan.settlement.service.Origin.peer(
                exchange.getIn().getHeader(ListenerMllpComponent.PEER, String.class));
        Hl7Service.Result r;
        try {
            r = oversize != null
                    ? service.oversize(raw, oversize, exchange.getIn().getHeader(ListenerMllpComponent.FRAME_LIMIT, Integer.class), from)
                    : service.handle(raw == null ? new byte[0] : raw, from);
        } catch (RuntimeException ex) {
            exchange.setProperty("CamelMllpAcknowledgement", lastResort(clock));
            throw ex;
        }
        metrics.hl7(r.type(), r.ackCode(), r.resent(), System.nanoTime() - t0);
        exchange.setProperty("CamelMllpAcknowledgement", r.ack());
        exchange.getMessage().setBody(r.ack());
    }
}
