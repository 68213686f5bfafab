package org.tejido.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.tejido.national.protection.Protector;
import org.tejido.national.protection.Sealed;

/**
 * Benchmark only: the node's {@link Protector} with a switch, so that recording attacks with encryption
 * on and off can be measured in the same run. On, every call goes to the node's own protector (bean
 * {@code protector}: AES-GCM, one data key per attack, created in the command's transaction). Off,
 * {@link #seal} creates no data key and encrypts nothing: the sealed data is {@code plain:} followed by
 * the base64 of the same JSON.
 *
 * <p>Deliberately not annotated as a component: the node scans {@code org.tejido}, and this class must
 * never be picked up by the application or by a test. Only {@link RecordAttackBenchmark}'s initializer
 * registers it, as the primary {@code Protector} of the benchmark's own node.
 */
final class SwitchableProtector implements Protector {
    static final String PLAIN_PREFIX = "plain:";

    private final Supplier<Protector> lookup;
    private volatile Protector resolved;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private volatile boolean encrypt = true;
    private final AtomicLong sealedEncrypted = new AtomicLong();
    private final AtomicLong sealedPlain = new AtomicLong();

    SwitchableProtector(Supplier<Protector> lookup) {
        this.lookup = lookup;
    }

    private Protector real() {
        Protector p = resolved;
        if (p == null) {
            p = lookup.get();
            resolved = p;
        }
        return p;
    }

    void encrypt(boolean on) {
        encrypt = on;
    }

    long sealedEncrypted() {
        return sealedEncrypted.get();
    }

    long sealedPlain() {
        return sealedPlain.get();
    }

    @Override
    public Sealed sealUnderNewKey(Object value) {
        if (encrypt) {
            sealedEncrypted.incrementAndGet();
            return real().sealUnderNewKey(value);
        }
        return seal("plain", value);
    }

    @Override
    public Sealed seal(String keyId, Object value) {
        if (encrypt) {
            sealedEncrypted.incrementAndGet();
            return real().seal(keyId, value);
        }
        try {
            sealedPlain.incrementAndGet();
            return new Sealed(keyId, PLAIN_PREFIX + Base64.getEncoder().encodeToString(json.writeValueAsBytes(value)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    @Override
    public <T> Optional<T> open(Sealed sealed, Class<T> type) {
        if (sealed == null || !sealed.data().startsWith(PLAIN_PREFIX)) {
            return real().open(sealed, type);
        }
        try {
            return Optional.of(
                    json.readValue(Base64.getDecoder().decode(sealed.data().substring(PLAIN_PREFIX.length())), type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void destroy(Collection<String> keyIds) {
        real().destroy(keyIds);
    }
}
