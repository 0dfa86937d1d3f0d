package org.yidan.settlement.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.hl7.Hl7Acks;
import org.yidan.settlement.hl7.Hl7Mapping;
import org.yidan.settlement.hl7.Hl7Message;
import org.yidan.settlement.hl7.Hl7Reader;
import org.yidan.settlement.tools.Hl7Writer;

/**
 * The HL7 side of one discharge, without the database: reading (decode, segments from their text, mapping) the
 * DFT^P03 of 50 or 500 lines and the ADT^A03, and building an ACK; beside it, the same DFT^P03 read with every segment
 * parsed by HAPI, and HAPI's parse of the whole message alone (what the bare server does).
 *
 * <pre>mvn -q -Pbench test-compile exec:exec -Djmh.args="Hl7Bench"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Hl7Bench {
    @Param({"50", "500"})
    int lines;

    Hl7Reader reader;
    Hl7Reader hapiReader;
    ca.uhn.hl7v2.parser.PipeParser bareParser;
    String dftText;
    Hl7Acks acks;
    byte[] dft;
    byte[] a03;

    @Setup(Level.Trial)
    public void setUp() {
        reader = new Hl7Reader(Hl7Mapping.load(Path.of("mappings/hl7-default.yaml")));
        hapiReader = Hl7Reader.hapiReference(Hl7Mapping.load(Path.of("mappings/hl7-default.yaml")));
        // the bare server's parse: the whole message into HAPI's v2.5 DFT_P03, no validation
        ca.uhn.hl7v2.DefaultHapiContext ctx = new ca.uhn.hl7v2.DefaultHapiContext();
        ctx.setValidationContext(new ca.uhn.hl7v2.validation.impl.NoValidation());
        bareParser = ctx.getPipeParser();
        acks = new Hl7Acks(java.time.Clock.systemUTC());
        Encounter e = SettleBench.encounter("H1", "HP1", lines, 30);
        Hl7Writer w = new Hl7Writer("UNICODE UTF-8");
        dft = w.charges(e, e.feedetail(), "B-P").getBytes(StandardCharsets.UTF_8);
        a03 = w.discharge(e, "B-D").getBytes(StandardCharsets.UTF_8);
        dftText = new String(dft, StandardCharsets.UTF_8);
    }

    /** The same DFT^P03 read with every segment parsed by HAPI (the reading before SegmentText). */
    @Benchmark
    public Hl7Message readChargesHapiSegments() {
        return hapiReader.read(dft);
    }

    /** What the bare HAPI server does with it: PipeParser.parse of the whole message (values not read). */
    @Benchmark
    public Object bareHapiParse() throws ca.uhn.hl7v2.HL7Exception {
        return bareParser.parse(dftText);
    }

    @Benchmark
    public Hl7Message readCharges() {
        return reader.read(dft);
    }

    @Benchmark
    public Hl7Message readDischarge() {
        return reader.read(a03);
    }

    @Benchmark
    public Hl7Acks.Ack ackAccept() {
        return acks.accept(dft);
    }
}
