package org.tejido.platform.startup;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.web.server.PortInUseException;
import org.tejido.platform.problem.StorageFailures;

/**
 * Why the node did not start, when it is something its operator can fix: {@link StartupRefusal}s the
 * node throws itself, and the failures of the libraries it starts (the database not there, the port
 * taken, a setting that does not convert). Anything else is a bug and keeps its stack trace.
 */
public final class StartupFailures {
    private static final String CORRECT_IT =
            "Correct it in the environment, the command line or application.properties (docs/operations.md)"
                    + " / corríjalo en el entorno, la línea de órdenes o application.properties.";

    /** The exit status of a start that failed for a reason not diagnosed here. */
    public static final int UNEXPECTED = 1;

    private StartupFailures() {}

    public static Optional<StartupRefusal> diagnose(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof StartupRefusal refusal) {
                return Optional.of(refusal);
            }
        }
        if (StorageFailures.unavailable(failure)) {
            return Optional.of(new StartupRefusal(
                    "The node cannot reach its PostgreSQL database (" + StorageFailures.reason(failure)
                            + ") / el nodo no puede llegar a su base de datos PostgreSQL.",
                    "Start PostgreSQL, or check spring.datasource.url and that its disk has room, then start the"
                            + " node again / inicie PostgreSQL, o revise spring.datasource.url y que su disco"
                            + " tenga espacio, y vuelva a iniciar el nodo.",
                    StartupRefusal.UNAVAILABLE));
        }
        seen.clear();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof PortInUseException port) {
                return Optional.of(new StartupRefusal(
                        "Port " + port.getPort() + " is already in use / el puerto " + port.getPort()
                                + " ya está en uso.",
                        "Stop what listens on it, or give the node another port (TEJIDO_HTTP_PORT) / detenga lo"
                                + " que escucha en él, o dé otro puerto al nodo (TEJIDO_HTTP_PORT).",
                        StartupRefusal.IN_USE));
            }
            if (t instanceof BindException bind) {
                return Optional.of(badSetting(bind.getName().toString()));
            }
            if (t instanceof TypeMismatchException mismatch) {
                // A @Value setting that does not convert. Its value may be a secret and is not printed; its
                // name is not in the exception, so the bean that asked for it is named instead.
                if (mismatch.getPropertyName() != null) {
                    return Optional.of(badSetting(mismatch.getPropertyName()));
                }
                String bean = innermostBean(failure);
                return Optional.of(new StartupRefusal(
                        "A setting read by " + bean + " does not convert to its type, such as a duration without its"
                                + " unit / un ajuste que lee " + bean + " no tiene un valor válido, por ejemplo una"
                                + " duración sin su unidad.",
                        CORRECT_IT,
                        StartupRefusal.CONFIGURATION));
            }
        }
        return Optional.empty();
    }

    public static int exitCode(Throwable failure) {
        return diagnose(failure).map(StartupRefusal::exitCode).orElse(UNEXPECTED);
    }

    private static String innermostBean(Throwable failure) {
        String bean = "the node";
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof BeanCreationException creation && creation.getBeanName() != null) {
                bean = creation.getBeanName();
            }
        }
        return bean;
    }

    private static StartupRefusal badSetting(String name) {
        return new StartupRefusal(
                "The setting " + name + " is not valid / el ajuste " + name + " no es válido.",
                CORRECT_IT,
                StartupRefusal.CONFIGURATION);
    }
}
