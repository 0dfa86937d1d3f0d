package org.yidan.settlement.app;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

/** The service: HTTP API, MLLP listener (Camel routes from routes/), the persistent ledger. */
public final class Application {
    private Application() {}

    public static ApplicationContext start(String... args) {
        return Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }

    public static void main(String[] args) {
        ApplicationContext ctx = start(args);
        if (Boolean.getBoolean("yidan.exit-when-ready")) {
            // a training start (scripts/cds-archive.sh): every class of a start is loaded once ready; the JVM's exit
            // then writes them to the AppCDS archive
            ctx.close();
            System.exit(0);
        }
    }
}
