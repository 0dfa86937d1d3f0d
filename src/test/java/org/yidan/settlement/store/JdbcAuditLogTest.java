package org.yidan.settlement.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The audit log's hash chain on H2 and PostgreSQL: appends from many threads form one chain; an edit breaks it. */
class JdbcAuditLogTest extends StoreTestBase {
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void theChainHoldsUnderConcurrentAppendsAndShowsEveryKindOfEdit(TestDb.Kind kind) throws Exception {
        DataSource ds = open(kind);
        JdbcAuditLog log = new JdbcAuditLog(ds, Clock.systemUTC());
        assertTrue(log.verify().intact());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int tt = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) log.append("u" + tt, "clerk", "print", "V-" + tt + "-" + i, null, "reprint " + i);
                    return null;
                }));
            }
            for (Future<Object> f : fs) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        log.append("zhang", "supervisor", "cancel", "V-X", "收费项目录入错误", null);
        AuditLog.Verification v = log.verify();
        assertEquals(41, v.entries());
        assertEquals(41, v.chained());
        assertNull(v.brokenAt(), v.problem());

        long cancel = log.forVisit("V-X").get(0).id();
        long someId = log.forVisit("V-2-5").get(0).id();
        // an edited reason
        sql(ds, "UPDATE audit_log SET reason = '其他' WHERE id = " + cancel);
        v = log.verify();
        assertEquals(cancel, v.brokenAt());
        assertTrue(v.problem().contains("edited"), v.problem());
        sql(ds, "UPDATE audit_log SET reason = '收费项目录入错误' WHERE id = " + cancel);
        assertTrue(log.verify().intact(), log.verify().problem());
        // a removed entry in the middle: the next one no longer follows
        sql(ds, "DELETE FROM audit_log WHERE id = " + someId);
        v = log.verify();
        assertTrue(v.brokenAt() > someId, v.toString());
        assertTrue(v.problem().contains("removed or inserted"), v.problem());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void removingTheNewestEntryShows(TestDb.Kind kind) throws Exception {
        DataSource ds = open(kind);
        JdbcAuditLog log = new JdbcAuditLog(ds, Clock.systemUTC());
        log.append("li", "clerk", "print", "V-1", null, "first print");
        log.append("zhang", "supervisor", "cancel", "V-1", "重复结算", null);
        sql(ds, "DELETE FROM audit_log WHERE action = 'cancel'");
        AuditLog.Verification v = log.verify();
        assertEquals(-1L, v.brokenAt());
        assertTrue(v.problem().contains("newest entries are missing"), v.problem());
    }

    private static void sql(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection()) {
            if (!c.getAutoCommit()) c.setAutoCommit(true);
            c.createStatement().executeUpdate(sql);
        }
    }

}
