package org.yidan.settlement.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yidan.settlement.hl7.Hl7Charset;

/**
 * {@code send}: sends HL7 files over MLLP, in order, on one connection, and prints each ACK. A file holds one message
 * or several (each begins with a line starting {@code MSH}); line ends (CR, LF or CR LF) become CR, as HL7 wants, and
 * the bytes are otherwise sent as they are (a GB18030 file stays GB18030). Each ACK is printed a segment a line,
 * decoded in the character set its MSH-18 names.
 */
public final class Hl7Send {
    private Hl7Send() {}

    /** Sends the files; returns 0 when every message got AA, 1 when any got AE or AR. */
    public static int run(MllpClient client, List<Path> files, PrintStream out) throws IOException {
        int notAccepted = 0;
        for (Path f : files) {
            List<byte[]> messages = messages(Files.readAllBytes(f));
            if (messages.isEmpty()) throw new IOException(f + ": no HL7 message (no line starting MSH)");
            for (int i = 0; i < messages.size(); i++) {
                byte[] ack = client.send(messages.get(i));
                String raw18 = Hl7Charset.rawMsh18(ack);
                Charset cs = raw18 == null || raw18.isEmpty() || Hl7Charset.forName(raw18) == null
                        ? StandardCharsets.UTF_8 : Hl7Charset.forName(raw18);
                String text = new String(ack, cs);
                String code = msa1(text);
                if (!"AA".equals(code)) notAccepted++;
                out.println("== " + f + (messages.size() > 1 ? " #" + (i + 1) : "") + ": " + (code == null ? "no MSA" : code));
                for (String seg : text.split("\r")) if (!seg.isEmpty()) out.println(seg);
            }
        }
        return notAccepted == 0 ? 0 : 1;
    }

    /** The messages of a file: a new one at each line starting MSH; segments ended by CR; empty lines dropped. */
    static List<byte[]> messages(byte[] file) {
        List<byte[]> out = new ArrayList<>();
        ByteArrayOutputStream msg = null;
        int start = 0;
        for (int i = 0; i <= file.length; i++) {
            if (i < file.length && file[i] != '\r' && file[i] != '\n') continue;
            int len = i - start;
            if (len > 0) {
                boolean msh = len >= 3 && file[start] == 'M' && file[start + 1] == 'S' && file[start + 2] == 'H';
                if (msh) {
                    if (msg != null) out.add(msg.toByteArray());
                    msg = new ByteArrayOutputStream();
                }
                if (msg != null) {
                    msg.write(file, start, len);
                    msg.write('\r');
                }
            }
            start = i + 1;
        }
        if (msg != null) out.add(msg.toByteArray());
        return out;
    }

    private static String msa1(String ack) {
        for (String seg : ack.split("\r")) {
            if (seg.startsWith("MSA|")) {
                String[] f = seg.split("\\|", -1);
                return f.length > 1 ? f[1] : "";
            }
        }
        return null;
    }
}
