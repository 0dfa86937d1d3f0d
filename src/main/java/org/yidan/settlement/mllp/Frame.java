package org.yidan.settlement.mllp;

import java.net.InetAddress;

/**
 * One MLLP frame as received: its payload (VT and FS CR removed), or, for a frame larger than the listener takes, its
 * first bytes and its size.
 *
 * @param payload  the message, or the head of an oversize one
 * @param size     how many bytes the frame's payload had
 * @param oversize true when {@code payload} is only the head: the message is too large to be handled
 * @param limit    the largest payload the listener takes (bytes)
 * @param peer     who sent it
 */
public record Frame(byte[] payload, long size, boolean oversize, int limit, InetAddress peer) {}
