package org.tejido.platform.https;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses a web server port that another program holds, as soon as the settings are known: before the
 * database, the event processors or any bean starts, so the refusal is the one line of
 * {@code StartupFailures} and nothing half-started has to stop (an event processor stopped while it
 * starts logs its own stack trace). The web server still binds the port itself; a program that takes it
 * in between gets the same refusal, later.
 */
public final class HttpPortCheck implements EnvironmentPostProcessor, Ordered {
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (application.getWebApplicationType() == WebApplicationType.NONE) {
            return;
        }
        int port = environment.getProperty("server.port", Integer.class, 8080);
        if (port <= 0) {
            return; // a free port chosen by the server
        }
        String address = environment.getProperty("server.address");
        InetSocketAddress at;
        try {
            at = address == null || address.isBlank()
                    ? new InetSocketAddress(port)
                    : new InetSocketAddress(InetAddress.getByName(address.strip()), port);
        } catch (UnknownHostException e) {
            return; // the web server reports an address it cannot use
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(at);
        } catch (IOException e) {
            throw new PortInUseException(port, e);
        }
    }

    /** With {@link HttpExposureCheck}, after the configuration files are read; listed after it, it runs after it. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
