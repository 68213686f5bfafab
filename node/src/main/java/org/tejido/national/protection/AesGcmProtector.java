package org.tejido.national.protection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;

/** {@link Protector} with AES-256-GCM and per-subject data keys from the {@link DataKeyStore}. */
class AesGcmProtector implements Protector {
    private final DataKeyStore keys;
    private final DataKeyReserve reserve;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    AesGcmProtector(DataKeyStore keys, DataKeyReserve reserve) {
        this.keys = keys;
        this.reserve = reserve;
    }

    @Override
    public Sealed seal(String keyId, Object value) {
        return seal(keyId, keys.getOrCreate(keyId), value);
    }

    @Override
    public Sealed sealUnderNewKey(Object value) {
        DataKeyStore.NewKey fresh = reserve.take();
        return seal(fresh.keyId(), fresh.key(), value);
    }

    private Sealed seal(String keyId, SecretKey key, Object value) {
        try {
            byte[] plaintext = json.writeValueAsBytes(value);
            byte[] sealed = AesGcm.encrypt(key, plaintext, keyId.getBytes(StandardCharsets.UTF_8));
            return new Sealed(keyId, Base64.getEncoder().encodeToString(sealed));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    @Override
    public <T> Optional<T> open(Sealed sealed, Class<T> type) {
        if (sealed == null) {
            return Optional.empty();
        }
        Optional<SecretKey> key = keys.find(sealed.keyId());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] plaintext = AesGcm.decrypt(
                    key.get(),
                    Base64.getDecoder().decode(sealed.data()),
                    sealed.keyId().getBytes(StandardCharsets.UTF_8));
            return Optional.of(json.readValue(plaintext, type));
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("Sealed data under " + sealed.keyId() + " does not authenticate");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void destroy(Collection<String> keyIds) {
        keys.destroy(keyIds);
    }
}
