package org.yidan.settlement.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yidan.settlement.camel.PeerAllowList;

/** yidan.mllp.allow: addresses and CIDR ranges, IPv4 and IPv6, their edges, and the errors for bad entries. */
class PeerAllowListTest {
    static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    static boolean permits(String list, String peer) throws Exception {
        return PeerAllowList.parse(list).permits(ip(peer));
    }

    @Test
    void theDefaultIsLoopbackOnly() throws Exception {
        PeerAllowList l = PeerAllowList.parse("127.0.0.1,::1");
        assertTrue(l.permits(ip("127.0.0.1")));
        assertTrue(l.permits(ip("::1")));
        assertFalse(l.permits(ip("127.0.0.2")), "one address, not 127/8");
        assertFalse(l.permits(ip("10.0.0.1")));
        assertFalse(l.permits(ip("::2")));
        assertFalse(l.permits(null));
        assertEquals("127.0.0.1,::1", l.toString());
    }

    @ParameterizedTest(name = "{0} permits {1}: {2}")
    @CsvSource(delimiter = ';', value = {
        // IPv4 ranges: the first and last address in, the neighbours out
        "10.20.0.0/16; 10.20.0.0; true",
        "10.20.0.0/16; 10.20.255.255; true",
        "10.20.0.0/16; 10.19.255.255; false",
        "10.20.0.0/16; 10.21.0.0; false",
        // a prefix that is not a whole number of bytes
        "192.168.4.0/22; 192.168.7.255; true",
        "192.168.4.0/22; 192.168.8.0; false",
        "192.168.4.0/22; 192.168.3.255; false",
        "172.16.5.4/31; 172.16.5.5; true",
        "172.16.5.4/31; 172.16.5.6; false",
        "172.16.5.4/32; 172.16.5.4; true",
        "172.16.5.4/32; 172.16.5.5; false",
        // /0: everyone of the family (IPv4 /0 is the IPv4-mapped block only)
        "0.0.0.0/0; 203.0.113.9; true",
        "0.0.0.0/0; 2001:db8::1; false",
        "::/0; 2001:db8::1; true",
        "::/0; 203.0.113.9; true",
        // IPv6 ranges
        "2001:db8:a::/48; 2001:db8:a:ffff:ffff:ffff:ffff:ffff; true",
        "2001:db8:a::/48; 2001:db8:b::; false",
        "fd00::/8; fdff::1; true",
        "fd00::/8; fc00::1; false",
        "fe80::/10; febf::1; true",
        "fe80::/10; fec0::1; false",
        "2001:db8::1/128; 2001:db8::1; true",
        "2001:DB8::1; 2001:db8:0:0:0:0:0:1; true",
        // an IPv4 peer and an IPv4-mapped entry (or the reverse) are one address
        "::ffff:10.1.2.3; 10.1.2.3; true",
        "::ffff:10.1.0.0/112; 10.1.200.3; true",
        "::ffff:10.1.0.0/112; 10.2.0.3; false",
        "10.1.2.3; ::ffff:10.1.2.3; true",
        // several entries, blanks around them and a trailing comma
        " 10.0.0.1 , 2001:db8::/32 ,; 2001:db8:1::5; true",
        " 10.0.0.1 , 2001:db8::/32 ,; 10.0.0.1; true",
        " 10.0.0.1 , 2001:db8::/32 ,; 10.0.0.2; false",
    })
    void ranges(String list, String peer, boolean expected) throws Exception {
        assertEquals(expected, permits(list, peer));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "10.0.0.256; yidan.mllp.allow (MLLP_ALLOW): '10.0.0.256' is not an IPv4 address (a.b.c.d, each 0-255) nor an IPv6 one",
        "10.1; yidan.mllp.allow (MLLP_ALLOW): '10.1' is not an IPv4 address (a.b.c.d, each 0-255) nor an IPv6 one",
        "his.example.org; yidan.mllp.allow (MLLP_ALLOW): 'his.example.org' is not an IPv4 address (a.b.c.d, each 0-255) nor an IPv6 one",
        "10.0.0.0/33; yidan.mllp.allow (MLLP_ALLOW): '10.0.0.0/33' the prefix after '/' must be a number from 0 to 32",
        "10.0.0.0/; yidan.mllp.allow (MLLP_ALLOW): '10.0.0.0/' the prefix after '/' must be a number from 0 to 32",
        "10.0.0.0/-1; yidan.mllp.allow (MLLP_ALLOW): '10.0.0.0/-1' the prefix after '/' must be a number from 0 to 32",
        "10.0.0.0/8/8; yidan.mllp.allow (MLLP_ALLOW): '10.0.0.0/8/8' the prefix after '/' must be a number from 0 to 32",
        "::/129; yidan.mllp.allow (MLLP_ALLOW): '::/129' the prefix after '/' must be a number from 0 to 128",
        "10.20.1.0/16; yidan.mllp.allow (MLLP_ALLOW): '10.20.1.0/16' has address bits set past the /16 prefix (the range would be 10.20.0.0/16)",
        "2001:db8::1/64; yidan.mllp.allow (MLLP_ALLOW): '2001:db8::1/64' has address bits set past the /64 prefix (the range would be 2001:db8:0:0:0:0:0:0/64)",
        "1:2:3:4:5:6:7:8:9; yidan.mllp.allow (MLLP_ALLOW): '1:2:3:4:5:6:7:8:9' is not an IPv6 address",
        "2001:db8::g; yidan.mllp.allow (MLLP_ALLOW): '2001:db8::g' is not an IPv6 address",
        "fe80::1%eth0; yidan.mllp.allow (MLLP_ALLOW): 'fe80::1%eth0' is not an IPv6 address",
        "[::1]; yidan.mllp.allow (MLLP_ALLOW): '[::1]' is not an IPv6 address",
    })
    void badEntriesAreNamed(String entry, String message) {
        var ex = assertThrows(IllegalArgumentException.class, () -> PeerAllowList.parse("127.0.0.1," + entry));
        assertEquals(message, ex.getMessage());
    }

    @Test
    void anEmptyListIsAnError() {
        for (String empty : new String[] {"", " ", ",", " , ", null}) {
            var ex = assertThrows(IllegalArgumentException.class, () -> PeerAllowList.parse(empty));
            assertTrue(ex.getMessage().startsWith("yidan.mllp.allow (MLLP_ALLOW) is empty: no peer could connect"), ex.getMessage());
        }
    }
}
