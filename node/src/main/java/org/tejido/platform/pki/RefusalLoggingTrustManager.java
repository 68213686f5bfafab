package org.tejido.platform.pki;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregator's trust in client certificates: the federation CA's, as PKIX checks it, and every
 * refusal logged as a security event. The handshake fails before gRPC sees a call, so this is the only
 * place that knows a caller was turned away. The log names the refused key's fingerprint, never the
 * certificate's subject, which the caller chose.
 */
final class RefusalLoggingTrustManager extends X509ExtendedTrustManager {
    private static final Logger log = LoggerFactory.getLogger(RefusalLoggingTrustManager.class);

    private final X509ExtendedTrustManager pkix;

    private RefusalLoggingTrustManager(X509ExtendedTrustManager pkix) {
        this.pkix = pkix;
    }

    static RefusalLoggingTrustManager trusting(X509Certificate ca) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("federation-ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager pkix) {
                    return new RefusalLoggingTrustManager(pkix);
                }
            }
            throw new IllegalStateException("no X.509 trust manager available");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build the federation trust manager", e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            pkix.checkClientTrusted(chain, authType, engine);
        } catch (CertificateException | RuntimeException e) {
            logRefusal(chain, e);
            throw e;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            pkix.checkClientTrusted(chain, authType, socket);
        } catch (CertificateException | RuntimeException e) {
            logRefusal(chain, e);
            throw e;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            pkix.checkClientTrusted(chain, authType);
        } catch (CertificateException | RuntimeException e) {
            logRefusal(chain, e);
            throw e;
        }
    }

    private static void logRefusal(X509Certificate[] chain, Exception e) {
        String fingerprint =
                chain == null || chain.length == 0 ? "none" : Fingerprints.spkiSha256(chain[0].getPublicKey());
        log.warn(
                "SECURITY federation TLS client certificate refused: reason=UNTRUSTED_CERTIFICATE caller={}"
                        + " detail={}",
                fingerprint,
                e.getClass().getSimpleName());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        pkix.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        pkix.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }
}
