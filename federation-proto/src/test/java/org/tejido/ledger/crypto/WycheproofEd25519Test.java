package org.tejido.ledger.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.tejido.ledger.Vectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tejido.ledger.Vectors;

/** Every Wycheproof Ed25519 verification case (C2SP/wycheproof, Apache-2.0) through our pinned verifier. */
class WycheproofEd25519Test {

    record Case(int tcId, String comment, String publicKey, String message, String signature, boolean valid) {
        @Override
        public String toString() {
            return "tcId " + tcId + " " + (valid ? "valid" : "invalid") + ": " + comment;
        }
    }

    static List<Case> cases() {
        JsonNode file = Vectors.json("vectors/ed25519/wycheproof_ed25519_test.json");
        List<Case> out = new ArrayList<>();
        for (JsonNode group : file.get("testGroups")) {
            String pk = group.get("publicKey").get("pk").asText();
            for (JsonNode t : group.get("tests")) {
                out.add(new Case(
                        t.get("tcId").asInt(),
                        t.get("comment").asText(),
                        pk,
                        t.get("msg").asText(),
                        t.get("sig").asText(),
                        "valid".equals(t.get("result").asText())));
            }
        }
        assertEquals(file.get("numberOfTests").asInt(), out.size());
        return out;
    }

    static Stream<Arguments> allCases() {
        return cases().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void verdictMatches(Case c) {
        Ed25519PublicKey key = Ed25519PublicKey.of(hex(c.publicKey()));
        assertEquals(c.valid(), key.verify(hex(c.message()), hex(c.signature())));
    }

    @Test
    void exactly88ValidAnd63InvalidAreReproduced() {
        List<Case> all = cases();
        long expectedValid = all.stream().filter(Case::valid).count();
        assertEquals(88, expectedValid);
        assertEquals(63, all.size() - expectedValid);
        long acceptedValid = 0;
        long rejectedInvalid = 0;
        for (Case c : all) {
            boolean ok = Ed25519PublicKey.of(hex(c.publicKey())).verify(hex(c.message()), hex(c.signature()));
            if (ok && c.valid()) {
                acceptedValid++;
            } else if (!ok && !c.valid()) {
                rejectedInvalid++;
            }
        }
        assertEquals(88, acceptedValid);
        assertEquals(63, rejectedInvalid);
    }

    @Test
    void paddedSignatureOfTcId37IsRejected() {
        // The JDK's SunEC accepts this 65-byte signature; we must not.
        Case c = cases().stream().filter(x -> x.tcId() == 37).findFirst().orElseThrow();
        assertEquals(65, hex(c.signature()).length, "tcId 37 is the 65-byte case");
        assertFalse(Ed25519PublicKey.of(hex(c.publicKey())).verify(hex(c.message()), hex(c.signature())));
    }
}
