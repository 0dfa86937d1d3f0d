package org.yidan.settlement.store;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A fresh database per test, H2 (in a temp folder) or the shared embedded PostgreSQL, closed after the test. */
@ExtendWith(TestDb.Pg.class)
abstract class StoreTestBase {
    @TempDir
    Path dir;

    TestDb db;

    @AfterEach
    void close() {
        if (db != null) db.close();
    }

    /** A new database of that kind, and a pool of four connections on it. */
    DataSource open(TestDb.Kind kind) {
        db = TestDb.create(kind, dir);
        return db.dataSource(4);
    }
}
