package org.yidan.settlement.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A minimal MLLP client: frames a message (VT … FS CR), sends it and reads the framed reply. One connection. */
public final class MllpClient implements AutoCloseable {
    static final int START = 0x0b;
    static final int END = 0x1c;
    static final int CR = 0x0d;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public MllpClient(String host, int port, int timeoutMs) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), timeoutMs);
        socket.setSoTimeout(timeoutMs);
        socket.setTcpNoDelay(true);
        // buffered: the reply is read byte by byte, and an unbuffered socket read is a system call per byte
        in = new java.io.BufferedInputStream(socket.getInputStream(), 8192);
        out = socket.getOutputStream();
    }

    /** "HOST:PORT" */
    public static MllpClient connect(String hostPort, int timeoutMs) throws IOException {
        int i = hostPort.lastIndexOf(':');
        if (i < 0) throw new IllegalArgumentException("expected HOST:PORT, got '" + hostPort + "'");
        return new MllpClient(hostPort.substring(0, i), Integer.parseInt(hostPort.substring(i + 1)), timeoutMs);
    }

    /** Sends one message and returns the reply's payload (without framing). */
    public byte[] send(byte[] message) throws IOException {
        byte[] framed = new byte[message.length + 3];
        framed[0] = START;
        System.arraycopy(message, 0, framed, 1, message.length);
        framed[framed.length - 2] = END;
        framed[framed.length - 1] = CR;
        out.write(framed);
        out.flush();
        return read();
    }

    private byte[] read() throws IOException {
        int b;
        do {
            b = in.read();
            if (b < 0) throw new IOException("connection closed before a reply");
        } while (b != START);
        ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
        while (true) {
            b = in.read();
            if (b < 0) throw new IOException("connection closed inside a reply");
            if (b == END) {
                int cr = in.read();
                if (cr != CR) throw new IOException("reply not ended by FS CR");
                return buf.toByteArray();
            }
            buf.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
