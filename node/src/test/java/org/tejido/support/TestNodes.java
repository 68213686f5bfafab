package org.tejido.support;

import java.util.Arrays;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.tejido.Tejido;

/**
 * Whole national nodes for tests that stop and start them (restarts, expiry while down, key rotation):
 * each call is a real start on the given database, on a random HTTP port.
 */
public final class TestNodes {
    private TestNodes() {}

    public static ConfigurableApplicationContext start(TestDatabase database, String... settings) {
        return new SpringApplicationBuilder(Tejido.class)
                .profiles("national")
                .run(concat(concat(database.asArgs(), "--server.port=0"), settings));
    }

    /** A regional aggregator on the given database, its gRPC endpoint on a free port with this TLS identity. */
    public static ConfigurableApplicationContext startAggregator(
            TestDatabase database, java.nio.file.Path tlsDir, String... more) {
        return new SpringApplicationBuilder(Tejido.class)
                .profiles("regional")
                .run(concat(
                        concat(
                                database.asArgs(),
                                "--server.port=0",
                                "--tejido.federation.server.port=0",
                                "--tejido.federation.tls-dir=" + tlsDir),
                        more));
    }

    public static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    /** An HTTP client for this node carrying a token of the given role. */
    public static Http http(ConfigurableApplicationContext node, String role) {
        return TestUsers.http(node, port(node), role);
    }

    public static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
