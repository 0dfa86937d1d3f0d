package org.yidan.settlement.mllp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MLLP connection of a {@link MllpListener}: reads frames, hands each to the handler (at most {@code workers} at
 * once, through the listener's semaphore), writes the reply; ends on the peer's close, an idle or a read timeout.
 */
final class MllpConnection implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(MllpListener.class);
    private static final int TICK_MS = 500;

    final Socket socket;
    private final MllpSettings settings;
    private final FrameHandler handler;
    private final MllpListener.Events events;
    private final Semaphore working;
    private final BooleanSupplier running;
    private final Consumer<MllpConnection> ended;
    volatile long lastActivity = System.nanoTime();
    /** Inside a frame, or being handled: not to be closed for a newcomer. */
    volatile boolean busy;

    /** @param running the listener still runs; @param ended told when this connection ends (the listener forgets it) */
    MllpConnection(Socket socket, MllpSettings settings, FrameHandler handler, MllpListener.Events events, Semaphore working,
                   BooleanSupplier running, Consumer<MllpConnection> ended) {
        this.socket = socket;
        this.settings = settings;
        this.handler = handler;
        this.events = events;
        this.working = working;
        this.running = running;
        this.ended = ended;
    }

    @Override
    public void run() {
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TICK_MS);
            if (socket instanceof SSLSocket tls) {
                socket.setSoTimeout((int) settings.readTimeout().toMillis());
                try {
                    tls.startHandshake();
                } catch (IOException ex) {
                    LOG.warn("MLLP TLS handshake with {} failed: {}", socket.getRemoteSocketAddress(), ex.getMessage());
                    events.handshakeFailed(socket.getInetAddress());
                    return;
                }
                socket.setSoTimeout(TICK_MS);
            }
            loop(socket.getInputStream(), socket.getOutputStream());
        } catch (SSLException ex) {
            LOG.warn("MLLP TLS connection with {} failed: {}", socket.getRemoteSocketAddress(), ex.getMessage());
            events.handshakeFailed(socket.getInetAddress());
        } catch (SocketException ex) {
            LOG.debug("MLLP connection from {} ended: {}", socket.getRemoteSocketAddress(), ex.toString());
        } catch (IOException ex) {
            LOG.debug("MLLP connection from {} ended: {}", socket.getRemoteSocketAddress(), ex.toString());
        } catch (RuntimeException | Error ex) {
            LOG.error("MLLP connection from {} ended: {}", socket.getRemoteSocketAddress(), ex.toString());
        } finally {
            ended.accept(this);
            close();
        }
    }

    private void loop(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[64 * 1024];
        FrameBuffer frame = new FrameBuffer(settings.maxFrameBytes());
        boolean inside = false;
        long frameStarted = 0;
        while (running.getAsBoolean()) {
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException tick) {
                long now = System.nanoTime();
                if (inside && now - frameStarted > settings.readTimeout().toNanos()) {
                    LOG.warn("MLLP connection from {} closed: a frame of {} bytes not finished within {} s",
                            socket.getRemoteSocketAddress(), frame.size(), settings.readTimeout().toSeconds());
                    return;
                }
                if (!inside && now - lastActivity > settings.idleTimeout().toNanos()) {
                    LOG.debug("MLLP connection from {} closed: idle", socket.getRemoteSocketAddress());
                    return;
                }
                continue;
            }
            if (n < 0) return;   // the peer closed
            lastActivity = System.nanoTime();
            int i = 0;
            while (i < n) {
                if (!inside) {
                    // out-of-band bytes before a frame (a CR after FS, stray bytes) are dropped
                    while (i < n && buf[i] != MllpListener.VT) i++;
                    if (i == n) break;
                    i++;
                    inside = true;
                    busy = true;
                    frameStarted = System.nanoTime();
                    frame.reset();
                    continue;
                }
                int end = i;
                while (end < n && buf[end] != MllpListener.FS) end++;
                frame.append(buf, i, end - i);
                if (end == n) {
                    i = n;
                    break;
                }
                // FS: the frame is complete (the CR after it is dropped as out-of-band)
                i = end + 1;
                inside = false;
                answer(frame, out);
                busy = false;
                lastActivity = System.nanoTime();
            }
        }
    }

    private void answer(FrameBuffer frame, OutputStream out) throws IOException {
        Frame f = frame.frame(socket.getInetAddress());
        if (f.oversize()) events.oversize();
        byte[] reply;
        working.acquireUninterruptibly();
        try {
            reply = handler.handle(f);
        } finally {
            working.release();
        }
        if (reply == null) return;
        // active as of now, before the sender can see the answer: a sender that hears back from this connection and
        // then talks on another finds this one the idler of the two (eviction picks the idlest)
        lastActivity = System.nanoTime();
        out.write(MllpListener.frame(reply));
        out.flush();
    }

    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
