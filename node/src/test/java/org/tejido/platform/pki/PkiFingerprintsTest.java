package org.tejido.platform.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PkiFingerprintsTest {
    @Test
    void theFingerprintIsTheSha256OfTheSubjectPublicKeyInfoAsOpensslComputesIt() throws Exception {
        // given a P-256 public key and its fingerprint computed independently:
        // openssl pkey -pubin -in fp.pub -outform DER | sha256sum
        PublicKey key = KeyFactory.getInstance("EC")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder()
                        .decode("MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAErzTnDV4tMONQEBRLD6a0/gTajEdn"
                                + "J85C4m8Nq4LiVI5cLk3tUjB34MeTm8dd9+rF8t5fgQlLNzjpuf1TfG20AA==")));

        // when
        String fingerprint = Fingerprints.spkiSha256(key);

        // then
        assertThat(fingerprint).isEqualTo("sha256:1b66aa6033f61d13952883b61e843cf8fc464e9a0382f9aa9964d659025ec147");
    }

    @Test
    void differentKeysHaveDifferentFingerprints() {
        assertThat(Fingerprints.spkiSha256(FederationCa.generateKeyPair().getPublic()))
                .matches("sha256:[0-9a-f]{64}")
                .isNotEqualTo(
                        Fingerprints.spkiSha256(FederationCa.generateKeyPair().getPublic()));
    }
}
