package org.tejido.national.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tejido.ledger.note.NoteException;
import org.tejido.ledger.note.SignedNote;
import org.tejido.ledger.note.WitnessKey;

/**
 * Keeps a confirmation's cosigned checkpoint only if the configured witness (the aggregator's key,
 * {@code tejido.federation.witness-key}) really cosigned it. The stored size is kept either way: it is
 * what the aggregator says it holds, and the next push starts there; a note without a valid
 * cosignature is not evidence, so it is not kept as such, and it is a security event.
 */
final class WitnessCheckedStateStore implements PushStateStore {
    private static final Logger log = LoggerFactory.getLogger(WitnessCheckedStateStore.class);

    private final PushStateStore store;
    private final WitnessKey witness;
    private final Counter refused;

    WitnessCheckedStateStore(PushStateStore store, WitnessKey witness, MeterRegistry registry) {
        this.store = store;
        this.witness = witness;
        this.refused = Counter.builder("tejido.federation.push.cosignatures.refused")
                .description("Confirmations whose checkpoint the configured witness did not validly cosign")
                .register(registry);
    }

    @Override
    public void record(String origin, long storedSize, String cosignedNote) {
        if (cosignedNote == null || cosigned(cosignedNote)) {
            store.record(origin, storedSize, cosignedNote);
            return;
        }
        refused.increment();
        log.warn(
                "SECURITY federation witness cosignature missing or invalid: origin={} size={} witness={}",
                origin,
                storedSize,
                witness.name());
        store.record(origin, storedSize, null);
    }

    private boolean cosigned(String note) {
        try {
            return witness.cosigned(SignedNote.parse(note));
        } catch (NoteException e) {
            return false;
        }
    }
}
