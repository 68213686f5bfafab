package org.tejido.ledger.merkle;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link InclusionVerifier} with index, tree size, leaf hash, root and proof elements from outside
 * (docs/fuzzing.md): it either accepts or throws {@link ProofException}, never another exception, and
 * {@code isValid} agrees with {@code verify}. Seeds: the transparency-dev/merkle inclusion vectors
 * (FUZZ-SEEDS-LICENSE.md).
 */
class InclusionVerifierFuzzTest {

    @FuzzTest
    void verify(byte[] bytes) {
        ProofInput in = ProofInput.read(bytes);
        boolean verified;
        try {
            InclusionVerifier.verify(in.first(), in.second(), in.hashA(), in.proof(), in.hashB());
            verified = true;
        } catch (ProofException e) {
            if (e.failure() == null) {
                throw new AssertionError("a proof exception without its failure", e);
            }
            verified = false;
        }
        if (verified != InclusionVerifier.isValid(in.first(), in.second(), in.hashA(), in.proof(), in.hashB())) {
            throw new AssertionError("isValid disagrees with verify");
        }
        if (verified
                && (in.first() < 0 || in.first() >= in.second() || in.proof().size() > 64)) {
            throw new AssertionError("accepted index " + in.first() + " in a tree of " + in.second() + " with "
                    + in.proof().size() + " proof elements");
        }
    }
}
