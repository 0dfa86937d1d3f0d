package org.yidan.settlement.camel;

import java.time.Duration;
import java.util.Map;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Processor;
import org.apache.camel.component.mllp.MllpComponent;
import org.apache.camel.component.mllp.MllpConfiguration;
import org.apache.camel.component.mllp.MllpEndpoint;
import org.apache.camel.support.DefaultConsumer;
import org.yidan.settlement.mllp.Frame;
import org.yidan.settlement.mllp.MllpListener;
import org.yidan.settlement.mllp.MllpSettings;

/**
 * The "mllp" component of the route files: camel-mllp's producer for the outbound route (mllp-out), and for
 * listeners (mllp-in) our {@link MllpListener}, which bounds frames, connections and work in flight, answers every
 * well-framed message (an empty one, an oversize one) and refuses peers off the allow-list at accept. Route files keep
 * their {@code mllp:host:port} URIs and camel-mllp's options: maxConcurrentConsumers (connections), receiveTimeout,
 * idleTimeout, sslContextParameters; the frame limit and the workers come from yidan.mllp.
 *
 * <p>Each frame is an exchange (body: the payload bytes; header {@link #FRAME_SIZE} when the frame was over the
 * limit, its body then only the head); the reply is the exchange property CamelMllpAcknowledgement, as with
 * camel-mllp.
 */
final class ListenerMllpComponent extends MllpComponent {
    /** Header: the size of a frame over the limit (its body is then only its first bytes). */
    static final String FRAME_SIZE = "YidanMllpFrameSize";
    /** The sending peer's address (kept with the message in the message store). */
    static final String PEER = "YidanMllpPeer";
    static final String FRAME_LIMIT = "YidanMllpFrameLimit";

    private final PeerAllowList allow;
    private final MllpListener.Events events;
    private final int maxFrameBytes;
    private final int workers;
    private final java.time.Clock clock;

    ListenerMllpComponent(PeerAllowList allow, MllpListener.Events events, int maxFrameBytes, int workers, java.time.Clock clock) {
        this.clock = clock;
        this.allow = allow;
        this.events = events;
        this.maxFrameBytes = maxFrameBytes;
        this.workers = workers;
    }

    @Override
    protected org.apache.camel.Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
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
            Consumer c = new Listening(this, processor);
            configureConsumer(c);
            return c;
        }
    }

    /** A listener route's consumer: an {@link MllpListener} whose frames go through the route. */
    private final class Listening extends DefaultConsumer {
        private final MllpEndpoint endpoint;
        private MllpListener listener;

        Listening(MllpEndpoint endpoint, Processor processor) {
            super(endpoint, processor);
            this.endpoint = endpoint;
        }

        @Override
        protected void doStart() throws Exception {
            super.doStart();
            MllpConfiguration cfg = endpoint.getConfiguration();
            javax.net.ssl.SSLContext tls = endpoint.getSslContextParameters() == null ? null
                    : endpoint.getSslContextParameters().createSSLContext(endpoint.getCamelContext());
            MllpSettings s = new MllpSettings(endpoint.getHostname(), endpoint.getPort(), cfg.hasBacklog() ? cfg.getBacklog() : 50,
                    cfg.getMaxConcurrentConsumers(), maxFrameBytes, workers, Duration.ofMillis(cfg.getReceiveTimeout()),
                    Duration.ofMillis(cfg.hasIdleTimeout() ? cfg.getIdleTimeout() : 600_000), tls, allow::permits,
                    PeerAllowList.SETTING + " (" + allow + ")");
            listener = new MllpListener(s, this::handle, events);
            listener.start();
        }

        private byte[] handle(Frame f) {
            Exchange ex = createExchange(false);
            try {
                ex.setPattern(ExchangePattern.InOut);
                ex.getIn().setBody(f.payload());
                if (f.peer() != null) ex.getIn().setHeader(PEER, f.peer().getHostAddress());
                if (f.oversize()) {
                    ex.getIn().setHeader(FRAME_SIZE, f.size());
                    ex.getIn().setHeader(FRAME_LIMIT, f.limit());
                }
                try {
                    getProcessor().process(ex);
                } catch (Exception e) {
                    ex.setException(e);
                }
                byte[] ack = ex.getProperty("CamelMllpAcknowledgement", byte[].class);
                return ack != null ? ack : Hl7Handler.lastResort(clock);
            } finally {
                releaseExchange(ex, false);
            }
        }

        @Override
        protected void doStop() throws Exception {
            if (listener != null) listener.close();
            super.doStop();
        }
    }
}
