package org.yidan.settlement.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * TLS on the MLLP listener (yidan.mllp.tls; README "MLLP security").
 *
 * @param enabled            MLLP_TLS
 * @param keystore           the service's key and certificate (MLLP_TLS_KEYSTORE)
 * @param keystorePassword   MLLP_TLS_KEYSTORE_PASSWORD
 * @param keystoreType       MLLP_TLS_KEYSTORE_TYPE
 * @param clientAuth         none, want or need (MLLP_TLS_CLIENT_AUTH)
 * @param truststore         the clients' certificates or their CA (MLLP_TLS_TRUSTSTORE)
 * @param truststorePassword MLLP_TLS_TRUSTSTORE_PASSWORD
 * @param truststoreType     MLLP_TLS_TRUSTSTORE_TYPE
 */
@ConfigurationProperties("yidan.mllp.tls")
public record MllpTlsSettings(@Bindable(defaultValue = "false") boolean enabled,
                              @Bindable(defaultValue = "") String keystore,
                              @Bindable(defaultValue = "") String keystorePassword,
                              @Bindable(defaultValue = "PKCS12") String keystoreType,
                              @Bindable(defaultValue = "none") String clientAuth,
                              @Bindable(defaultValue = "") String truststore,
                              @Bindable(defaultValue = "") String truststorePassword,
                              @Bindable(defaultValue = "PKCS12") String truststoreType) {}
