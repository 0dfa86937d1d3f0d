package org.yidan.settlement.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.management.endpoint.health.HealthLevelOfDetail;
import io.micronaut.management.health.aggregator.HealthAggregator;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The service's health with its details (the database, each route, the HL7 messages answered by type and ACK code,
 * the disk): for integration teams, supervisors and admins. {@code /health} itself, open to anyone (monitors, load
 * balancers), says only UP or DOWN (issue 10, D14: it showed the JDBC URL, the database's version and disk sizes to
 * anyone).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class StatusController {
    private final HealthAggregator<?> aggregator;
    private final HealthIndicator[] indicators;

    StatusController(HealthAggregator<?> aggregator, List<HealthIndicator> indicators) {
        this.aggregator = aggregator;
        this.indicators = indicators.toArray(HealthIndicator[]::new);
    }

    @Get("/api/status")
    public HttpResponse<String> status() {
        HealthResult r = first(aggregator.aggregate(indicators, HealthLevelOfDetail.STATUS_DESCRIPTION_DETAILS));
        boolean up = r != null && "UP".equals(r.getStatus().getName());
        return JsonResponses.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE, r);
    }

    /** The first item of a publisher, waited for (30 s at most). */
    private static <T> T first(Publisher<T> p) {
        CompletableFuture<T> out = new CompletableFuture<>();
        p.subscribe(new Subscriber<T>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.request(1);
            }

            @Override
            public void onNext(T t) {
                out.complete(t);
            }

            @Override
            public void onError(Throwable t) {
                out.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                out.complete(null);
            }
        });
        try {
            return out.get(30, TimeUnit.SECONDS);
        } catch (Exception ex) {
            throw new IllegalStateException("health not known: " + ex.getMessage(), ex);
        }
    }
}
