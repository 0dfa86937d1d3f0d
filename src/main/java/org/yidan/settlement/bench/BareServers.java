package org.yidan.settlement.bench;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.yidan.settlement.tools.Hl7Writer;
import org.yidan.settlement.tools.LoadTool;

/**
 * The baselines the service is measured against (issue 13): servers that only parse each message fully with HAPI and
 * answer AA, with no settlement and no database. {@code camel}: Apache Camel's own camel-mllp consumer (not the
 * service's listener) and HAPI's PipeParser; {@code hapi}: HAPI's own MLLP server. Each runs until the process ends.
 */
public final class BareServers {
    private BareServers() {}

    /** A running baseline; close it to stop. */
    public interface Running extends AutoCloseable {
        int port();

        @Override
        void close();
    }

    /** Starts the baseline {@code kind} ("camel" or "hapi") on {@code port} (0: any free port). */
    public static Running start(String kind, int port) throws Exception {
        return switch (kind) {
            case "camel" -> camel(port);
            case "hapi" -> hapi(port);
            default -> throw new IllegalArgumentException("kind is camel or hapi, not '" + kind + "'");
        };
    }

    private static HapiContext context() {
        HapiContext ctx = new DefaultHapiContext();
        ctx.setValidationContext(ValidationContextFactory.noValidation());
        // the ACKs' control ids from memory: HAPI's default keeps its counter in a file ./id_file
        ctx.getParserConfiguration().setIdGenerator(new ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator());
        return ctx;
    }

    /**
     * Parses one discharge of the load (A01, DFT^P03, A03) before the first connection. HAPI's PipeParser fills its
     * cache of message structures (a plain HashMap) on the first parse of each structure; several connections parsing
     * their first messages at once can see a half-built one and fail with a NullPointerException in
     * MessageIterator.addNonStandardSegmentAtCurrentPosition (seen in SideBySideTest): a HAPI server in production
     * would meet the same race, but the baseline must answer every message to be measured at all.
     */
    private static void warm(ca.uhn.hl7v2.parser.Parser parser) throws HL7Exception {
        for (String m : LoadTool.messages(new Hl7Writer("UNICODE UTF-8"), "WARM", 0, 2)) parser.parse(m);
    }

    private static Running camel(int port) throws Exception {
        int p = port == 0 ? freePort() : port;
        PipeParser parser = context().getPipeParser();
        warm(parser);
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mllp://0.0.0.0:" + p + "?autoAck=false&maxConcurrentConsumers=64").process(ex -> {
                    Message m = parser.parse(new String(ex.getIn().getBody(byte[].class), StandardCharsets.UTF_8));
                    ex.setProperty("CamelMllpAcknowledgement", parser.encode(m.generateACK()).getBytes(StandardCharsets.UTF_8));
                });
            }
        });
        camel.start();
        return new Running() {
            public int port() {
                return p;
            }

            public void close() {
                camel.stop();
            }
        };
    }

    private static Running hapi(int port) throws Exception {
        int p = port == 0 ? freePort() : port;
        HapiContext ctx = context();
        warm(ctx.getGenericParser());   // the parser the server's router uses
        HL7Service server = ctx.newServer(p, false);
        server.registerApplication("*", "*", new ReceivingApplication<Message>() {
            @Override
            public Message processMessage(Message m, Map<String, Object> meta) throws HL7Exception {
                try {
                    return m.generateACK();
                } catch (IOException ex) {
                    throw new HL7Exception(ex);
                }
            }

            @Override
            public boolean canProcess(Message m) {
                return true;
            }
        });
        server.startAndWait();
        return new Running() {
            public int port() {
                return p;
            }

            public void close() {
                server.stopAndWait();
            }
        };
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
