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
        start(args);
    }
}
