package org.yidan.settlement.mllp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MLLP listener (HL7 v2 over TCP, framed VT … FS CR) that nothing a sender does can take down: every well-framed
 * message is answered, on the connection it came on, and what a frame, a connection or a crowd of them may hold is
 * bounded (issue 10: D4, D5, D12, D13, D15).
 *
 * <ul>
 *   <li>A frame is read up to {@link MllpSettings#maxFrameBytes()}; past that only its first bytes are kept (for the
 *       reply's MSH) and the rest is read and dropped up to its end, and the handler is told the frame's size: it
 *       answers AR, and the connection stays usable. An empty frame is a frame: it is answered too.</li>
 *   <li>At most {@link MllpSettings#workers()} frames are handled at once; the others wait, unread, so a crowd of
 *       large messages slows the service down instead of filling its heap.</li>
 *   <li>At most {@link MllpSettings#maxConnections()} connections; a new one when all are taken closes the one idle
 *       the longest (a sender that opened many and went quiet cannot lock everyone else out), or is refused.</li>
 *   <li>A peer off the allow-list is reset at accept, before anything is read (and before a TLS handshake). A failed
 *       TLS handshake is logged and counted. The port is bound with SO_REUSEADDR: a restart right after a crash
 *       binds at once.</li>
 *   <li>Bytes outside a frame are dropped; a frame not finished within the read timeout ends the connection (the
 *       sender sends again). Nothing of a message's content is ever logged.</li>
 * </ul>
 */
public final class MllpListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MllpListener.class);
    static final int VT = 0x0b;
    static final int FS = 0x1c;
    static final int CR = 0x0d;
    /** How much of an oversize frame is kept for the reply (its MSH). */
    static final int HEAD_BYTES = 64 * 1024;

    /** A payload in its MLLP envelope: VT, the bytes, FS CR. */
    public static byte[] frame(byte[] payload) {
        byte[] framed = new byte[payload.length + 3];
        framed[0] = VT;
        System.arraycopy(payload, 0, framed, 1, payload.length);
        framed[framed.length - 2] = FS;
        framed[framed.length - 1] = CR;
        return framed;
    }

    private final MllpSettings settings;
    private final FrameHandler handler;
    private final Events events;
    private final Semaphore working;
    private final Set<MllpConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger serial = new AtomicInteger();
    private final ThreadPoolExecutor pool;
    private volatile ServerSocket server;
    private volatile boolean running;
    private Thread acceptThread;

    /** What the listener tells the service: refused peers, failed handshakes, evictions, oversize frames. */
    public interface Events {
        default void refused(InetAddress peer) {}

        default void handshakeFailed(InetAddress peer) {}

        default void evicted() {}

        default void oversize() {}
    }

    public MllpListener(MllpSettings settings, FrameHandler handler, Events events) {
        this.settings = settings;
        this.handler = handler;
        this.events = events;
        this.working = new Semaphore(settings.workers(), true);
        // a few more threads than connections: an evicted connection's thread may still be finishing
        this.pool = new ThreadPoolExecutor(0, settings.maxConnections() + 8, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "mllp-" + settings.port() + "-" + serial.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Binds the port (SO_REUSEADDR) and starts accepting; a port that cannot be bound fails here. */
    public synchronized void start() throws IOException {
        ServerSocket s = settings.tls() == null ? new ServerSocket() : settings.tls().getServerSocketFactory().createServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(settings.host(), settings.port()), settings.backlog());
        server = s;
        running = true;
        acceptThread = new Thread(this::acceptLoop, "mllp-accept-" + settings.port());
        acceptThread.setDaemon(true);
        acceptThread.start();
    }

    public int port() {
        ServerSocket s = server;
        return s == null ? settings.port() : s.getLocalPort();
    }

    /** Open connections now. */
    public int connections() {
        return connections.size();
    }

    private void acceptLoop() {
        while (running) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException ex) {
                if (running) LOG.warn("MLLP accept on port {} failed: {}", port(), ex.toString());
                continue;
            } catch (RuntimeException | Error ex) {
                // the loop must not end while the listener runs: an OutOfMemoryError ends the process (README)
                LOG.error("MLLP accept on port {}: {}", port(), ex.toString());
                continue;
            }
            try {
                admit(socket);
            } catch (RuntimeException ex) {
                LOG.warn("MLLP connection from {} dropped at accept: {}", socket.getInetAddress(), ex.toString());
                reset(socket);
            }
        }
    }

    private void admit(Socket socket) {
        InetAddress peer = socket.getInetAddress();
        if (!settings.allow().test(peer)) {
            LOG.warn("MLLP connection from {} refused: not in {}", socket.getRemoteSocketAddress(), settings.allowDescription());
            events.refused(peer);
            reset(socket);
            return;
        }
        if (connections.size() >= settings.maxConnections() && !evictIdlest()) {
            LOG.warn("MLLP connection from {} refused: {} connections open, none idle", socket.getRemoteSocketAddress(), connections.size());
            events.refused(peer);
            reset(socket);
            return;
        }
        MllpConnection c = new MllpConnection(socket, settings, handler, events, working, () -> running, connections::remove);
        connections.add(c);
        try {
            pool.execute(c);
        } catch (java.util.concurrent.RejectedExecutionException ex) {
            connections.remove(c);
            events.refused(peer);
            reset(socket);
        }
    }

    /** Closes the connection idle the longest, if one has been idle a second or more. */
    private boolean evictIdlest() {
        MllpConnection idlest = null;
        long now = System.nanoTime();
        for (MllpConnection c : connections) {
            if (c.busy || now - c.lastActivity < 1_000_000_000L) continue;
            if (idlest == null || c.lastActivity < idlest.lastActivity) idlest = c;
        }
        if (idlest == null) return false;
        LOG.info("MLLP connection from {} closed: idle {} s, and a new connection needs its place",
                idlest.socket.getRemoteSocketAddress(), (now - idlest.lastActivity) / 1_000_000_000L);
        events.evicted();
        idlest.close();
        connections.remove(idlest);
        return true;
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);   // a reset at once, and no TIME_WAIT on our side
        } catch (IOException ignored) {
            // closed below anyway
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        ServerSocket s = server;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        for (MllpConnection c : connections) c.close();
        pool.shutdownNow();
        if (acceptThread != null) {
            try {
                acceptThread.join(5_000);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
