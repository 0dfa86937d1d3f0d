package org.yidan.settlement.mllp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/**
 * How the MLLP listener runs.
 *
 * @param host               the address to bind (0.0.0.0: all)
 * @param port               the port (0: any free one)
 * @param backlog            connections the operating system queues before they are accepted
 * @param maxConnections     connections open at once (the idlest gives way to a new one)
 * @param maxFrameBytes      the largest frame handled; a larger one is answered AR
 * @param workers            frames handled at once; the others wait unread
 * @param readTimeout        how long a frame may take to arrive once begun (and a TLS handshake)
 * @param idleTimeout        how long a connection may stay quiet
 * @param tls                TLS (its server sockets carry the client-auth setting), or null for plain TCP
 * @param allow              which peers may connect
 * @param allowDescription   the allow-list as configured, for the log
 */
public record MllpSettings(String host, int port, int backlog, int maxConnections, int maxFrameBytes, int workers,
                           Duration readTimeout, Duration idleTimeout, SSLContext tls, Predicate<InetAddress> allow,
                           String allowDescription) {
    public MllpSettings {
        if (maxConnections < 1 || maxFrameBytes < 1024 || workers < 1) {
            throw new IllegalArgumentException("MLLP: max connections and workers must be at least 1, max frame bytes at least 1024");
        }
    }
}
