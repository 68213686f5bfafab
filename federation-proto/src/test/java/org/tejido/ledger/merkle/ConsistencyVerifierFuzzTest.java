package org.tejido.ledger.merkle;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link ConsistencyVerifier} with sizes, roots and proof elements from outside (a node's
 * consistency proof in a pushed batch, docs/fuzzing.md): it either accepts or throws
 * {@link ProofException}, never another exception, and {@code isValid} agrees with {@code verify}.
 * Seeds: the transparency-dev/merkle consistency vectors (FUZZ-SEEDS-LICENSE.md).
 */
class ConsistencyVerifierFuzzTest {

    @FuzzTest
    void verify(byte[] bytes) {
        ProofInput in = ProofInput.read(bytes);
        boolean verified;
        try {
            ConsistencyVerifier.verify(in.first(), in.second(), in.proof(), in.hashA(), in.hashB());
            verified = true;
        } catch (ProofException e) {
            if (e.failure() == null) {
                throw new AssertionError("a proof exception without its failure", e);
            }
            verified = false;
        }
        if (verified != ConsistencyVerifier.isValid(in.first(), in.second(), in.proof(), in.hashA(), in.hashB())) {
            throw new AssertionError("isValid disagrees with verify");
        }
        if (verified
                && (in.first() <= 0 || in.second() < in.first() || in.proof().size() > 64)) {
            throw new AssertionError("accepted sizes " + in.first() + " -> " + in.second() + " with "
                    + in.proof().size() + " proof elements");
        }
    }
}
