package org.yidan.settlement.mllp;

import java.net.InetAddress;
import java.util.Arrays;

/** The payload of the frame being read: kept up to the limit; past it only the first bytes, and the count. */
final class FrameBuffer {
    private final int limit;
    /** What is kept of a frame over the limit: its head, for the reply's MSH. */
    private final int head;
    private byte[] bytes = new byte[8 * 1024];
    private int kept;
    private long size;

    FrameBuffer(int limit) {
        this.limit = limit;
        this.head = Math.min(limit, MllpListener.HEAD_BYTES);
    }

    void reset() {
        kept = 0;
        size = 0;
        if (bytes.length > 256 * 1024) bytes = new byte[8 * 1024];   // a large frame's buffer is not kept around
    }

    long size() {
        return size;
    }

    void append(byte[] b, int off, int len) {
        size += len;
        int room = (size <= limit ? limit : head) - kept;
        int take = Math.max(0, Math.min(len, room));
        if (take == 0) return;
        if (kept + take > bytes.length) bytes = Arrays.copyOf(bytes, (int) Math.min(Math.max(bytes.length * 2L, kept + take), limit));
        System.arraycopy(b, off, bytes, kept, take);
        kept += take;
    }

    Frame frame(InetAddress peer) {
        boolean oversize = size > limit;
        int n = oversize ? Math.min(kept, head) : kept;
        return new Frame(Arrays.copyOf(bytes, n), size, oversize, limit, peer);
    }
}
