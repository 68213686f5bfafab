package org.tejido.platform.https;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tejido.platform.https.ListeningAddress.Reach;
import org.tejido.platform.https.ListeningAddress.Resolver;

class ListeningAddressTest {

    @Test
    void ipv4AndIpv6LoopbackReachOnlyThisMachine() {
        for (String address : new String[] {
            "127.0.0.1",
            "127.0.1.1",
            "127.255.255.254",
            "::1",
            "[::1]",
            "0:0:0:0:0:0:0:1",
            "::ffff:127.0.0.1",
            " 127.0.0.1 "
        }) {
            assertThat(ListeningAddress.reach(address)).as(address).isEqualTo(Reach.LOOPBACK);
        }
    }

    @Test
    void unsetAndWildcardAddressesListenEverywhere() {
        for (String address : new String[] {null, "", " ", "0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0"}) {
            assertThat(ListeningAddress.reach(address))
                    .as(String.valueOf(address))
                    .isEqualTo(Reach.EVERYWHERE);
        }
    }

    @Test
    void anInterfacesAddressReachesBeyondThisMachine() {
        for (String address : new String[] {"192.168.1.20", "10.0.0.5", "169.254.10.1", "2001:db8::20", "fe80::1"}) {
            assertThat(ListeningAddress.reach(address)).as(address).isEqualTo(Reach.BEYOND_LOOPBACK);
        }
    }

    @Test
    void aHostNameReachesAsFarAsTheAddressItResolvesTo() {
        Map<String, String> names = Map.of(
                "localhost", "127.0.0.1",
                "ip6-localhost", "::1",
                "tejido.oficina.lan", "192.168.1.20",
                "todas", "0.0.0.0");
        Resolver resolver = host -> {
            String address = names.get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return InetAddress.getByName(address);
        };

        assertThat(ListeningAddress.reach("localhost", resolver)).isEqualTo(Reach.LOOPBACK);
        assertThat(ListeningAddress.reach("ip6-localhost", resolver)).isEqualTo(Reach.LOOPBACK);
        assertThat(ListeningAddress.reach("tejido.oficina.lan", resolver)).isEqualTo(Reach.BEYOND_LOOPBACK);
        assertThat(ListeningAddress.reach("todas", resolver)).isEqualTo(Reach.EVERYWHERE);
        // A name that does not resolve is not shown to be loopback.
        assertThat(ListeningAddress.reach("no-such-host.invalid", resolver)).isEqualTo(Reach.BEYOND_LOOPBACK);
        // The machine's own resolver: localhost is in /etc/hosts, no DNS asked.
        assertThat(ListeningAddress.reach("localhost")).isEqualTo(Reach.LOOPBACK);
    }
}
