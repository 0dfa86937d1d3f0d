package org.yidan.settlement.mllp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The MLLP listener on its own, with a handler that echoes what it was given: "ok:<payload>", or "big:<size>:<head
 * length>" for a frame over the limit. Frames, bounds, connections.
 */
@Timeout(60)
class MllpListenerTest {
    MllpListener listener;
    final AtomicInteger evicted = new AtomicInteger();
    final AtomicInteger inHandler = new AtomicInteger();
    final AtomicInteger mostInHandler = new AtomicInteger();

    MllpListener start(int maxConnections, int maxFrame, int workers, Duration read, FrameHandler h) throws IOException {
        MllpSettings s = new MllpSettings("127.0.0.1", 0, 50, maxConnections, maxFrame, workers, read, Duration.ofMinutes(10),
                null, peer -> true, "test");
        listener = new MllpListener(s, h, new MllpListener.Events() {
            @Override
            public void evicted() {
                evicted.incrementAndGet();
            }
        });
        listener.start();
        return listener;
    }

    MllpListener echo(int maxConnections, int maxFrame) throws IOException {
        return start(maxConnections, maxFrame, 4, Duration.ofSeconds(5), f -> (f.oversize()
                ? "big:" + f.size() + ":" + f.payload().length : "ok:" + new String(f.payload(), StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    @AfterEach
    void stop() {
        if (listener != null) listener.close();
    }

    Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", listener.port()), 5_000);
        s.setSoTimeout(10_000);
        return s;
    }

    static void write(Socket s, byte[]... parts) throws IOException {
        OutputStream out = s.getOutputStream();
        for (byte[] p : parts) out.write(p);
        out.flush();
    }

    static byte[] framed(String payload) {
        return framed(payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    static byte[] framed(byte[] payload) {
        byte[] f = new byte[payload.length + 3];
        f[0] = 0x0b;
        System.arraycopy(payload, 0, f, 1, payload.length);
        f[f.length - 2] = 0x1c;
        f[f.length - 1] = 0x0d;
        return f;
    }

    static String reply(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        int b;
        do {
            b = in.read();
            if (b < 0) throw new IOException("closed");
        } while (b != 0x0b);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while ((b = in.read()) != 0x1c) {
            if (b < 0) throw new IOException("closed inside a reply");
            buf.write(b);
        }
        assertEquals(0x0d, in.read(), "FS CR");
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void framesEmptyTinyAndAfterJunkAreAllAnswered() throws Exception {
        echo(4, 1024 * 1024);
        try (Socket s = connect()) {
            write(s, framed("MSH|1"));
            assertEquals("ok:MSH|1", reply(s));
            write(s, framed(""));                                   // an empty frame (D15)
            assertEquals("ok:", reply(s));
            write(s, framed("M"), framed("MS"), framed("MSH"));     // 1 to 3 bytes, in one write
            assertEquals("ok:M", reply(s));
            assertEquals("ok:MS", reply(s));
            assertEquals("ok:MSH", reply(s));
            write(s, "junk before a frame\r\n".getBytes(StandardCharsets.US_ASCII), framed("\rSH|2"));
            assertEquals("ok:\rSH|2", reply(s));
            // a frame split over many writes
            byte[] f = framed("MSH|split");
            for (byte b : f) write(s, new byte[] {b});
            assertEquals("ok:MSH|split", reply(s));
        }
    }

    @Test
    void aFrameOverTheLimitIsReadToItsEndAndTheConnectionGoesOn() throws Exception {
        echo(4, 4096);
        try (Socket s = connect()) {
            byte[] big = new byte[200_000];
            java.util.Arrays.fill(big, (byte) 'x');
            write(s, framed(big));
            assertEquals("big:200000:4096", reply(s));   // the head kept: at most the limit
            write(s, framed("MSH|after"));
            assertEquals("ok:MSH|after", reply(s));
            // exactly at the limit is not over it
            byte[] at = new byte[4096];
            java.util.Arrays.fill(at, (byte) 'y');
            write(s, framed(at));
            assertTrue(reply(s).startsWith("ok:yyy"));
        }
    }

    @Test
    void workersBoundHowManyFramesAreHandledAtOnce() throws Exception {
        CountDownLatch all = new CountDownLatch(6);
        start(8, 1024 * 1024, 2, Duration.ofSeconds(5), f -> {
            int now = inHandler.incrementAndGet();
            mostInHandler.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(100);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            inHandler.decrementAndGet();
            all.countDown();
            return "done".getBytes(StandardCharsets.US_ASCII);
        });
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Thread t = new Thread(() -> {
                try (Socket s = connect()) {
                    write(s, framed("MSH|x"));
                    assertEquals("done", reply(s));
                } catch (IOException ex) {
                    throw new IllegalStateException(ex);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) t.join();
        assertEquals(0, all.getCount());
        assertEquals(2, mostInHandler.get(), "at most two frames in the handler at once");
    }

    @Test
    void aNewConnectionWhenAllAreTakenClosesTheIdlest() throws Exception {
        echo(3, 1024 * 1024);
        List<Socket> idle = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Socket s = connect();
            write(s, framed("MSH|" + i));
            assertEquals("ok:MSH|" + i, reply(s));
            idle.add(s);
        }
        Thread.sleep(1_200);   // idle for more than a second
        write(idle.get(1), framed("MSH|again"));   // the second is no longer the idlest
        assertEquals("ok:MSH|again", reply(idle.get(1)));
        try (Socket late = connect()) {
            write(late, framed("MSH|late"));
            assertEquals("ok:MSH|late", reply(late), "a new sender is served");
        }
        assertEquals(1, evicted.get());
        // the idlest (the first) was closed; the others still answer
        assertThrows(IOException.class, () -> {
            write(idle.get(0), framed("MSH|0 again"));
            reply(idle.get(0));
        });
        write(idle.get(2), framed("MSH|2 again"));
        assertEquals("ok:MSH|2 again", reply(idle.get(2)));
        for (Socket s : idle) s.close();
    }

    @Test
    void aFrameThatStopsHalfwayEndsTheConnection() throws Exception {
        start(4, 1024 * 1024, 2, Duration.ofSeconds(1), f -> "ok".getBytes(StandardCharsets.US_ASCII));
        try (Socket s = connect()) {
            write(s, new byte[] {0x0b, 'M', 'S', 'H'});
            assertEquals(-1, s.getInputStream().read(), "closed once the frame did not finish in time");
        }
        try (Socket s = connect()) {
            write(s, framed("MSH|next"));
            assertEquals("ok", reply(s));
        }
    }

    @Test
    void aRefusedPeerIsResetAndNothingReachesTheHandler() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        MllpSettings s = new MllpSettings("127.0.0.1", 0, 50, 4, 1024 * 1024, 2, Duration.ofSeconds(5), Duration.ofMinutes(1),
                null, peer -> false, "nobody");
        listener = new MllpListener(s, f -> {
            handled.incrementAndGet();
            return new byte[0];
        }, new MllpListener.Events() {
            @Override
            public void refused(java.net.InetAddress peer) {
                refused.incrementAndGet();
            }
        });
        listener.start();
        try (Socket c = new Socket()) {
            c.connect(new InetSocketAddress("127.0.0.1", listener.port()), 5_000);
            c.setSoTimeout(5_000);
            write(c, framed("MSH|x"));
            assertEquals(-1, c.getInputStream().read());
        } catch (IOException reset) {
            // the reset arrives at the connect, the write or the read
        }
        assertEquals(0, handled.get());
        assertEquals(1, refused.get());
    }

    @Test
    void theSameBytesComeBackThatWereSent() throws Exception {
        echo(4, 1024 * 1024);
        byte[] gb = "MSH|张三丰".getBytes(java.nio.charset.Charset.forName("GB18030"));
        try (Socket s = connect()) {
            write(s, framed(gb));
            assertArrayEquals(("ok:" + new String(gb, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1),
                    reply(s).getBytes(StandardCharsets.ISO_8859_1));
        }
    }
}
