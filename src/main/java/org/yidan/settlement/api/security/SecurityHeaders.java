package org.yidan.settlement.api.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Headers on every answer: no page of the service may be framed by another site (the counter has a cancel button:
 * no clickjacking), content types are not guessed, no referrer goes to another site (same-origin: with
 * "no-referrer" the login form stopped working in Chromium, seen in CounterPageTest), the page loads scripts and styles from the
 * service only (the login page's one inline script excepted), and nothing with personal data is cached.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeaders {
    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";
    static final String CSP_LOGIN = CSP + "; script-src 'self' 'unsafe-inline'";

    @ResponseFilter
    public void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String path = request.getPath();
        response.header("X-Frame-Options", "DENY");
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "same-origin");
        response.header("Content-Security-Policy", path.equals("/login") ? CSP_LOGIN : CSP);
        if (path.startsWith("/api/") || path.equals("/login")) response.header("Cache-Control", "no-store");
    }
}
