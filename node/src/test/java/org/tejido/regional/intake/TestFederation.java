package org.tejido.regional.intake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tejido.Tejido;
import org.tejido.ledger.note.NoteVerifierKey;
import org.tejido.platform.pki.FederationCa;
import org.tejido.platform.pki.TlsIdentity;
import org.tejido.regional.enrollment.Enrollments;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestDirectories;
import org.tejido.support.TestNodes;

/**
 * A federation for tests of what the aggregator makes of real national nodes: one aggregator and the
 * nodes added to it, each with its own embedded PostgreSQL, keys and certificates, pushing over real
 * gRPC with mutual TLS on loopback, quickly (a push every 0.2 s, a checkpoint every second).
 */
public final class TestFederation implements AutoCloseable {
    /**
     * A national node of the federation: its origin, the log key enrolled for it, its data directory and
     * its running application.
     */
    public record Node(
            String country,
            String subdivision,
            String origin,
            NoteVerifierKey logKey,
            Path dataDir,
            ConfigurableApplicationContext context) {}

    private final FederationCa ca;
    private final ConfigurableApplicationContext aggregator;
    private final List<Node> nodes = new ArrayList<>();

    private TestFederation(FederationCa ca, ConfigurableApplicationContext aggregator) {
        this.ca = ca;
        this.aggregator = aggregator;
    }

    /** Starts the aggregator, with {@code settings} added to its command line. */
    public static TestFederation start(String... settings) throws Exception {
        Path pki = TestDirectories.create("federation-pki-");
        FederationCa ca = FederationCa.create(Files.createDirectories(pki.resolve("ca")), "Tejido test federation CA");
        Path tls = Files.createDirectories(pki.resolve("aggregator"));
        TlsIdentity.create(tls, ca, "aggregator", FederationCa.Purpose.AGGREGATOR, Duration.ofDays(1), List.of());
        return new TestFederation(ca, TestNodes.startAggregator(TestDatabase.fresh(), tls, settings));
    }

    public ConfigurableApplicationContext aggregator() {
        return aggregator;
    }

    /**
     * Provisions, enrolls and starts a national node, in the operator's order, with {@code settings}
     * added to its command line.
     */
    public Node addNode(String country, String subdivision, String domain, String... settings) throws Exception {
        TestDatabase database = TestDatabase.fresh();
        ProvisionedNode keys = ProvisionedNode.provision(database, ca, domain, country);
        aggregator
                .getBean(Enrollments.class)
                .enroll(keys.origin(), keys.tls().fingerprint(), keys.logKey().format());
        String[] args = TestNodes.concat(
                database.asArgs(),
                "--server.port=0",
                "--tejido.node.domain=" + domain,
                "--tejido.node.country=" + country,
                "--tejido.federation.aggregator.address=localhost:"
                        + aggregator.getBean(FederationServer.class).port(),
                "--tejido.federation.witness-key="
                        + aggregator.getBean(Witness.class).verifierKey(),
                "--tejido.federation.push.interval=PT0.2S",
                "--tejido.federation.checkpoint-interval=PT1S");
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(Tejido.class).profiles("national").run(TestNodes.concat(args, settings));
        Node node = new Node(country, subdivision, keys.origin(), keys.logKey(), keys.dataDir(), context);
        nodes.add(node);
        return node;
    }

    @Override
    public void close() {
        nodes.forEach(n -> n.context().close());
        aggregator.close();
    }
}
