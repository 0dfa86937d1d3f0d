package org.yidan.settlement.app;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken route file or policy file stops start-up with a message that names it. */
class StartupFailureTest {
    @TempDir
    Path tmp;

    static String chain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) sb.append(c.getMessage()).append('\n');
        return sb.toString();
    }

    @Test
    void brokenRouteFile() throws Exception {
        Path routes = tmp.resolve("routes");
        Files.createDirectories(routes);
        Files.copy(Path.of("routes/mllp-in.yaml"), routes.resolve("mllp-in.yaml"));
        Files.writeString(routes.resolve("extra.yaml"), "- route:\n    id: extra\n    from:\n      uri: \"nosuchcomponent:x\"\n      steps:\n        - log: hi\n");
        var ex = assertThrows(RuntimeException.class, () -> new ServiceFixture(tmp, Map.of("yidan.routes-dir", routes.toString())).close());
        String msg = chain(ex);
        assertTrue(msg.contains("extra.yaml") || msg.contains("nosuchcomponent"), msg);
        Files.writeString(routes.resolve("extra.yaml"), "- route:\n    id: extra\n   from: [\n");
        var ex2 = assertThrows(RuntimeException.class, () -> new ServiceFixture(tmp, Map.of("yidan.routes-dir", routes.toString())).close());
        assertTrue(chain(ex2).contains("route file " + routes.resolve("extra.yaml") + " cannot be loaded"), chain(ex2));
    }

    @Test
    void brokenPolicyFile() throws Exception {
        Path pol = tmp.resolve("policies");
        Files.createDirectories(pol);
        try (var s = Files.list(Path.of("policies"))) {
            for (Path p : s.toList()) Files.copy(p, pol.resolve(p.getFileName()));
        }
        Path f = pol.resolve("331000-taizhou.yaml");
        Files.writeString(f, Files.readString(f).replace("threshold: 300000", "threshold: lots"));
        var ex = assertThrows(RuntimeException.class, () -> new ServiceFixture(tmp, Map.of("yidan.policies-dir", pol.toString())).close());
        assertTrue(chain(ex).contains("331000-taizhou.yaml:") && chain(ex).contains("threshold: 不是数字：'lots'"), chain(ex));
    }
}
