package org.yidan.settlement.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;

/** The outbound bill message is the ACK's ZBL under the ACK's MSH, retyped ZBL^Z01, control id "B" + MSA-2. */
class BillMessageTest {
    @Test
    void theAcksZblUnderItsOwnMsh() {
        String ack = "MSH|^~\\&|YIDAN|SETTLEMENT|HIS|WARD|20261202101500+0800||ACK^A03^ACK|ACK1|P|2.5\r"
                + "MSA|AA|LC0001-A03\r"
                + "ZBL|1|合计^12345.67\r";
        String out = new String(BillMessage.fromAck(ack.getBytes(Charset.forName("UTF-8"))), Charset.forName("UTF-8"));
        assertEquals("MSH|^~\\&|YIDAN|SETTLEMENT|HIS|WARD|20261202101500+0800||ZBL^Z01^ZBL_Z01|BLC0001-A03|P|2.5\r"
                + "ZBL|1|合计^12345.67\r", out);
    }

    @Test
    void inTheAcksCharsetWithTheIdCutToTwentyAndNoErr() {
        Charset gb = Charset.forName("GB18030");
        String ack = "MSH|^~\\&|YIDAN|SETTLEMENT|HIS|WARD|20261202101500+0800||ACK^A03^ACK|ACK1|P|2.5|||||CHN|GB 18030-2000\r"
                + "MSA|AA|12345678901234567890XYZ\r"
                + "ERR|||0^消息已接受^HL70357|W\r"
                + "ZBL|1|救助^100.00\r";
        byte[] out = BillMessage.fromAck(ack.getBytes(gb));
        // "B" + the 23-character control id, cut to MSH-10's 20 characters: B + the first 19
        assertEquals("MSH|^~\\&|YIDAN|SETTLEMENT|HIS|WARD|20261202101500+0800||ZBL^Z01^ZBL_Z01|B1234567890123456789|P|2.5|||||CHN|GB 18030-2000\r"
                + "ZBL|1|救助^100.00\r", new String(out, gb));
    }
}
