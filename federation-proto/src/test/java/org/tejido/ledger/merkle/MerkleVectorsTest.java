package org.tejido.ledger.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tejido.ledger.Vectors;

/** Every inclusion and consistency vector of transparency-dev/merkle testdata (Apache-2.0). */
class MerkleVectorsTest {

    private static final String BASE = "vectors/merkle-rfc6962/testdata/";

    /**
     * This file uses 12-byte placeholder roots ("don't care 2") and expects success because the Go verifier
     * only compares bytes. Our policy is that every hash is exactly 32 bytes, so we reject it on purpose.
     */
    private static final String TWELVE_BYTE_ROOTS =
            BASE + "consistency/additional/sizes-are-equal-one-and-proof-is-empty.json";

    static Stream<String> inclusionFiles() {
        return Vectors.jsonFilesUnder(BASE + "inclusion").stream();
    }

    static Stream<String> consistencyFiles() {
        return Vectors.jsonFilesUnder(BASE + "consistency").stream().filter(f -> !f.equals(TWELVE_BYTE_ROOTS));
    }

    @Test
    void allVectorFilesAreCovered() {
        int inclusion = Vectors.jsonFilesUnder(BASE + "inclusion").size();
        int consistency = Vectors.jsonFilesUnder(BASE + "consistency").size();
        assertEquals(196, inclusion + consistency, "the vectors README promises 196 JSON files");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inclusionFiles")
    void inclusionVector(String file) {
        JsonNode v = Vectors.json(file);
        boolean valid = InclusionVerifier.isValid(
                v.get("leafIdx").asLong(),
                v.get("treeSize").asLong(),
                b64(v.get("leafHash")),
                proof(v.get("proof")),
                b64(v.get("root")));
        assertEquals(!v.get("wantErr").asBoolean(), valid, v.get("desc").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consistencyFiles")
    void consistencyVector(String file) {
        JsonNode v = Vectors.json(file);
        boolean valid = ConsistencyVerifier.isValid(
                v.get("size1").asLong(),
                v.get("size2").asLong(),
                proof(v.get("proof")),
                b64(v.get("root1")),
                b64(v.get("root2")));
        assertEquals(!v.get("wantErr").asBoolean(), valid, v.get("desc").asText());
    }

    @Test
    void twelveByteRootsAreRejectedByPolicyAlthoughTheVectorExpectsSuccess() {
        JsonNode v = Vectors.json(TWELVE_BYTE_ROOTS);
        assertFalse(v.get("wantErr").asBoolean(), "upstream expects success for this file");
        byte[] root = b64(v.get("root1"));
        assertEquals(12, root.length);
        ProofException e = assertThrows(
                ProofException.class,
                () -> ConsistencyVerifier.verify(
                        v.get("size1").asLong(),
                        v.get("size2").asLong(),
                        proof(v.get("proof")),
                        root,
                        b64(v.get("root2"))));
        assertEquals(ProofFailure.HASH_LENGTH, e.failure());
    }

    @Test
    void happyPathVectorsExistInBothSets() {
        // Guards against a loader that silently reads nothing: some vectors must expect success.
        assertNotEquals(
                0,
                inclusionFiles()
                        .filter(f -> !Vectors.json(f).get("wantErr").asBoolean())
                        .count());
        assertNotEquals(
                0,
                consistencyFiles()
                        .filter(f -> !Vectors.json(f).get("wantErr").asBoolean())
                        .count());
    }

    private static byte[] b64(JsonNode node) {
        return Base64.getDecoder().decode(node.asText());
    }

    private static List<byte[]> proof(JsonNode node) {
        List<byte[]> out = new ArrayList<>();
        if (node != null && !node.isNull()) {
            node.forEach(p -> out.add(b64(p)));
        }
        return out;
    }
}
