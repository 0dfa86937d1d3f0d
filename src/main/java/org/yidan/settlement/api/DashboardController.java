package org.yidan.settlement.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.yidan.settlement.app.ServiceMetrics;
import org.yidan.settlement.service.Dashboard;

/** The integration page's dashboard (integration and admin): messages, errors, settlements and ACK times, now. */
@Controller("/api/dashboard")
@Produces(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
public class DashboardController {
    private final Dashboard dashboard;
    private final ServiceMetrics metrics;

    DashboardController(Dashboard dashboard, ServiceMetrics metrics) {
        this.dashboard = dashboard;
        this.metrics = metrics;
    }

    @Get
    public HttpResponse<String> now() {
        return JsonResponses.ok(dashboard.now(metrics.ackTimes()));
    }
}
