package org.yidan.settlement.camel;

import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.ClientAuthentication;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SSLContextServerParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.yidan.settlement.config.MllpConfig;
import org.yidan.settlement.config.MllpTlsSettings;

/**
 * Who may talk to the MLLP listener: the peer allow-list (yidan.mllp.allow) and, optionally, TLS
 * (yidan.mllp.tls.*). Both are read when the service starts, and a bad value stops the start naming the setting:
 * a listener that silently fell back to plain TCP, or to a wider list, would be worse than none.
 */
@Singleton
public class MllpAccess {
    /** The registry name of the listener's SSL parameters; mllp-in.yaml refers to it through {{?mllp.tls.context}}. */
    static final String TLS_BEAN = "mllpTls";

    /** The keystore, truststore or client-auth setting is unusable. */
    public static class TlsSettingException extends RuntimeException {
        TlsSettingException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final PeerAllowList allow;
    private final boolean tls;
    private final Store keystore;
    private final Store truststore;
    private final ClientAuthentication clientAuth;
    private final String clientAuthWord;

    /** A keystore setting: file, password, type, and the names of the settings for errors. */
    private record Store(String setting, String path, String password, String type) {
        boolean given() {
            return path != null && !path.isBlank();
        }

        KeyStoreParameters parameters(CamelContext ctx) {
            KeyStoreParameters p = new KeyStoreParameters();
            p.setCamelContext(ctx);
            // "file:": a bare path would be looked up on the classpath first
            p.setResource("file:" + Path.of(path).toAbsolutePath());
            p.setPassword(password);
            p.setType(type);
            return p;
        }

        /** Loads the store once, so a wrong path, password or type is told now rather than at the first peer. */
        KeyStore load(KeyStoreParameters p) {
            if (!Files.isReadable(Path.of(path))) throw new TlsSettingException(setting + ": cannot read " + Path.of(path).toAbsolutePath(), null);
            try {
                return p.createKeyStore();
            } catch (Exception ex) {
                throw new TlsSettingException(setting + ": " + path + " cannot be opened as " + type + ": " + CamelFactory.rootMessage(ex), ex);
            }
        }
    }

    MllpAccess(MllpConfig mllp, MllpTlsSettings t) {
        this(mllp.allow(), t.enabled(), t.keystore(), t.keystorePassword(), t.keystoreType(), t.truststore(), t.truststorePassword(),
                t.truststoreType(), t.clientAuth());
    }

    private MllpAccess(String allow, boolean tls, String keystore, String keystorePassword, String keystoreType, String truststore,
                       String truststorePassword, String truststoreType, String clientAuth) {
        this.allow = PeerAllowList.parse(allow);
        this.tls = tls;
        this.keystore = new Store("yidan.mllp.tls.keystore (MLLP_TLS_KEYSTORE)", keystore, keystorePassword, keystoreType);
        this.truststore = new Store("yidan.mllp.tls.truststore (MLLP_TLS_TRUSTSTORE)", truststore, truststorePassword, truststoreType);
        this.clientAuthWord = clientAuth.trim().toLowerCase(Locale.ROOT);
        this.clientAuth = switch (clientAuthWord) {
            case "none" -> ClientAuthentication.NONE;
            case "want" -> ClientAuthentication.WANT;
            case "need" -> ClientAuthentication.REQUIRE;
            default -> throw new TlsSettingException("yidan.mllp.tls.client-auth (MLLP_TLS_CLIENT_AUTH): '" + clientAuth
                    + "' is not one of none, want, need", null);
        };
        if (tls && !this.keystore.given()) {
            throw new TlsSettingException(this.keystore.setting() + " is required when yidan.mllp.tls.enabled (MLLP_TLS) is true", null);
        }
        if (tls && this.clientAuth != ClientAuthentication.NONE && !this.truststore.given()) {
            // without it the JDK's public CAs would vouch for clients: any certificate bought anywhere would pass
            throw new TlsSettingException(this.truststore.setting() + " is required with client-auth " + clientAuthWord
                    + ": it holds the certificates (or CA) of the clients to accept", null);
        }
    }

    public PeerAllowList allowList() {
        return allow;
    }

    public boolean tlsEnabled() {
        return tls;
    }

    /** none, want or need, as configured. */
    public String clientAuth() {
        return clientAuthWord;
    }

    /**
     * The listener's SSL parameters, checked: the keystore opens and holds a private key, the truststore opens, an
     * SSLContext can be made. Empty when TLS is off.
     */
    Optional<SSLContextParameters> tls(CamelContext ctx) {
        if (!tls) return Optional.empty();
        KeyStoreParameters ks = keystore.parameters(ctx);
        KeyStore loaded = keystore.load(ks);
        try {
            if (Collections.list(loaded.aliases()).stream().noneMatch(a -> isKey(loaded, a))) {
                throw new TlsSettingException(keystore.setting() + ": " + keystore.path() + " holds no private key (only certificates)", null);
            }
        } catch (java.security.KeyStoreException ex) {
            throw new TlsSettingException(keystore.setting() + ": " + ex.getMessage(), ex);
        }
        KeyManagersParameters km = new KeyManagersParameters();
        km.setKeyStore(ks);
        km.setKeyPassword(keystore.password());   // PKCS12 keeps the key under the store's password
        SSLContextParameters p = new SSLContextParameters();
        p.setCamelContext(ctx);
        p.setKeyManagers(km);
        if (truststore.given()) {
            KeyStoreParameters ts = truststore.parameters(ctx);
            truststore.load(ts);
            TrustManagersParameters tm = new TrustManagersParameters();
            tm.setKeyStore(ts);
            p.setTrustManagers(tm);
        }
        SSLContextServerParameters server = new SSLContextServerParameters();
        server.setClientAuthentication(clientAuth.name());
        p.setServerParameters(server);
        try {
            p.createSSLContext(ctx);
        } catch (Exception ex) {
            throw new TlsSettingException("yidan.mllp.tls: no TLS context from " + keystore.path() + ": " + CamelFactory.rootMessage(ex), ex);
        }
        return Optional.of(p);
    }

    private static boolean isKey(KeyStore ks, String alias) {
        try {
            return ks.isKeyEntry(alias);
        } catch (java.security.KeyStoreException ex) {
            return false;
        }
    }
}
