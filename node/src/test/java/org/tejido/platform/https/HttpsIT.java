package org.tejido.platform.https;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.tejido.platform.pki.HttpsCertificate;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestDirectories;
import org.tejido.support.TestNodes;

/**
 * A node that serves HTTPS itself with a certificate made by {@code keys https-init}, as an office
 * network reaches it: a TLS client that trusts only that certificate gets the pages, the session cookie
 * is then {@code Secure}, and plain HTTP on the same port gets nothing from the node. One node, on
 * loopback (the certificate names it too), so the test needs no network.
 */
class HttpsIT {
    private static ConfigurableApplicationContext node;
    private static X509Certificate certificate;
    private static int port;

    @BeforeAll
    static void start() {
        Path keys = TestDirectories.create("https-");
        certificate = HttpsCertificate.create(keys, List.of("tejido.oficina.lan"), 1, null);
        node = TestNodes.start(
                TestDatabase.fresh(),
                "--tejido.http.tls.enabled=true",
                "--tejido.http.tls.certificate=" + keys.resolve(HttpsCertificate.CERTIFICATE_FILE),
                "--tejido.http.tls.private-key=" + keys.resolve(HttpsCertificate.KEY_FILE));
        port = TestNodes.port(node);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aClientTrustingOnlyTheNodesCertificateGetsThePageAndASecureSessionCookie() throws Exception {
        HttpResponse<String> page = trustingOnly(certificate)
                .send(
                        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/sign-in"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        var tls = page.sslSession().orElseThrow();
        assertThat(tls.getPeerCertificates()[0]).isEqualTo(certificate);
        assertThat(tls.getProtocol()).isEqualTo("TLSv1.3");
        assertThat(page.headers().allValues("Set-Cookie"))
                .filteredOn(cookie -> cookie.startsWith("tejido-session="))
                .singleElement()
                .satisfies(cookie -> assertThat(cookie)
                        .contains("; Secure")
                        .contains("; HttpOnly")
                        .contains("SameSite=Strict"));
        // Browsers that once reached the node over HTTPS then refuse plain HTTP to it.
        assertThat(page.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(hsts -> assertThat(hsts).contains("max-age="));
    }

    @Test
    void aClientTrustingOnlyThePublicAuthoritiesRefusesTheHandshake() {
        HttpClient systemTrust = HttpClient.newHttpClient();

        assertThatThrownBy(() -> systemTrust.send(
                        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/sign-in"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainHttpOnThatPortGetsNoPageAndNoSession() throws Exception {
        String answer = plainRequest("GET /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        // Tomcat answers a plain request on a TLS port with a 400 that says TLS is needed, then closes.
        assertThat(answer)
                .startsWith("HTTP/1.1 400")
                .doesNotContain("tejido-session")
                .doesNotContain("<html");
        assertThat(answer).doesNotContainIgnoringCase("Location:");
    }

    private static HttpClient trustingOnly(X509Certificate trusted) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("node", trusted);
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder()
                .sslContext(context)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private static String plainRequest(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // The server may close or reset once it has answered: what arrived is the answer.
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
