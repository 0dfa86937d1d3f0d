package org.yidan.settlement.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import org.yidan.settlement.service.Hl7Service;

/**
 * The HL7 message profile (消息规范) the service reads and answers by, with the mapping's places and code tables as
 * configured: public, like an interface specification handed to an integration team (it holds no patient data). The
 * conformance runner fetches it to check every answer.
 */
@Controller("/api/hl7")
@Produces(MediaType.APPLICATION_JSON)
public class Hl7ProfileController {
    private final Hl7Service hl7;

    Hl7ProfileController(Hl7Service hl7) {
        this.hl7 = hl7;
    }

    @Get("/profile")
    public HttpResponse<String> profile() {
        return JsonResponses.ok(hl7.profile());
    }
}
