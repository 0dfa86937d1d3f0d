package org.yidan.settlement.api.security;

import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yidan.settlement.store.Accounts;
import org.yidan.settlement.store.AuditLog;
import org.yidan.settlement.store.Accounts;
import org.yidan.settlement.config.SecuritySettings;

/**
 * Checks usernames and passwords, keeps the login sessions of the page (in memory: a restart logs everyone out), and
 * locks a username for a while after repeated wrong passwords.
 *
 * <p>A PBKDF2 check costs tens of milliseconds on purpose. An HIS that sends HTTP Basic credentials with every
 * message pays it once: a password once verified against the account's current hash is remembered (as a salted
 * SHA-256, never the password) until the hash changes.
 */
@Singleton
public class Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    public enum Outcome { OK, WRONG, LOCKED }

    public record Result(Outcome outcome, User user) {}

    /** A page session. */
    public record Session(String token, User user, Instant created, Instant lastSeen) {}

    private final Accounts accounts;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration idle;
    private final Duration maxAge;
    private final int lockoutFailures;
    private final Duration lockout;
    private final byte[] memoSalt = new byte[16];
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    /** username → "hash in force|salted SHA-256 of the password that matched it" */
    private final Map<String, String> verified = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    /** One check at a time per username (striped): wrong passwords sent at once are counted in turn (D7). */
    private final Object[] stripes = new Object[64];
    /** A hash of a random password at the configured cost: a name that is no account is hashed against it. */
    private final String dummyHash;

    Authenticator(Accounts accounts, AuditLog audit, Clock clock, Passwords passwords,
                  SecuritySettings security) {
        Duration idle = security.sessionIdle();
        Duration maxAge = security.sessionMax();
        int lockoutFailures = security.lockoutFailures();
        Duration lockout = security.lockout();
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
        this.idle = idle;
        this.maxAge = maxAge;
        this.lockoutFailures = lockoutFailures;
        this.lockout = lockout;
        RANDOM.nextBytes(memoSalt);
        for (int i = 0; i < stripes.length; i++) stripes[i] = new Object();
        this.dummyHash = passwords.hash(Passwords.generate(24));
    }

    /**
     * Checks a username and password. {@code via} says how they came (login, basic) for the audit log: a login
     * writes login or login_failed; HTTP Basic and a password change's check of the current password write only
     * failures (an HIS sends its credentials with every message). Failures from all of them count toward the lockout.
     */
    public Result check(String username, String password, String via) {
        if (username == null || username.isBlank() || password == null) return new Result(Outcome.WRONG, null);
        String name = username.trim();
        // in turn for one name: of many attempts at once, the lockout stops all after the fifth wrong one
        synchronized (stripes[Math.floorMod(name.hashCode(), stripes.length)]) {
            return checkInTurn(name, password, via);
        }
    }

    private Result checkInTurn(String name, String password, String via) {
        if (locked(name)) {
            audit.append(name, null, "login_refused", null, null, channel(via) + "：连续 " + lockoutFailures + " 次密码错误，账户已锁定");
            return new Result(Outcome.LOCKED, null);
        }
        Optional<Accounts.Account> found = accounts.find(name);
        Role role = found.map(a -> Role.of(a.role())).orElse(null);
        boolean ok = found.isPresent() && !found.get().disabled() && role != null && matches(found.get(), password);
        if (found.isEmpty() || found.get().disabled() || role == null) {
            // as long as a wrong password for an account takes: the time taken does not tell which names are accounts
            Passwords.verify(password, dummyHash);
        }
        if (!ok) {
            // counted for accounts only: names that are none cannot fill the map and push out a lockout in force
            if (found.isPresent()) {
                Deque<Instant> f = failures.computeIfAbsent(name, k -> new ArrayDeque<>());
                synchronized (f) {
                    f.addLast(clock.instant());
                    while (f.size() > lockoutFailures) f.removeFirst();
                }
            }
            audit.append(name, null, "login_failed", null, null, channel(via) + "：用户名或密码错误");
            LOG.warn("{}: wrong username or password for '{}'", via, name);
            return new Result(Outcome.WRONG, null);
        }
        failures.remove(name);
        User user = new User(name, role);
        if (via.equals("login")) audit.append(name, role.code(), "login", null, null, channel(via));
        return new Result(Outcome.OK, user);
    }

    /** Where a password was checked, in the audit log's words (the code beside it). */
    private static String channel(String via) {
        return switch (via) {
            case "login" -> "登录页（login）";
            case "basic" -> "HTTP Basic 认证（basic）";
            case "password_change" -> "修改密码（password_change）";
            default -> via;
        };
    }

    /** How many names have wrong passwords counted now (accounts only). */
    int namesCounted() {
        return failures.size();
    }

    private boolean locked(String name) {
        Deque<Instant> f = failures.get(name);
        if (f == null) return false;
        synchronized (f) {
            return f.size() >= lockoutFailures && f.peekLast().plus(lockout).isAfter(clock.instant());
        }
    }

    private boolean matches(Accounts.Account a, String password) {
        String memo = a.passwordHash() + "|" + Base64.getEncoder().encodeToString(
                Passwords.sha256(Base64.getEncoder().encodeToString(memoSalt) + password));
        if (memo.equals(verified.get(a.username()))) return true;
        if (!Passwords.verify(password, a.passwordHash())) return false;
        verified.put(a.username(), memo);
        return true;
    }

    /** Opens a page session for a user; returns its token (for the cookie). */
    public Session open(User user) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        Instant now = clock.instant();
        Session s = new Session(token, user, now, now);
        sessions.values().removeIf(this::expired);
        sessions.put(token, s);
        return s;
    }

    /** The session of a token, if open and not expired (its idle clock restarts). */
    public Optional<Session> session(String token) {
        if (token == null) return Optional.empty();
        Session s = sessions.get(token);
        if (s == null) return Optional.empty();
        if (expired(s)) {
            sessions.remove(token);
            return Optional.empty();
        }
        Session touched = new Session(s.token(), s.user(), s.created(), clock.instant());
        sessions.put(token, touched);
        return Optional.of(touched);
    }

    private boolean expired(Session s) {
        Instant now = clock.instant();
        return s.lastSeen().plus(idle).isBefore(now) || s.created().plus(maxAge).isBefore(now);
    }

    public void close(String token) {
        if (token != null) sessions.remove(token);
    }

    /** After a password change, a role change or disabling: the account's sessions end and its memo is dropped. */
    public void forget(String username) {
        verified.remove(username);
        sessions.values().removeIf(s -> s.user().username().equals(username));
    }

    public Duration idle() {
        return idle;
    }
}
