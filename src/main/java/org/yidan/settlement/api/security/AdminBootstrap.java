package org.yidan.settlement.api.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yidan.settlement.store.Accounts;
import org.yidan.settlement.store.AuditLog;
import org.yidan.settlement.config.SecuritySettings;

/**
 * The first start creates the admin account (there is no shared default password): with the password given in
 * ADMIN_PASSWORD, or a random one printed once on the console (not in the log file). Later starts do nothing.
 *
 * <p>The password's hash (PBKDF2, slow on purpose, and slower still before the JIT has warmed up: about 0.4 s) is
 * worked out beside the rest of the start-up, so the first start is ready as soon as a later one; the account
 * exists a moment after. A weak ADMIN_PASSWORD still stops the start.
 */
@Context
public class AdminBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);
    public static final String ADMIN = "admin";

    private final CompletableFuture<Boolean> created;

    AdminBootstrap(Accounts accounts, AuditLog audit, Passwords passwords,
                   SecuritySettings security, @Value("${micronaut.server.port:8080}") int port) {
        String given = security.adminPassword();
        if (accounts.count() > 0) {
            created = CompletableFuture.completedFuture(false);
            return;
        }
        boolean random = given == null || given.isBlank();
        String password = random ? Passwords.generate(16) : given;
        if (!random && Passwords.weakness(password, ADMIN) != null) {
            throw new IllegalStateException("ADMIN_PASSWORD (yidan.security.admin-password): " + Passwords.weakness(password, ADMIN));
        }
        created = CompletableFuture.supplyAsync(() -> {
            if (!accounts.create(ADMIN, Role.ADMIN.code(), passwords.hash(password))) return false;   // another instance was first
            audit.append("system", null, "account_created", null, null, "admin（首次启动；"
                    + (random ? "随机密码，仅在控制台显示一次" : "密码取自 ADMIN_PASSWORD") + "）");
            LOG.info("first start: account '{}' created ({})", ADMIN, random ? "random password printed on the console" : "password from ADMIN_PASSWORD");
            if (random) print(System.out, password, port);
            return true;
        }, r -> {
            Thread t = new Thread(r, "admin-bootstrap");
            t.setDaemon(true);
            t.start();
        });
        created.whenComplete((ok, ex) -> {
            if (ex != null) LOG.error("first start: the admin account could not be created: {}", ex.toString());
        });
    }

    /** Waits until the first start's admin account is written (at once on a later start); true if this start made it. */
    public boolean await(Duration timeout) throws Exception {
        return created.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    static void print(PrintStream out, String password, int port) {
        String line = "=".repeat(72);
        out.println(line);
        out.println(" First start: the account 'admin' was created with the password");
        out.println();
        out.println("     " + password);
        out.println();
        out.println(" It is shown this once. Log in at http://localhost:" + (port > 0 ? port : 8080) + "/login, create the");
        out.println(" counter's accounts (账户管理) and change this password (修改密码).");
        out.println(line);
        out.flush();
    }
}
