package org.yidan.settlement.app;

import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The Camel side of {@link Hl7Service}: body = the HL7 message as bytes; the ACK goes back over MLLP
 * (exchange property CamelMllpAcknowledgement) and is also the body. A settled discharge's bill message is put in
 * property yidanBillOut for the outbound route.
 */
@Singleton
public class Hl7Handler implements Processor {
    private final Hl7Service service;
    private final ServiceMetrics metrics;

    Hl7Handler(Hl7Service service, ServiceMetrics metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        byte[] raw = exchange.getIn().getBody(byte[].class);
        long t0 = System.nanoTime();
        Hl7Service.Result r = service.handle(raw == null ? new byte[0] : raw);
        metrics.hl7(r.type(), r.ackCode(), r.resent(), System.nanoTime() - t0);
        exchange.setProperty("CamelMllpAcknowledgement", r.ack());
        if (r.bill() != null && !r.resent()) exchange.setProperty("yidanBillOut", r.ack());
        exchange.getMessage().setBody(r.ack());
    }
}
