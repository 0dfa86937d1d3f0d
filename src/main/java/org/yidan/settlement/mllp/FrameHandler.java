package org.yidan.settlement.mllp;

/** Answers a frame: the reply's bytes (without framing), sent back on the frame's connection; null sends nothing. */
@FunctionalInterface
public interface FrameHandler {
    byte[] handle(Frame frame);
}
