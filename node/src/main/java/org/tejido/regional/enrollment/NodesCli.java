package org.tejido.regional.enrollment;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.tejido.platform.cli.AdminCli;
import org.tejido.platform.cli.CommandOptions;

/**
 * The aggregator's admin command for enrolled nodes, run against the aggregator's own database:
 *
 * <pre>
 * nodes enroll --origin mx.example.org/MX/v1 --tls-fingerprint sha256:... --log-key 'mx.example.org/MX/v1+...'
 * nodes list
 * </pre>
 *
 * Both values come from the node's operator ({@code keys show} on the node) and must be confirmed out
 * of band (in person, or by a call to someone known), never taken from the network that carries the
 * push. Exit codes as for {@code users}: 0 done, 1 refused, 2 not understood.
 */
@Component
public class NodesCli extends AdminCli {
    public static final String COMMAND = "nodes";

    private static final String USAGE = """
            Uso / Usage:
              nodes enroll --origin ORIGEN --tls-fingerprint sha256:HEX --log-key CLAVE
                  inscribe un nodo nacional / enrolls a national node
              nodes list
                  lista los nodos inscritos / lists enrolled nodes
            """;
    private static final Set<String> OPTIONS = Set.of("origin", "tls-fingerprint", "log-key");

    private final Enrollments enrollments;

    NodesCli(Enrollments enrollments) {
        super(COMMAND);
        this.enrollments = enrollments;
    }

    public static boolean requested(String... args) {
        return AdminCli.requested(COMMAND, args);
    }

    @Override
    public int execute(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options =
                args.length < 2 ? null : CommandOptions.parse(Arrays.copyOfRange(args, 2, args.length), OPTIONS, true);
        if (options == null) {
            err.print(USAGE);
            return 2;
        }
        try {
            switch (args[1]) {
                case "enroll" -> {
                    if (!options.keySet().containsAll(OPTIONS)) {
                        err.print(USAGE);
                        return 2;
                    }
                    EnrolledNode node = enrollments.enroll(
                            options.get("origin"), options.get("tls-fingerprint"), options.get("log-key"));
                    out.printf("Nodo inscrito / Node enrolled: %s (TLS %s)%n", node.origin(), node.tlsFingerprint());
                }
                case "list" -> {
                    List<EnrolledNode> nodes = enrollments.list();
                    for (EnrolledNode node : nodes) {
                        out.printf(
                                "%s  %s  %s  %s%n",
                                node.origin(), node.tlsFingerprint(), node.logKey(), node.enrolledAt());
                    }
                    if (nodes.isEmpty()) {
                        out.println("(ningún nodo inscrito / no enrolled nodes)");
                    }
                }
                default -> {
                    err.print(USAGE);
                    return 2;
                }
            }
            return 0;
        } catch (EnrollmentRefusal refusal) {
            err.println(refusal.spanish());
            err.println(refusal.english());
            return 1;
        }
    }
}
