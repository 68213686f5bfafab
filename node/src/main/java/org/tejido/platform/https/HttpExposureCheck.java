package org.tejido.platform.https;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.bouncycastle.util.IPAddress;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.tejido.platform.https.ListeningAddress.Reach;
import org.tejido.platform.pki.HttpsCertificate;
import org.tejido.platform.pki.PkiException;
import org.tejido.platform.startup.StartupRefusal;

/**
 * Refuses to start a web server that would answer beyond this machine over plain HTTP, where passwords,
 * session cookies, tokens and case data would cross the network in clear; and, when the node serves
 * HTTPS with its own certificate ({@value #TLS_ENABLED}), checks that certificate and makes it the web
 * server's Spring Boot SSL bundle. Runs as soon as the settings are known (META-INF/spring.factories),
 * before the database or any bean starts, so a refusal costs nothing.
 *
 * <p>The bundle is added only when HTTPS is on: Spring Boot reads every bundle it knows at start (its
 * SSL metrics do), so one naming files that are not there would stop every plain start.
 *
 * <p>Plain HTTP beyond loopback is allowed only by {@value #ALLOW_PLAIN}, for a network that encrypts
 * by itself (a VPN only, a proxy on another machine), and then logged as a warning at every start.
 */
public final class HttpExposureCheck implements EnvironmentPostProcessor, Ordered {
    public static final String TLS_ENABLED = "tejido.http.tls.enabled";
    public static final String CERTIFICATE = "tejido.http.tls.certificate";
    public static final String PRIVATE_KEY = "tejido.http.tls.private-key";
    public static final String ALLOW_PLAIN = "tejido.http.allow-plain-http-beyond-loopback";

    /** The Spring Boot SSL bundle made of {@link #CERTIFICATE} and {@link #PRIVATE_KEY}. */
    public static final String BUNDLE = "tejido-https";

    private static final String BUNDLE_PREFIX = "spring.ssl.bundle.pem." + BUNDLE + ".";

    private final Log log;

    public HttpExposureCheck(DeferredLogFactory logs) {
        this.log = logs.getLog(HttpExposureCheck.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (application.getWebApplicationType() == WebApplicationType.NONE) {
            return; // the nodes command: no web server
        }
        if (flag(environment, TLS_ENABLED)) {
            environment.getPropertySources().addLast(new MapPropertySource(BUNDLE, bundle(environment)));
            return;
        }
        if (springSslConfigured(environment)) {
            return; // server.ssl.* set by hand: Spring Boot checks it and serves HTTPS
        }
        String address = environment.getProperty("server.address");
        Reach reach = ListeningAddress.reach(address);
        if (reach == Reach.LOOPBACK) {
            return;
        }
        String shown = address == null || address.isBlank() ? "*" : address.strip();
        if (flag(environment, ALLOW_PLAIN)) {
            log.warn("Plain HTTP beyond this machine on " + shown + ", as " + ALLOW_PLAIN + " allows: passwords,"
                    + " session cookies, tokens and case data cross the network in clear unless it encrypts them"
                    + " itself / HTTP sin cifrar más allá de esta máquina en " + shown + ", como permite " + ALLOW_PLAIN
                    + ": contraseñas, cookies de sesión, tokens y datos de los casos cruzan la red en claro si ella"
                    + " no los cifra.");
            return;
        }
        throw new StartupRefusal(
                "http.plain-beyond-loopback: the node would answer on " + shown + " (" + describe(reach)
                        + ") over plain HTTP, where passwords, tokens and case data would cross the network in clear"
                        + " / el nodo respondería en " + shown + " (" + describeEs(reach) + ") en HTTP sin cifrar:"
                        + " contraseñas, tokens y datos de los casos cruzarían la red en claro.",
                "Serve HTTPS (keys https-init, then TEJIDO_HTTPS=true: docs/operations.md, \"Opening the node to an"
                        + " office network\"), or keep TEJIDO_HTTP_ADDRESS=127.0.0.1 behind a TLS proxy / sirva HTTPS"
                        + " (keys https-init y luego TEJIDO_HTTPS=true), o deje TEJIDO_HTTP_ADDRESS=127.0.0.1 detrás"
                        + " de un proxy TLS.",
                StartupRefusal.CONFIGURATION);
    }

    /** Runs after the configuration files are read (ConfigDataEnvironmentPostProcessor) and the rest. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /**
     * The web server's SSL settings, once its certificate is checked. Added last, so a setting given by
     * hand (another {@code server.ssl.bundle}, other protocols) still wins.
     */
    private Map<String, Object> bundle(ConfigurableEnvironment environment) {
        Path certificate = Path.of(environment.getRequiredProperty(CERTIFICATE));
        Path key = Path.of(environment.getRequiredProperty(PRIVATE_KEY));
        try {
            warnIfNotNamed(environment.getProperty("server.address"), HttpsCertificate.check(certificate, key));
        } catch (PkiException unusable) {
            throw new StartupRefusal(
                    "http.certificate-unusable: the node cannot serve HTTPS with its certificate ("
                            + unusable.code() + ": " + unusable.english() + ") / el nodo no puede servir HTTPS con su"
                            + " certificado (" + unusable.spanish() + ")",
                    "Make one with keys https-init, or set TEJIDO_HTTPS_CERTIFICATE and TEJIDO_HTTPS_KEY to the"
                            + " network's (docs/operations.md) / haga uno con keys https-init, o indique los de la red"
                            + " en TEJIDO_HTTPS_CERTIFICATE y TEJIDO_HTTPS_KEY.",
                    StartupRefusal.CONFIGURATION);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(BUNDLE_PREFIX + "keystore.certificate", certificate.toUri().toString());
        settings.put(BUNDLE_PREFIX + "keystore.private-key", key.toUri().toString());
        // Every browser of the last ten years speaks TLS 1.3 or 1.2; nothing older is offered.
        settings.put(BUNDLE_PREFIX + "options.enabled-protocols", "TLSv1.3,TLSv1.2");
        settings.put("server.ssl.bundle", BUNDLE);
        settings.put("server.ssl.enabled", "true");
        return settings;
    }

    /**
     * Browsers warn when the certificate does not name the address they were given: said at start, where
     * the operator sees it, rather than by every office machine. An address is compared as an address
     * (no DNS lookup); listening everywhere names nothing in particular.
     */
    private void warnIfNotNamed(String address, X509Certificate certificate) {
        if (address == null || address.isBlank() || ListeningAddress.reach(address) == Reach.EVERYWHERE) {
            return;
        }
        String wanted = normalized(address.strip());
        List<String> names = HttpsCertificate.subjectNames(certificate);
        if (names.stream().map(HttpExposureCheck::normalized).noneMatch(wanted::equals)) {
            log.warn("The HTTPS certificate does not name " + address.strip() + ", the address the node listens on"
                    + " (it names " + String.join(", ", names) + "): browsers that use that address will warn /"
                    + " el certificado HTTPS no nombra " + address.strip() + ", la dirección en la que escucha el"
                    + " nodo: los navegadores que la usen mostrarán una advertencia.");
        }
    }

    private static String normalized(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (IPAddress.isValid(bare)) {
            try {
                return InetAddress.getByName(bare).getHostAddress(); // a literal: parsed, never looked up
            } catch (UnknownHostException e) {
                return bare;
            }
        }
        return bare.toLowerCase(Locale.ROOT);
    }

    // Spring Boot's own server.ssl.* (enabled unless said otherwise once any of them is set).
    private static boolean springSslConfigured(ConfigurableEnvironment environment) {
        return (environment.containsProperty("server.ssl.bundle")
                        || environment.containsProperty("server.ssl.certificate")
                        || environment.containsProperty("server.ssl.key-store"))
                && !"false"
                        .equalsIgnoreCase(environment
                                .getProperty("server.ssl.enabled", "true")
                                .strip());
    }

    private static boolean flag(ConfigurableEnvironment environment, String name) {
        String value = environment.getProperty(name, "false").strip();
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        // The value is not printed, as for every setting that does not convert (StartupFailures).
        throw new StartupRefusal(
                "The setting " + name + " is not valid: true or false / el ajuste " + name
                        + " no es válido: true o false.",
                "Correct it in the environment, the command line or application.properties (docs/operations.md)"
                        + " / corríjalo en el entorno, la línea de órdenes o application.properties.",
                StartupRefusal.CONFIGURATION);
    }

    private static String describe(Reach reach) {
        return reach == Reach.EVERYWHERE ? "every address of this machine" : "beyond this machine";
    }

    private static String describeEs(Reach reach) {
        return reach == Reach.EVERYWHERE ? "todas las direcciones de esta máquina" : "más allá de esta máquina";
    }
}
