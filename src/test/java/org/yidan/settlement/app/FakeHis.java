package org.yidan.settlement.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An HIS's MLLP listener for the outbound tests: records every message it receives and answers each with MSA-1
 * {@link #answer} (AA unless told otherwise), one connection at a time.
 */
public final class FakeHis implements AutoCloseable {
    public final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    public final AtomicReference<String> answer = new AtomicReference<>("AA");
    private final ServerSocket server;
    private final Thread thread;

    public FakeHis(int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress("127.0.0.1", port));
        thread = new Thread(this::serve, "fake-his");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                while (true) {
                    int b = in.read();
                    if (b < 0) break;
                    if (b != 0x0b) continue;
                    ByteArrayOutputStream buf = new ByteArrayOutputStream();
                    while ((b = in.read()) != 0x1c && b >= 0) buf.write(b);
                    in.read();
                    String m = buf.toString(StandardCharsets.UTF_8);
                    received.add(m);
                    String code = answer.get();
                    String err = code.equals("AA") ? "" : "ERR|||207^Application internal error^HL70357|E||||病案系统维护中\r";
                    out.write(("\u000bMSH|^~\\&|HIS|H|YIDAN|S|20240101||ACK|A" + received.size() + "|P|2.5\rMSA|" + code + "|x|"
                            + (code.equals("AA") ? "" : "病案系统维护中") + "\r" + err + "\u001c\r").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException ex) {
                // closed: the loop ends with the server
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
