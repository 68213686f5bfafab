package org.tejido.ledger.merkle;

import java.util.List;

/** Input checks shared by both verifiers, so both apply the same 32-byte policy. */
final class ProofChecks {

    private ProofChecks() {}

    static void requireHash(byte[] hash, String what) throws ProofException {
        if (!MerkleHash.isValid(hash)) {
            throw new ProofException(
                    ProofFailure.HASH_LENGTH,
                    what + " must be " + MerkleHash.SIZE + " bytes, got " + (hash == null ? "none" : hash.length));
        }
    }

    static void requireHashes(List<byte[]> proof) throws ProofException {
        if (proof == null) {
            throw new ProofException(ProofFailure.HASH_LENGTH, "proof is missing");
        }
        for (int i = 0; i < proof.size(); i++) {
            requireHash(proof.get(i), "proof element " + i);
        }
    }
}
