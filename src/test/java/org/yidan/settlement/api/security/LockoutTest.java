package org.yidan.settlement.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yidan.settlement.store.Databases;
import org.yidan.settlement.store.JdbcAccounts;
import org.yidan.settlement.store.JdbcAuditLog;

/**
 * The lockout holds (issue 10, D7): five wrong passwords lock an account, however many are sent at once; names that
 * are no account neither count nor push a lockout out; such a name costs the same hashing as a wrong password for an
 * account (one PBKDF2 derivation at the configured cost), so the time taken does not tell which names exist.
 */
class LockoutTest {
    JdbcAccounts accounts;
    JdbcAuditLog audit;

    @BeforeEach
    void db() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:lockout-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        Databases.migrate(ds);
        accounts = new JdbcAccounts(ds, Clock.systemUTC());
        audit = new JdbcAuditLog(ds, Clock.systemUTC());
    }

    Authenticator authenticator(Passwords p, int failures) {
        return new Authenticator(accounts, audit, Clock.systemUTC(), p, new org.yidan.settlement.config.SecuritySettings("", 20_000,
                Duration.ofMinutes(30), Duration.ofHours(12), false, failures, Duration.ofMinutes(15)));
    }

    @Test
    void fortyAtOnceCheckAtMostFiveWrongOnes() throws Exception {
        Passwords p = new Passwords(20_000);
        accounts.create("li", "clerk", p.hash("Right-Password-42"));
        Authenticator auth = authenticator(p, 5);
        ExecutorService pool = Executors.newFixedThreadPool(40);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Authenticator.Outcome>> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String pw = i == 20 ? "Right-Password-42" : "wrong-" + i;
            out.add(pool.submit(() -> {
                go.await();
                return auth.check("li", pw, "basic").outcome();
            }));
        }
        go.countDown();
        int wrong = 0;
        int locked = 0;
        for (Future<Authenticator.Outcome> f : out) {
            Authenticator.Outcome o = f.get();
            if (o == Authenticator.Outcome.WRONG) wrong++;
            if (o == Authenticator.Outcome.LOCKED) locked++;
        }
        pool.shutdown();
        // each wrong one counts before the next is checked: five are checked, the rest find the account locked; the
        // right one among them, unless it happened to be checked before the fifth wrong one: then it clears the count
        // (README: a successful check clears it), so up to 4 wrong before it and 5 after it are checked
        boolean rightWasChecked = out.get(20).get() == Authenticator.Outcome.OK;
        if (rightWasChecked) {
            assertTrue(wrong >= 5 && wrong <= 9, "wrong passwords checked, the right one among them: " + wrong);
            assertEquals(39 - wrong, locked, "the others refused as locked");
        } else {
            assertEquals(5, wrong, "wrong passwords checked");
            assertEquals(35, locked, "refused as locked");
        }
        assertEquals(Authenticator.Outcome.LOCKED, auth.check("li", "Right-Password-42", "basic").outcome());
    }

    /**
     * The old code counted every name tried and cleared all counts past 10,000 names, lockouts included: 10,001 names
     * that are no account unlocked everyone. Names that are no account are not counted now, so they cannot.
     */
    @Test
    void namesThatAreNoAccountNeitherCountNorClearALockout() {
        Passwords p = new Passwords(10_000);
        accounts.create("wang", "clerk", p.hash("Right-Password-42"));
        Authenticator auth = authenticator(p, 5);
        for (int i = 0; i < 5; i++) auth.check("wang", "wrong-" + i, "basic");
        assertEquals(Authenticator.Outcome.LOCKED, auth.check("wang", "Right-Password-42", "basic").outcome());
        for (int i = 0; i < 200; i++) auth.check("nobody-" + i, "x", "basic");
        assertEquals(1, auth.namesCounted(), "only the account's wrong passwords are counted");
        assertEquals(Authenticator.Outcome.LOCKED, auth.check("wang", "Right-Password-42", "basic").outcome());
    }

    @Test
    void anUnknownNameCostsOneDerivationAsAWrongPasswordDoes() {
        Passwords p = new Passwords(20_000);
        accounts.create("zhao", "clerk", p.hash("Right-Password-42"));
        Authenticator auth = authenticator(p, 1_000);
        long before = Passwords.DERIVATIONS.sum();
        for (int i = 0; i < 10; i++) auth.check("zhao", "wrong-" + i, "basic");
        long known = Passwords.DERIVATIONS.sum() - before;
        before = Passwords.DERIVATIONS.sum();
        for (int i = 0; i < 10; i++) auth.check("ghost-" + i, "wrong", "basic");
        long unknown = Passwords.DERIVATIONS.sum() - before;
        assertEquals(10, known);
        assertEquals(known, unknown, "a name that is no account is hashed as much");
    }
}
