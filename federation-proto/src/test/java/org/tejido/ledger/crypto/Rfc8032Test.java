package org.tejido.ledger.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tejido.ledger.Vectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tejido.ledger.Vectors;

/** RFC 8032 section 7.1 known answers: public key from seed, byte-exact signature, verification. */
class Rfc8032Test {

    static Stream<JsonNode> vectors() {
        JsonNode file = Vectors.json("vectors/ed25519/rfc8032_ed25519.json");
        List<JsonNode> all =
                StreamSupport.stream(file.get("vectors").spliterator(), false).toList();
        assertEquals(5, all.size());
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void knownAnswer(JsonNode v) {
        Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(hex(v.get("secretKey").asText()));
        byte[] message = hex(v.get("message").asText());
        assertEquals(v.get("messageLength").asInt(), message.length);
        assertEquals(v.get("publicKey").asText(), hex(pair.publicKey().toBytes()));

        byte[] signature = pair.sign(message);
        assertEquals(v.get("signature").asText(), hex(signature));

        Ed25519PublicKey publicKey = Ed25519PublicKey.of(hex(v.get("publicKey").asText()));
        assertTrue(publicKey.verify(message, signature));
        byte[] other = message.length == 0 ? new byte[] {0} : message.clone();
        other[0] ^= 1;
        assertFalse(publicKey.verify(other, signature));
    }
}
