package org.yidan.settlement.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI document of the HTTP API. */
@Controller
public class OpenApiController {
    private final byte[] doc;

    OpenApiController() {
        try (InputStream in = OpenApiController.class.getResourceAsStream("/openapi/discharge-settlement.yml")) {
            doc = in.readAllBytes();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Get("/openapi.yml")
    HttpResponse<byte[]> openapi() {
        return HttpResponse.ok(doc).contentType(MediaType.of("application/yaml; charset=utf-8"));
    }
}
