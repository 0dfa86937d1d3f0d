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

    /**
     * The bill message sent to the HIS (outbound route): the ACK's ZBL under its own MSH, message type ZBL^Z01,
     * control id "B" + the discharge's control id, in the same character set.
     */
    static byte[] billMessage(byte[] ack) {
        java.nio.charset.Charset cs = new org.yidan.settlement.hl7.Hl7Charset(java.nio.charset.StandardCharsets.UTF_8).charsetOf(ack);
        String text = new String(ack, cs);
        StringBuilder out = new StringBuilder();
        String controlId = "";
        for (String seg : text.split("\r")) {
            if (seg.startsWith("MSA|")) {
                String[] f = seg.split("\\|", -1);
                controlId = f.length > 2 ? f[2] : "";
            }
        }
        for (String seg : text.split("\r")) {
            if (seg.isEmpty() || seg.startsWith("MSA|") || seg.startsWith("ERR|")) continue;
            if (seg.startsWith("MSH|")) {
                String[] f = seg.split("\\|", -1);
                if (f.length > 9) f[8] = "ZBL^Z01^ZBL_Z01";
                if (f.length > 10) f[9] = ("B" + controlId).length() > 20 ? ("B" + controlId).substring(0, 20) : "B" + controlId;
                seg = String.join("|", f);
            }
            out.append(seg).append('\r');
        }
        return out.toString().getBytes(cs);
    }

    @Override
    public void process(Exchange exchange) {
        byte[] raw = exchange.getIn().getBody(byte[].class);
        long t0 = System.nanoTime();
        Hl7Service.Result r = service.handle(raw == null ? new byte[0] : raw);
        metrics.hl7(r.type(), r.ackCode(), r.resent(), System.nanoTime() - t0);
        exchange.setProperty("CamelMllpAcknowledgement", r.ack());
        if (r.bill() != null && !r.resent()) exchange.setProperty("yidanBillOut", billMessage(r.ack()));
        exchange.getMessage().setBody(r.ack());
    }
}
