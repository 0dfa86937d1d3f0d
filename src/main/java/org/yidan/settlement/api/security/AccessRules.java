package org.yidan.settlement.api.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who may call what (issue 4, access control): the first rule whose method and path match decides. Every path but
 * health, the login page, the root's redirect and the HL7 message profile needs an account; a path no rule names is
 * for admins only.
 */
public final class AccessRules {
    /** A rule: method ("*" any), path pattern ({@code *} one segment, {@code **} the rest), roles (empty: public). */
    public record Rule(String method, String pattern, Set<Role> roles) {
        public boolean isPublic() {
            return roles.isEmpty();
        }

        boolean matches(String m, String path) {
            return (method.equals("*") || method.equalsIgnoreCase(m)) && AccessRules.matches(pattern, path);
        }
    }

    private static final Set<Role> PUBLIC = Set.of();
    private static final Set<Role> COUNTER = EnumSet.of(Role.CLERK, Role.SUPERVISOR, Role.ADMIN);
    private static final Set<Role> SUPERVISORS = EnumSet.of(Role.SUPERVISOR, Role.ADMIN);
    private static final Set<Role> SENDERS = EnumSet.of(Role.INTEGRATION, Role.ADMIN);
    private static final Set<Role> READERS = EnumSet.allOf(Role.class);
    private static final Set<Role> ADMINS = EnumSet.of(Role.ADMIN);

    static final List<Rule> RULES = List.of(
            new Rule("*", "/health", PUBLIC),
            new Rule("*", "/health/**", PUBLIC),
            new Rule("GET", "/", PUBLIC),
            new Rule("*", "/login", PUBLIC),
            new Rule("POST", "/logout", PUBLIC),
            new Rule("GET", "/favicon.ico", PUBLIC),
            // the HL7 message profile: an interface specification, no patient data (the conformance runner reads it)
            new Rule("GET", "/api/hl7/profile", PUBLIC),
            // the counter's page and its API; its style and shared scripts serve the integration page too
            new Rule("GET", "/counter/counter.css", READERS),
            new Rule("GET", "/counter/lib/**", READERS),
            new Rule("GET", "/counter", COUNTER),
            new Rule("GET", "/counter/**", COUNTER),
            new Rule("POST", "/api/counter/visits/*/cancel", SUPERVISORS),
            new Rule("POST", "/api/counter/visits/*/resettle", SUPERVISORS),
            new Rule("POST", "/api/counter/persons/*/retroactive", SUPERVISORS),
            new Rule("*", "/api/counter/**", COUNTER),
            new Rule("GET", "/api/labels", COUNTER),
            new Rule("GET", "/api/audit", SUPERVISORS),
            new Rule("GET", "/api/audit/verify", SUPERVISORS),
            new Rule("*", "/api/accounts", ADMINS),
            new Rule("*", "/api/accounts/**", ADMINS),
            new Rule("*", "/api/me", READERS),
            new Rule("*", "/api/me/**", READERS),
            // the HIS's messages: an HIS cancels a discharge as it sends one (audited)
            new Rule("POST", "/api/settlements/*/cancel", EnumSet.of(Role.INTEGRATION, Role.SUPERVISOR, Role.ADMIN)),
            new Rule("POST", "/api/settlements", SENDERS),
            new Rule("POST", "/api/settlements/preview", READERS),
            new Rule("POST", "/api/admissions", SENDERS),
            new Rule("GET", "/api/settlements/*", READERS),
            new Rule("GET", "/api/ledger/**", READERS),
            new Rule("GET", "/api/policies", READERS),
            new Rule("GET", "/api/policies/**", READERS),
            new Rule("GET", "/openapi.yml", READERS),
            // the integration page: the message browser and its reprocess (issue 14)
            new Rule("GET", "/interface", SENDERS),
            new Rule("GET", "/interface/**", SENDERS),
            new Rule("GET", "/api/messages", SENDERS),
            new Rule("GET", "/api/messages/**", SENDERS),
            new Rule("POST", "/api/messages/*/reprocess", SENDERS),
            new Rule("GET", "/api/dashboard", SENDERS),
            new Rule("GET", "/api/outbound", SENDERS),
            new Rule("POST", "/api/outbound/*/resend", SENDERS),
            new Rule("GET", "/api/status", EnumSet.of(Role.INTEGRATION, Role.SUPERVISOR, Role.ADMIN)),
            new Rule("GET", "/metrics", SENDERS),
            new Rule("GET", "/metrics/**", SENDERS),
            new Rule("GET", "/prometheus", SENDERS));

    private static final Rule OTHERWISE = new Rule("*", "/**", ADMINS);

    private AccessRules() {}

    /** The rule for a request. */
    public static Rule rule(String method, String path) {
        for (Rule r : RULES) if (r.matches(method, path)) return r;
        return OTHERWISE;
    }

    /** Glob match on '/'-separated segments: {@code *} is one segment, a trailing {@code **} one or more. */
    static boolean matches(String pattern, String path) {
        String[] p = pattern.split("/", -1);
        String[] s = path.split("/", -1);
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals("**")) return s.length > i;
            if (i >= s.length) return false;
            if (p[i].equals("*")) {
                if (s[i].isEmpty()) return false;
            } else if (!p[i].equals(s[i])) {
                return false;
            }
        }
        return p.length == s.length;
    }
}
