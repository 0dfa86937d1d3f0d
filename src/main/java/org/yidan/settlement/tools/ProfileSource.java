package org.yidan.settlement.tools;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.yidan.settlement.hl7.Hl7Mapping;
import org.yidan.settlement.hl7.profile.Hl7Profile;
import org.yidan.settlement.hl7.profile.ProfileBuilder;
import org.yidan.settlement.hl7.profile.ProfileDeclaration;
import org.yidan.settlement.io.Json;

/**
 * Where the conformance runner gets the message profile it checks answers against: the instance's own
 * (GET {http}/api/hl7/profile); when no HTTP address was named and the default one does not answer, this program's
 * standard profile with the mapping of the working directory, said so in the output and the report.
 */
public final class ProfileSource {
    /** The profile and where it came from, in words for the report. */
    public record Loaded(Hl7Profile profile, String from) {}

    private ProfileSource() {}

    /**
     * @param http     the instance's HTTP address, e.g. http://127.0.0.1:8080
     * @param explicit the address was named (--http): it must answer
     */
    public static Loaded load(String http, boolean explicit) throws IOException {
        String url = http.replaceAll("/+$", "") + "/api/hl7/profile";
        try {
            HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<byte[]> r = c.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) throw new IOException("HTTP " + r.statusCode());
            return new Loaded(Json.MAPPER.readValue(r.body(), Hl7Profile.class), "消息规范取自被测实例 " + url);
        } catch (IOException | IllegalArgumentException ex) {
            if (explicit) throw new IOException("cannot read the message profile from " + url + ": " + ex.getMessage(), ex);
            return builtIn(url + " (" + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage()) + ")");
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted reading " + url, ex);
        }
    }

    private static Loaded builtIn(String tried) throws IOException {
        Path mapping = Path.of("mappings", "hl7-default.yaml");
        if (!Files.isRegularFile(mapping)) {
            throw new IOException("cannot read the message profile from " + tried + ", and there is no " + mapping
                    + " here to build it from: name the instance's HTTP address with --http URL");
        }
        return new Loaded(ProfileBuilder.build(ProfileDeclaration.standard(), Hl7Mapping.load(mapping)),
                "被测实例未提供消息规范（" + tried + "），改用本程序自带的标准规范与 " + mapping + "；用 --http URL 指定实例的 HTTP 地址");
    }
}
