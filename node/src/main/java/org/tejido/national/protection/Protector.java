package org.tejido.national.protection;

import java.util.Collection;
import java.util.Optional;

/** Encrypts personal data at rest under per-subject data keys, and destroys keys to erase. */
public interface Protector {
    /** Encrypts {@code value} (any JSON-serializable value) under the subject's data key. */
    Sealed seal(String keyId, Object value);

    /**
     * As {@link #seal}, for a subject that has just come into being (a new attack): its key cannot exist
     * yet, so it is created without looking first. A key that does exist fails the transaction.
     */
    default Sealed sealNew(String keyId, Object value) {
        return seal(keyId, value);
    }

    /** The value, or nothing when its key has been destroyed (erased). */
    <T> Optional<T> open(Sealed sealed, Class<T> type);

    /** Crypto-shredding: after this, nothing sealed under these keys can be read again. */
    void destroy(Collection<String> keyIds);
}
