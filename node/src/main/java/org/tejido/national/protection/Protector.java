package org.tejido.national.protection;

import java.util.Collection;
import java.util.Optional;

/** Encrypts personal data at rest under per-subject data keys, and destroys keys to erase. */
public interface Protector {
    /** Encrypts {@code value} (any JSON-serializable value) under the subject's data key. */
    Sealed seal(String keyId, Object value);

    /**
     * Encrypts {@code value} under a data key of its own, for a subject that has just come into being (a
     * new attack). The key's id, in the result, is what later seals, opens and erasures of that subject
     * use.
     */
    Sealed sealUnderNewKey(Object value);

    /** The value, or nothing when its key has been destroyed (erased). */
    <T> Optional<T> open(Sealed sealed, Class<T> type);

    /** Crypto-shredding: after this, nothing sealed under these keys can be read again. */
    void destroy(Collection<String> keyIds);
}
