package org.yidan.settlement.app;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Tests run the service at a chosen instant: with {@code yidan.test.clock-start} set (an ISO instant), the service's
 * one clock ({@link ServiceFactory#clock}) starts at that instant when the context starts and ticks on from there, in
 * the hospital's zone. Nothing in the service reads the machine's clock or zone otherwise (ClockUseTest), so a test
 * passes at any hour and in any zone.
 */
@Factory
@Requires(property = "yidan.test.clock-start")
public class TestClockFactory {

    @Singleton
    @Replaces(value = Clock.class, factory = ServiceFactory.class)
    Clock clock(@Value("${yidan.test.clock-start}") String start, ZoneId zone) {
        Clock real = Clock.system(zone);
        return Clock.offset(real, Duration.between(real.instant(), Instant.parse(start)));
    }
}
