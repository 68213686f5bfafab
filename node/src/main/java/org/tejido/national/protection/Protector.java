package org.tejido.national.protection;

import java.util.Collection;
import java.util.Optional;

/** Encrypts personal data at rest under per-subject data keys, and destroys keys to erase. */
public interface Protector {
    /** Encrypts {@code value} (any JSON-serializable value) under the subject's data key. */
    Sealed seal(String keyId, Object value);

    /** The value, or nothing when its key has been destroyed (erased). */
    <T> Optional<T> open(Sealed sealed, Class<T> type);

    /** Crypto-shredding: after this, nothing sealed under these keys can be read again. */
    void destroy(Collection<String> keyIds);
}
