package org.yidan.settlement.store;

import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * One unit of work: everything the stores do inside {@link #run} is one database transaction, committed when it
 * returns and rolled back if it throws (for an HL7 message: what it changes and the ACK recorded for it).
 */
public interface UnitOfWork {
    <T> T run(Supplier<T> work);

    /** Units of work on a database: every Jdbc* store on {@code ds} joins the thread's unit. */
    static UnitOfWork on(DataSource ds) {
        return new UnitOfWork() {
            @Override
            public <T> T run(Supplier<T> work) {
                return Databases.inUnit(ds, "unit of work", work);
            }
        };
    }
}
