package org.yidan.settlement.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The case files (*.json) of a folder and of its region folders below it (cases/371500-liaocheng/lc-01-….json, as
 * policies/ is laid out), in the order of their names: the case ids (hz-, lc-, sd-, tz-, wh- and a number) are unique
 * across regions, so a run reads the same whichever folder a case sits in.
 */
public final class CaseFiles {
    private CaseFiles() {}

    public static List<Path> under(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir, 2)) {
            return s.filter(p -> p.toString().endsWith(".json") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).thenComparing(Path::toString))
                    .toList();
        }
    }
}
