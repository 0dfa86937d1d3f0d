package org.yidan.settlement.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yidan.settlement.store.StoreException;

/**
 * An error the service did not foresee (a database that is down, a bug) is answered 500, or 503 when the database
 * failed, with a reference to the log line and nothing of the error's own text: no SQL, no table or column names,
 * no stack (issue 10, D10). The log has the details (masked like every log line).
 */
@Produces
@Singleton
public class InternalErrorHandler implements ExceptionHandler<RuntimeException, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(InternalErrorHandler.class);
    private final Clock clock;

    InternalErrorHandler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException ex) {
        String ref = Long.toString(clock.millis(), 36);
        LOG.error("{} {} failed (ref {}): {}", request.getMethodName(), request.getPath(), ref, ex.toString(), ex);
        boolean store = ex instanceof StoreException;
        return JsonResponses.errors(store ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR,
                (store ? "数据库暂时无法完成此操作" : "服务器内部错误") + "（ref " + ref + "）：未做任何更改，请重试");
    }
}
