package org.yidan.settlement.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Accounts and sessions (yidan.security; README "Accounts and roles").
 *
 * @param adminPassword    the first start's admin password (ADMIN_PASSWORD; empty: a random one, printed once)
 * @param pbkdf2Iterations the password hash's cost (PBKDF2_ITERATIONS)
 * @param sessionIdle      a login session ends after this long unused (SESSION_IDLE)
 * @param sessionMax       and after this long in all (SESSION_MAX)
 * @param cookieSecure     the session cookie is Secure (COOKIE_SECURE: the page is served over HTTPS)
 * @param lockoutFailures  wrong passwords that lock an account
 * @param lockout          for how long
 */
@ConfigurationProperties("yidan.security")
public record SecuritySettings(@Bindable(defaultValue = "") String adminPassword,
                               @Bindable(defaultValue = "210000") int pbkdf2Iterations,
                               @Bindable(defaultValue = "30m") Duration sessionIdle,
                               @Bindable(defaultValue = "12h") Duration sessionMax,
                               @Bindable(defaultValue = "false") boolean cookieSecure,
                               @Bindable(defaultValue = "5") int lockoutFailures,
                               @Bindable(defaultValue = "15m") Duration lockout) {}
