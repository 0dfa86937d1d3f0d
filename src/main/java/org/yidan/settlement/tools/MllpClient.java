package org.yidan.settlement.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A minimal MLLP client: frames a message (VT … FS CR), sends it and reads the framed reply. One connection, plain
 * TCP or TLS (an SSLSocketFactory).
 */
public final class MllpClient implements AutoCloseable {
    static final int START = 0x0b;
    static final int END = 0x1c;
    static final int CR = 0x0d;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public MllpClient(String host, int port, int timeoutMs) throws IOException {
        this(host, port, timeoutMs, SocketFactory.getDefault());
    }

    /** Over the sockets of {@code sockets}: an {@link SSLSocketFactory} for TLS. */
    public MllpClient(String host, int port, int timeoutMs, SocketFactory sockets) throws IOException {
        socket = sockets.createSocket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            socket.setTcpNoDelay(true);
            if (socket instanceof SSLSocket tls) {
                // the certificate must name the host dialled (as HTTPS checks it), not merely chain to a trusted CA
                SSLParameters p = tls.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(p);
                tls.startHandshake();   // now, under the timeout, so a refused handshake fails here and says so
            }
        } catch (IOException | RuntimeException ex) {
            socket.close();   // the caller gets no client to close
            throw ex;
        }
        // buffered: the reply is read byte by byte, and an unbuffered socket read is a system call per byte
        in = new java.io.BufferedInputStream(socket.getInputStream(), 8192);
        out = socket.getOutputStream();
    }

    /** "HOST:PORT" */
    public static MllpClient connect(String hostPort, int timeoutMs) throws IOException {
        return connect(hostPort, timeoutMs, false);
    }

    /**
     * "HOST:PORT", over TLS when {@code tls}: the JVM's default TLS context, which trusts what
     * javax.net.ssl.trustStore names (the JDK's CAs without it) and presents javax.net.ssl.keyStore's key when the
     * service asks for a client certificate.
     */
    public static MllpClient connect(String hostPort, int timeoutMs, boolean tls) throws IOException {
        int i = hostPort.lastIndexOf(':');
        if (i < 0) throw new IllegalArgumentException("expected HOST:PORT, got '" + hostPort + "'");
        return new MllpClient(hostPort.substring(0, i), Integer.parseInt(hostPort.substring(i + 1)), timeoutMs,
                tls ? SSLSocketFactory.getDefault() : SocketFactory.getDefault());
    }

    /** Sends one message and returns the reply's payload (without framing). */
    public byte[] send(byte[] message) throws IOException {
        out.write(org.yidan.settlement.mllp.MllpListener.frame(message));
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
