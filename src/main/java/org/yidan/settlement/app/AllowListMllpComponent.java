package org.yidan.settlement.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Map;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.component.mllp.MllpComponent;
import org.apache.camel.component.mllp.MllpConfiguration;
import org.apache.camel.component.mllp.MllpEndpoint;
import org.apache.camel.component.mllp.MllpTcpServerConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * camel-mllp with the peer allow-list (yidan.mllp.allow), registered as the "mllp" component so route files keep
 * their {@code mllp:host:port} URIs. A connection from a peer not on the list is reset as soon as it is accepted:
 * before camel-mllp reads a byte (no TLS handshake, no message, no ACK, no thread of its own), so it processes and
 * stores nothing.
 *
 * <p>The hook is {@link MllpTcpServerConsumer#validateConsumer(Socket)}, which camel-mllp 4.17's accept thread
 * calls on the accept thread with each new socket before handing it to a reader; there is no option for an
 * accept filter, and the socket's first reader (TcpServerConsumerValidationRunnable) is internal. Checking the
 * peer in hl7Handler would instead come after a message had been read (and, with TLS, after the handshake).
 * Producers (mllp-out) are camel-mllp's own: the list is about who may call in.
 */
final class AllowListMllpComponent extends MllpComponent {
    private static final Logger LOG = LoggerFactory.getLogger(AllowListMllpComponent.class);

    private final PeerAllowList allow;
    private final Runnable onRefused;

    /** @param onRefused called once per refused connection (the mllp.refused counter) */
    AllowListMllpComponent(PeerAllowList allow, Runnable onRefused) {
        this.allow = allow;
        this.onRefused = onRefused;
    }

    @Override
    protected org.apache.camel.Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        // camel-mllp parses host:port and the URI options into a plain endpoint; ours is built from it, so no option
        // is read twice. In camel-mllp 4.17 every option but two lives in the MllpConfiguration, which the
        // constructor copies (SSL parameters included); the two endpoint-level ones are copied after it
        MllpEndpoint parsed = (MllpEndpoint) super.createEndpoint(uri, remaining, parameters);
        Endpoint e = new Endpoint(uri, this, parsed.getConfiguration());
        e.setHostname(parsed.getHostname());
        e.setPort(parsed.getPort());
        e.setExceptionHandler(parsed.getExceptionHandler());
        e.setLazyStartProducer(parsed.isLazyStartProducer());
        return e;
    }

    private final class Endpoint extends MllpEndpoint {
        Endpoint(String uri, MllpComponent component, MllpConfiguration configuration) {
            super(uri, component, configuration);
        }

        @Override
        public Consumer createConsumer(Processor processor) throws Exception {
            Consumer c = new Guarded(this, processor);
            configureConsumer(c);
            return c;
        }
    }

    private final class Guarded extends MllpTcpServerConsumer {
        Guarded(MllpEndpoint endpoint, Processor processor) {
            super(endpoint, processor);
        }

        @Override
        public void validateConsumer(Socket socket) {
            // runs on camel-mllp's accept loop, which an exception would end: nothing may escape from here
            InetAddress peer = socket.getInetAddress();
            boolean permitted;
            try {
                permitted = allow.permits(peer);
            } catch (RuntimeException ex) {
                permitted = false;
            }
            if (permitted) {
                super.validateConsumer(socket);
                return;
            }
            LOG.warn("MLLP connection from {} refused: not in {} ({})", socket.getRemoteSocketAddress(),
                    PeerAllowList.SETTING, allow);
            try {
                onRefused.run();
            } catch (RuntimeException ex) {
                LOG.debug("mllp.refused not counted", ex);
            }
            try {
                // linger 0: the close sends a reset at once, and leaves no TIME_WAIT behind on our side
                socket.setSoLinger(true, 0);
            } catch (IOException ex) {
                LOG.debug("SO_LINGER not set on a refused connection", ex);
            }
            try {
                socket.close();
            } catch (IOException ex) {
                LOG.debug("closing a refused connection", ex);
            }
        }
    }
}
