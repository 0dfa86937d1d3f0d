package org.yidan.settlement.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The MLLP listener (yidan.mllp; README "Configuration", routes/README.md).
 *
 * @param host          the address to bind (MLLP_HOST)
 * @param port          the port (MLLP_PORT)
 * @param allow         the peers that may connect (MLLP_ALLOW: addresses and CIDR ranges, comma-separated)
 * @param maxFrameBytes the largest frame handled (MLLP_MAX_FRAME)
 * @param workers       frames handled at once (MLLP_WORKERS; 0: four times the processors, at least 8)
 */
@ConfigurationProperties("yidan.mllp")
public record MllpConfig(@Bindable(defaultValue = "0.0.0.0") String host,
                                 @Bindable(defaultValue = "2575") int port,
                                 @Bindable(defaultValue = "127.0.0.1,::1") String allow,
                                 @Bindable(defaultValue = "1048576") int maxFrameBytes,
                                 @Bindable(defaultValue = "0") int workers) {

    /**
     * The workers to run: as configured, or four times the processors and at least 8. A worker spends part of each
     * message waiting for the H2 checkpoint that makes its commit durable, not on a processor; the more messages wait
     * for one checkpoint, the fewer checkpoints (each rewrites tens of kilobytes of pages): on 2 cores, 8 workers
     * halved the checkpoints of 8 busy connections against 4 workers (issue 13).
     */
    public int workersToRun() {
        return workers > 0 ? workers : Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    }
}
