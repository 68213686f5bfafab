package org.tejido.national.protection;

/**
 * Personal data as it is stored: AES-256-GCM under the data key {@code keyId}, base64 of
 * nonce (12 bytes) || ciphertext || tag (16 bytes). Once the key is destroyed, nobody can read it.
 */
public record Sealed(String keyId, String data) {
    @Override
    public String toString() {
        return "Sealed[" + keyId + "]";
    }
}
