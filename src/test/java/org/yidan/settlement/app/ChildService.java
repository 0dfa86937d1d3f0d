package org.yidan.settlement.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The service in a JVM of its own (the test's classpath, the project folder as working directory), so that a test can
 * kill it as an operating system would ({@code kill -9}) and start it again on the same database and ports.
 */
final class ChildService implements AutoCloseable {
    static final String ADMIN_PASSWORD = "Child-Admin-Pass-7";

    final Process process;
    final Path log;

    private ChildService(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the service with these settings (-Dkey=value) and waits until it says it is ready. */
    static ChildService start(Path logDir, Map<String, String> settings) throws Exception {
        return start(logDir, settings, List.of("-XX:TieredStopAtLevel=1"));
    }

    /** As {@link #start(Path, Map)}, with these JVM options (e.g. a heap size). */
    static ChildService start(Path logDir, Map<String, String> settings, List<String> jvm) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+ExitOnOutOfMemoryError"));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
        settings.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-Dyidan.security.admin-password=" + ADMIN_PASSWORD);
        cmd.add("-Dyidan.security.pbkdf2-iterations=20000");
        cmd.add("org.yidan.settlement.cli.Main");
        cmd.add("serve");
        Files.createDirectories(logDir);
        Path log = Files.createTempFile(logDir, "service-", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ChildService child = new ChildService(p, log);
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            String out = child.output();
            if (out.contains(" ready in ")) return child;
            if (!p.isAlive()) throw new IllegalStateException("the service exited (" + p.exitValue() + "):\n" + out);
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new IllegalStateException("the service did not get ready in 90 s:\n" + child.output());
    }

    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) kill();
        }
    }
}
