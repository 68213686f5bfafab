package org.tejido.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.tejido.national.protection.Protector;
import org.tejido.national.protection.Sealed;

/**
 * A deterministic stand-in for aggregate unit tests only, so that expected events can be written
 * out: it does NOT encrypt. Real encryption is tested against the database in the integration tests.
 */
public final class FakeProtector implements Protector {
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final Set<String> destroyed = new LinkedHashSet<>();

    @Override
    public Sealed seal(String keyId, Object value) {
        try {
            return new Sealed(keyId, "fake:" + json.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The key is named after the value, so that a test can write out the event it expects. */
    @Override
    public Sealed sealUnderNewKey(Object value) {
        try {
            return seal("key:" + UUID.nameUUIDFromBytes(json.writeValueAsBytes(value)), value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public <T> Optional<T> open(Sealed sealed, Class<T> type) {
        if (sealed == null || destroyed.contains(sealed.keyId())) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(sealed.data().substring("fake:".length()), type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void destroy(Collection<String> keyIds) {
        destroyed.addAll(keyIds);
    }

    public Set<String> destroyed() {
        return destroyed;
    }
}
