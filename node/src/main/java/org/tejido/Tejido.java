package org.tejido;

import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.tejido.national.NationalRole;
import org.tejido.platform.database.EarlyEmbeddedStart;
import org.tejido.platform.pki.KeysCli;
import org.tejido.platform.security.UsersCli;
import org.tejido.platform.startup.StartupFailures;
import org.tejido.regional.RegionalRole;
import org.tejido.regional.enrollment.NodesCli;
import org.tejido.regional.statistics.store.StatisticsCli;

/**
 * The node: one application, its role (national or regional) chosen by Spring profile. Its short
 * commands run before and without Spring: {@code keys ...} (the federation's keys and certificates, no
 * database), {@code users ...} (users and tokens, docs/security.md), {@code backup} and {@code restore}
 * (docs/operations.md). {@code nodes ...} (the aggregator's enrolment) and {@code statistics ...} (its
 * statistics store) run in the regional role's context without a web server.
 */
// No generated default user or password: users and tokens come only from the users command.
// The roles are not scanned from here: each brings its own beans only when its profile is active.
@SpringBootApplication(
        exclude = UserDetailsServiceAutoConfiguration.class,
        scanBasePackages = {"org.tejido.platform", "org.tejido.vocabulary"})
@Import({NationalRole.class, RegionalRole.class})
public class Tejido {
    public static void main(String[] args) {
        if (KeysCli.requested(args)) {
            System.exit(KeysCli.execute(args, System.out, System.err));
        }
        if (UsersCli.requested(args)) {
            System.exit(UsersCli.run(args, System.out, System.err));
        }
        NationalRole.offlineCommand(args, System.out, System.err).ifPresent(System::exit);
        ConfigurableApplicationContext context;
        try {
            SpringApplication application = application(args);
            if (!regionalCommand(args)) {
                application.addListeners(new EarlyEmbeddedStart());
            }
            context = application.run(args);
        } catch (RuntimeException failure) {
            // Already reported: in one line when it is a reason to fix (OneLineFailureReporter), with its
            // stack trace when it is a bug. The exit status says which (StartupRefusal).
            System.exit(StartupFailures.exitCode(failure));
            return;
        }
        if (regionalCommand(args)) {
            System.exit(SpringApplication.exit(context));
        }
    }

    /** {@code nodes ...} or {@code statistics ...}: the aggregator's admin commands. */
    private static boolean regionalCommand(String... args) {
        return NodesCli.requested(args) || StatisticsCli.requested(args);
    }

    /** The application as these arguments ask for it: the server, or a quiet regional command. */
    public static SpringApplication application(String... args) {
        SpringApplication application = new SpringApplication(Tejido.class);
        if (regionalCommand(args)) {
            application.setAdditionalProfiles("regional");
            application.setWebApplicationType(WebApplicationType.NONE);
            application.setBannerMode(Banner.Mode.OFF);
            application.setLogStartupInfo(false);
            // With the embedded database, work through the running aggregator's PostgreSQL if there is one:
            // nodes can be enrolled, and statistics rebuilt, without stopping it.
            application.setDefaultProperties(Map.of(
                    "logging.level.root",
                    "WARN",
                    "tejido.embedded-db.attach-to-running",
                    "true",
                    "tejido.federation.server.enabled",
                    "false"));
        }
        return application;
    }
}
