package org.tejido.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokensTest {
    @Test
    void aTokenIs32RandomBytesInBase64UrlWithoutPadding() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = Tokens.newToken();
            assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]{43}");
            assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
            seen.add(token);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void theStoredHashIsTheSha256OfTheTokenText() {
        // FIPS 180-2 test vector: SHA-256("abc").
        assertThat(HexFormat.of().formatHex(Tokens.hash("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        String token = Tokens.newToken();
        assertThat(Tokens.hash(token)).hasSize(32).isEqualTo(Tokens.hash(token));
        assertThat(Tokens.hash(token)).isNotEqualTo(Tokens.hash(token + "x"));
    }

    @Test
    void hashesAreComparedWholly() {
        byte[] a = Tokens.hash("a");
        byte[] sameAsA = Tokens.hash("a");
        byte[] lastByteDiffers = a.clone();
        lastByteDiffers[31] ^= 1;
        assertThat(Tokens.sameHash(a, sameAsA)).isTrue();
        assertThat(Tokens.sameHash(a, lastByteDiffers)).isFalse();
        assertThat(Tokens.sameHash(a, new byte[0])).isFalse();
    }

    @Test
    void rolesHaveStableLowercaseCodes() {
        assertThat(Role.codes()).isEqualTo("registrar, coordinator, analyst, auditor, admin");
        assertThat(Role.parse("coordinator")).contains(Role.COORDINATOR);
        assertThat(Role.parse("Admin")).isEmpty();
        assertThat(Role.ADMIN.authority()).isEqualTo("ROLE_admin");
    }
}
