package org.yidan.settlement.camel;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The peers allowed to connect to the MLLP listener (yidan.mllp.allow): IPv4 and IPv6 addresses and CIDR ranges,
 * comma-separated, e.g. {@code 127.0.0.1,10.20.0.0/16,::1}.
 *
 * <p>Every address is compared in its 16-byte IPv6 form, IPv4 as IPv4-mapped ({@code ::ffff:a.b.c.d}, RFC 4291
 * 2.5.5.2) with the prefix moved by 96 bits: a peer the JDK reports as IPv4 on a dual-stack socket and an entry
 * written either way then meet in one form, and {@code ::/0} means every peer, IPv4 ones included.
 */
public final class PeerAllowList {
    /** The setting's name, in every error about an entry. */
    static final String SETTING = "yidan.mllp.allow (MLLP_ALLOW)";

    // strict dotted quad: InetAddress would also take "10.1" or "1.2.3" (BSD shorthand), which is rarely meant
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    // hex groups, colons and an optional dotted tail, starting with a hex digit or a colon: InetAddress reads such a
    // string as a literal (or refuses it) and never asks DNS; only strings with a ':' come here
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    /** One range: the first {@code bits} bits of {@code network} (16 bytes). */
    private record Range(String entry, byte[] network, int bits) {
        boolean contains(byte[] address) {
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) if (address[i] != network[i]) return false;
            int rest = bits % 8;
            if (rest == 0) return true;
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    private final List<Range> ranges;
    private final String text;

    private PeerAllowList(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
        this.text = String.join(",", ranges.stream().map(Range::entry).toList());
    }

    /**
     * Reads the setting. Blank items (a trailing comma) are skipped; anything else that is not an address or a
     * range stops with an IllegalArgumentException naming the setting and the entry.
     */
    public static PeerAllowList parse(String list) {
        List<Range> ranges = new ArrayList<>();
        for (String item : (list == null ? "" : list).split(",")) {
            String entry = item.trim();
            if (!entry.isEmpty()) ranges.add(range(entry));
        }
        if (ranges.isEmpty()) {
            // an empty list would refuse everyone: more likely a mistake than a wish, so say so at start-up
            throw new IllegalArgumentException(SETTING + " is empty: no peer could connect; list the HIS's addresses "
                    + "or ranges (0.0.0.0/0,::/0 allows any)");
        }
        return new PeerAllowList(ranges);
    }

    private static Range range(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        boolean v6 = address.indexOf(':') >= 0;
        byte[] bytes = literal(entry, address, v6);
        int max = v6 ? 128 : 32;
        int bits = max;
        if (slash >= 0) {
            String prefix = entry.substring(slash + 1);
            if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > max) {
                throw bad(entry, "the prefix after '/' must be a number from 0 to " + max);
            }
            bits = Integer.parseInt(prefix);
        }
        // an IPv4 address stands at the end of the IPv4-mapped block ::ffff:0:0/96
        if (!v6) bits += 96;
        byte[] network = bytes.clone();
        for (int bit = bits; bit < 128; bit++) network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        if (!Arrays.equals(network, bytes)) {
            // 10.20.1.0/16 is most often a typo for /24 (or for 10.20.0.0/16): refuse rather than guess
            throw bad(entry, "has address bits set past the /" + (v6 ? bits : bits - 96) + " prefix (the range would be "
                    + show(network) + "/" + (v6 ? bits : bits - 96) + ")");
        }
        return new Range(entry, bytes, bits);
    }

    private static byte[] literal(String entry, String address, boolean v6) {
        if (v6 ? !IPV6.matcher(address).matches() : !IPV4.matcher(address).matches()) {
            throw bad(entry, v6 ? "is not an IPv6 address" : "is not an IPv4 address (a.b.c.d, each 0-255) nor an IPv6 one");
        }
        try {
            return mapped(InetAddress.getByName(address));
        } catch (UnknownHostException ex) {
            throw bad(entry, "is not an IPv6 address");
        }
    }

    private static IllegalArgumentException bad(String entry, String why) {
        return new IllegalArgumentException(SETTING + ": '" + entry + "' " + why);
    }

    /** The address as 16 bytes: IPv6 as is, IPv4 as ::ffff:a.b.c.d. */
    static byte[] mapped(InetAddress a) {
        byte[] raw = a.getAddress();
        if (!(a instanceof Inet4Address)) return raw;
        byte[] out = new byte[16];
        out[10] = (byte) 0xff;
        out[11] = (byte) 0xff;
        System.arraycopy(raw, 0, out, 12, 4);
        return out;
    }

    private static String show(byte[] sixteen) {
        try {
            // an IPv4-mapped array comes back as an Inet4Address, so an IPv4 range is shown as IPv4
            return InetAddress.getByAddress(sixteen).getHostAddress();
        } catch (UnknownHostException ex) {
            throw new IllegalStateException(ex);   // 16 bytes are always an address
        }
    }

    /** Whether a peer with this address may connect. */
    public boolean permits(InetAddress peer) {
        if (peer == null) return false;
        byte[] a = mapped(peer);
        for (Range r : ranges) if (r.contains(a)) return true;
        return false;
    }

    /** The entries as read, comma-separated. */
    @Override
    public String toString() {
        return text;
    }
}
