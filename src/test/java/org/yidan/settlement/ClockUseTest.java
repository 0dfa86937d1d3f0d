package org.yidan.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One clock for the hospital: main code reads "now" and "today" only from the injected {@code java.time.Clock} (in
 * the hospital's zone, ZONE), never from the machine's clock or zone, and the counter's page never from the browser's.
 * A build check over the sources: a new {@code LocalDate.now()} or {@code new Date()} fails the build, naming file and
 * line.
 */
class ClockUseTest {
    /** X.now(...) whose argument is not a clock. */
    private static final Pattern NOW = Pattern.compile(
            "\\b(LocalDate|LocalDateTime|LocalTime|ZonedDateTime|OffsetDateTime|OffsetTime|Instant|Year|YearMonth|MonthDay)\\.now\\(([^)]*)\\)");
    private static final List<String> JAVA_FORBIDDEN = List.of("Clock.systemDefaultZone(", "Clock.systemUTC(", "ZoneId.systemDefault(",
            "TimeZone.getDefault(", "new Date(", "new java.util.Date(", "Calendar.getInstance(", "new GregorianCalendar(");
    /** Where the one clock is made: the service's bean, and the command line's. */
    private static final List<String> CLOCK_MADE_IN = List.of("app/ServiceFactory.java", "cli/Main.java");
    /** The machine's milliseconds, for what is no business time. */
    private static final Map<String, String> MILLIS_ALLOWED = Map.of(
            "app/StartupReport.java", "how long the JVM took to start: a duration from the JVM's own start time",
            "tools/LoadTool.java", "a tag that makes a load run's visit ids unique");
    private static final List<String> JS_FORBIDDEN = List.of("new Date(", "Date.now(", "getTimezoneOffset", "toLocaleDateString",
            "toLocaleTimeString", "getFullYear", "getHours");

    static List<String> javaProblems(String file, String source) {
        List<String> out = new ArrayList<>();
        String[] lines = code(source).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            String at = file + ":" + (i + 1) + ": ";
            Matcher m = NOW.matcher(l);
            while (m.find()) {
                if (!m.group(2).trim().matches("[\\w.]*[cC]lock")) out.add(at + m.group() + " reads the machine's clock or a zone of its own; use the injected Clock");
            }
            for (String f : JAVA_FORBIDDEN) if (l.contains(f)) out.add(at + f + ") is the machine's clock or zone; use the injected Clock");
            if (l.contains("Clock.system(") && CLOCK_MADE_IN.stream().noneMatch(file::endsWith)) {
                out.add(at + "a Clock is made here; take the injected one (made in " + CLOCK_MADE_IN + ")");
            }
            if (l.contains("System.currentTimeMillis(") && MILLIS_ALLOWED.keySet().stream().noneMatch(file::endsWith)) {
                out.add(at + "System.currentTimeMillis() reads the machine's clock; use the injected Clock (or System.nanoTime() for a duration)");
            }
        }
        return out;
    }

    static List<String> jsProblems(String file, String source) {
        List<String> out = new ArrayList<>();
        String[] lines = code(source).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (String f : JS_FORBIDDEN) {
                if (lines[i].contains(f)) out.add(file + ":" + (i + 1) + ": " + f + " reads the browser's clock or zone; the day comes from /api/me (today)");
            }
        }
        return out;
    }

    /** The source without its comments (block comments keep their line breaks, so line numbers stay right). */
    static String code(String source) {
        String noBlocks = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL).matcher(source)
                .replaceAll(r -> r.group().replaceAll("[^\n]", " "));
        return noBlocks.replaceAll("(?m)(^|\\s)//.*$", "$1");
    }

    static List<String> scan(Path root, String ext, java.util.function.BiFunction<String, String, List<String>> check) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(p -> p.toString().endsWith(ext)).sorted().toList()) {
                out.addAll(check.apply(root.relativize(p).toString().replace('\\', '/'), Files.readString(p)));
            }
        }
        return out;
    }

    @Test
    void mainCodeReadsTimeOnlyFromTheInjectedClock() throws IOException {
        List<String> problems = new ArrayList<>(scan(Path.of("src/main/java/org/yidan/settlement"), ".java", ClockUseTest::javaProblems));
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @Test
    void thePageNeverReadsTheBrowsersClock() throws IOException {
        List<String> problems = new ArrayList<>(scan(Path.of("src/main/resources/public"), ".js", ClockUseTest::jsProblems));
        problems.addAll(scan(Path.of("src/main/resources/public"), ".html", ClockUseTest::jsProblems));
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    /** The check itself: it finds what it must and lets the injected clock through. */
    @Test
    void theCheckFindsWhatItMust() {
        String bad = """
                class A {
                    LocalDate a = LocalDate.now();
                    LocalDate b = LocalDate.now(zone);
                    Instant c = Instant.now();
                    Clock d = Clock.systemDefaultZone();
                    Date e = new Date();
                    long f = System.currentTimeMillis();
                    Clock g = Clock.system(zone);
                }
                """;
        List<String> found = javaProblems("x/A.java", bad);
        assertEquals(7, found.size(), String.join("\n", found));
        assertEquals("x/A.java:2: ", found.get(0).substring(0, 12));
        String good = """
                class B {
                    // LocalDate.now() in a comment is no use of the clock
                    /* nor Instant.now() here */
                    LocalDate a = LocalDate.now(clock);
                    Instant b = Instant.now(this.clock);
                    ZonedDateTime c = ZonedDateTime.now(clock);
                }
                """;
        assertEquals(List.of(), javaProblems("x/B.java", good));
        assertEquals(2, jsProblems("p.js", "const d = new Date();\nconst t = Date.now();\n// new Date() in a comment\n").size());
    }
}
