package org.yidan.settlement.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.SocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yidan.settlement.tools.MllpClient;

/**
 * Who may talk to the MLLP listener: the peer allow-list (a peer off it is reset at accept and nothing is stored)
 * and TLS (a self-signed PKCS12 keystore made here with the running JDK's keytool), with and without client
 * certificates. The tests connect from 127.0.0.1, like the other MLLP tests.
 */
class MllpAccessTest {
    static final String PASSWORD = "Test-Keystore-9z";

    @TempDir
    static Path keys;
    static Path serverKeystore;
    static Path clientKeystore;
    static Path serverTruststore;

    @TempDir
    Path data;

    static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("keytool " + String.join(" ", args) + ": " + out);
    }

    /** A key pair and its self-signed certificate in a new PKCS12 keystore. */
    static Path keypair(String file, String dname, String san) throws Exception {
        Path ks = keys.resolve(file);
        keytool("-genkeypair", "-alias", "key", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", dname, "-ext", "SAN=" + san, "-validity", "2", "-storetype", "PKCS12",
                "-keystore", ks.toString(), "-storepass", PASSWORD);
        return ks;
    }

    @BeforeAll
    static void certificates() throws Exception {
        serverKeystore = keypair("server.p12", "CN=localhost", "dns:localhost,ip:127.0.0.1");
        clientKeystore = keypair("client.p12", "CN=his-client", "dns:his.example");
        // the service's truststore for mutual TLS: the client's certificate
        Path clientCert = keys.resolve("client.crt");
        keytool("-exportcert", "-alias", "key", "-keystore", clientKeystore.toString(), "-storepass", PASSWORD, "-rfc",
                "-file", clientCert.toString());
        serverTruststore = keys.resolve("server-trust.p12");
        keytool("-importcert", "-noprompt", "-alias", "his", "-file", clientCert.toString(), "-storetype", "PKCS12",
                "-keystore", serverTruststore.toString(), "-storepass", PASSWORD);
    }

    static KeyStore load(Path p12) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(p12.toFile())) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }

    static SSLSocketFactory tlsClient(Path clientKeys) throws Exception {
        return tlsClient(clientKeys, "TLS");
    }

    /**
     * A client's TLS sockets: trusting the service's certificate, presenting {@code clientKeys} when not null, with
     * the protocols of SSLContext {@code protocol} ("TLSv1.2": no 1.3, as an older HIS's Java).
     */
    static SSLSocketFactory tlsClient(Path clientKeys, String protocol) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("service", load(serverKeystore).getCertificate("key"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (clientKeys != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(clientKeys), PASSWORD.toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance(protocol);
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx.getSocketFactory();
    }

    static Map<String, Object> tls(String clientAuth) {
        Map<String, Object> p = new HashMap<>();
        p.put("yidan.mllp.tls.enabled", true);
        p.put("yidan.mllp.tls.keystore", serverKeystore.toString());
        p.put("yidan.mllp.tls.keystore-password", PASSWORD);
        p.put("yidan.mllp.tls.client-auth", clientAuth);
        if (!clientAuth.equals("none")) {
            p.put("yidan.mllp.tls.truststore", serverTruststore.toString());
            p.put("yidan.mllp.tls.truststore-password", PASSWORD);
        }
        return p;
    }

    static byte[] a01() throws Exception {
        return Files.readAllBytes(Path.of("mappings/examples/lc-01-adt-a01.hl7"));
    }

    static String msa1(byte[] ack) {
        String text = new String(ack, StandardCharsets.UTF_8);
        String msa = MllpServiceTest.segment(text, "MSA");
        return msa == null ? text : MllpServiceTest.field(msa, 1);
    }

    static long rows(ServiceFixture svc, String table) throws Exception {
        try (Connection c = svc.context.getBean(DataSource.class).getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** mllp.refused: registered at start (get() fails otherwise), so it reads 0 before any refusal. */
    static double refused(ServiceFixture svc) {
        return svc.context.getBean(MeterRegistry.class).get("mllp.refused").counter().count();
    }

    /** Sending the A01 over a new connection gets no ACK: the exception the client saw instead. */
    static IOException noAck(ServiceFixture svc, SocketFactory sockets) {
        return assertThrows(IOException.class, () -> {
            try (MllpClient c = new MllpClient("127.0.0.1", svc.mllpPort, 5_000, sockets)) {
                c.send(a01());
            }
        });
    }

    /** TLS settings {@link #tls} with {@code key} set to {@code value} (null: unset). */
    static Map<String, Object> tls(String clientAuth, String key, Object value) {
        Map<String, Object> p = tls(clientAuth);
        if (value == null) p.remove(key);
        else p.put(key, value);
        return p;
    }

    /** The service does not start with {@code props}, and says {@code expected}. */
    void startFails(Map<String, Object> props, String expected) {
        var ex = assertThrows(RuntimeException.class, () -> new ServiceFixture(data, props).close());
        String chain = StartupFailureTest.chain(ex);
        assertTrue(chain.contains(expected), chain);
    }

    @Test
    void aPeerOffTheListIsResetAtAcceptAndNothingIsStored() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of("yidan.mllp.allow", "10.20.0.0/16,fd00::/8"))) {
            // no ACK: the connection is reset whether the message was written before or after the reset arrived
            IOException ex = noAck(svc, SocketFactory.getDefault());
            assertTrue(!(ex instanceof SocketTimeoutException), "closed at once, not left to time out: " + ex);
            // at accept: a peer that sends nothing is closed too, long before camel-mllp's 15 s receive timeout
            long t0 = System.nanoTime();
            int first;
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", svc.mllpPort), 5_000);
                s.setSoTimeout(5_000);
                first = s.getInputStream().read();
            } catch (SocketException reset) {
                // the reset can arrive before the read, or even as the connect completes; a time-out is not this
                first = -1;
            }
            assertEquals(-1, first);
            assertTrue(System.nanoTime() - t0 < 3_000_000_000L, "closed at once");
            assertEquals(0, rows(svc, "message_log"), "nothing in the message log");
            assertEquals(0, rows(svc, "visit_admission"), "no admission stored");
            assertEquals(2.0, refused(svc), "each refused connection counted in mllp.refused");
            assertTrue(!svc.get("/api/status").body().contains("ADT^A01"), svc.get("/api/status").body());
        }
    }

    @Test
    void theDefaultListAcceptsLoopback() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of());
             MllpClient c = new MllpClient("127.0.0.1", svc.mllpPort, 10_000)) {
            assertEquals("AA", msa1(c.send(a01())));
            assertEquals(1, rows(svc, "message_log"));
            assertEquals(1, rows(svc, "visit_admission"));
            assertEquals(0.0, refused(svc));
        }
    }

    @Test
    void aRangeThatHoldsThePeerAcceptsIt() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, Map.of("yidan.mllp.allow", "10.20.0.0/16, 127.0.0.0/8"));
             MllpClient c = new MllpClient("127.0.0.1", svc.mllpPort, 10_000)) {
            assertEquals("AA", msa1(c.send(a01())));
        }
    }

    @Test
    void aBadEntryStopsStartUpNamingIt() {
        startFails(Map.of("yidan.mllp.allow", "127.0.0.1,10.20.300.0/24"),
                "yidan.mllp.allow (MLLP_ALLOW): '10.20.300.0/24' is not an IPv4 address");
    }

    @Test
    void overTlsTheAckComesBackAndPlainTcpGetsNone() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, tls("none"))) {
            try (MllpClient c = new MllpClient("127.0.0.1", svc.mllpPort, 10_000, tlsClient(null))) {
                assertEquals("AA", msa1(c.send(a01())));
            }
            // a client that speaks TLS 1.2 at most is served too (the resend's ACK, the same AA)
            try (MllpClient c = new MllpClient("127.0.0.1", svc.mllpPort, 10_000, tlsClient(null, "TLSv1.2"))) {
                assertEquals("AA", msa1(c.send(a01())));
            }
            // plain MLLP to the TLS listener: the service reads a broken TLS record and drops the connection
            noAck(svc, SocketFactory.getDefault());
            assertEquals(1, rows(svc, "message_log"), "only the TLS message");
        }
    }

    @Test
    void mutualTlsRefusesAClientWithoutACertificate() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, tls("need"))) {
            noAck(svc, tlsClient(null));
            assertEquals(0, rows(svc, "message_log"));
            try (MllpClient c = new MllpClient("127.0.0.1", svc.mllpPort, 10_000, tlsClient(clientKeystore))) {
                assertEquals("AA", msa1(c.send(a01())));
            }
        }
    }

    @Test
    void tlsOffTheListIsRefusedBeforeTheHandshake() throws Exception {
        try (ServiceFixture svc = new ServiceFixture(data, tls("none", "yidan.mllp.allow", "10.20.0.0/16"))) {
            // MllpClient shakes hands in its constructor: the reset comes before any TLS byte is answered
            IOException ex = assertThrows(IOException.class,
                    () -> new MllpClient("127.0.0.1", svc.mllpPort, 5_000, tlsClient(null)).close());
            assertTrue(!(ex instanceof SocketTimeoutException), ex.toString());
            assertEquals(1.0, refused(svc));
        }
    }

    @Test
    void unusableTlsSettingsStopStartUpNamingTheSetting() {
        startFails(tls("none", "yidan.mllp.tls.keystore-password", "not-the-password"),
                "yidan.mllp.tls.keystore (MLLP_TLS_KEYSTORE): " + serverKeystore + " cannot be opened as PKCS12");
        startFails(tls("none", "yidan.mllp.tls.keystore", keys.resolve("nowhere.p12").toString()),
                "yidan.mllp.tls.keystore (MLLP_TLS_KEYSTORE): cannot read " + keys.resolve("nowhere.p12"));
        startFails(tls("none", "yidan.mllp.tls.keystore", null),
                "yidan.mllp.tls.keystore (MLLP_TLS_KEYSTORE) is required when yidan.mllp.tls.enabled (MLLP_TLS) is true");
        startFails(tls("none", "yidan.mllp.tls.keystore", serverTruststore.toString()),
                "yidan.mllp.tls.keystore (MLLP_TLS_KEYSTORE): " + serverTruststore + " holds no private key (only certificates)");
        startFails(tls("need", "yidan.mllp.tls.truststore", null),
                "yidan.mllp.tls.truststore (MLLP_TLS_TRUSTSTORE) is required with client-auth need");
        startFails(tls("none", "yidan.mllp.tls.client-auth", "sometimes"),
                "yidan.mllp.tls.client-auth (MLLP_TLS_CLIENT_AUTH): 'sometimes' is not one of none, want, need");
    }
}
