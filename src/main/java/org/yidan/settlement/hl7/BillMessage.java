package org.yidan.settlement.hl7;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The bill message sent to the HIS by the outbound route, built beside the ACKs ({@link Hl7Acks}): the ACK's ZBL
 * under its own MSH, message type ZBL^Z01, control id "B" + the discharge's control id (at most 20 characters,
 * MSH-10's length), in the ACK's character set. MSA and ERR are left out. A bill settled again later goes out as
 * {@link #again}: the first bill message's MSH with a new time and control id, and the new ZBL.
 */
public final class BillMessage {
    private BillMessage() {
    }

    public static byte[] fromAck(byte[] ack) {
        Charset cs = new Hl7Charset(StandardCharsets.UTF_8).charsetOf(ack);
        String[] segments = new String(ack, cs).split("\r");
        String controlId = "";
        for (String seg : segments) {
            if (seg.startsWith("MSA|")) {
                String[] f = seg.split("\\|", -1);
                controlId = f.length > 2 ? f[2] : "";
            }
        }
        String billId = "B" + controlId;
        if (billId.length() > 20) billId = billId.substring(0, 20);
        StringBuilder out = new StringBuilder();
        for (String seg : segments) {
            if (seg.isEmpty() || seg.startsWith("MSA|") || seg.startsWith("ERR|")) continue;
            if (seg.startsWith("MSH|")) {
                String[] f = seg.split("\\|", -1);
                if (f.length > 9) f[8] = "ZBL^Z01^ZBL_Z01";
                if (f.length > 10) f[9] = billId;
                seg = String.join("|", f);
            }
            out.append(seg).append('\r');
        }
        return out.toString().getBytes(cs);
    }

    /**
     * The bill of a visit settled again (the counter's re-settle, a cancel's later stays, relief recognised later),
     * addressed as the visit's first bill message was: its MSH with MSH-7 {@code at} (as an ACK's MSH-7) and MSH-10
     * {@code controlId}, then the new bill's ZBL, in the first message's character set.
     */
    public static byte[] again(byte[] first, org.yidan.settlement.core.Bill bill, String controlId, java.time.ZonedDateTime at) {
        Charset cs = new Hl7Charset(StandardCharsets.UTF_8).charsetOf(first);
        String msh = new String(first, cs).split("\r")[0];
        String[] f = msh.split("\\|", -1);
        if (f.length > 6) f[6] = at.format(Hl7Acks.TS);
        if (f.length > 9) f[9] = controlId;
        AckText zbl = new AckText(Hl7Acks.ESCAPING);
        Hl7Acks.zbl(zbl.add("ZBL"), bill);
        return (String.join("|", f) + "\r" + zbl.encode()).getBytes(cs);
    }
}
