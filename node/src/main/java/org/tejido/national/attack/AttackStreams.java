package org.tejido.national.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tejido.national.defender.AttacksNamingDefender;
import org.tejido.platform.axon.AggregateStreams;

/** What an erasure needs from attacks' event streams: which named the defender, and under which keys. */
class AttackStreams implements AttacksNamingDefender {
    private static final List<String> SEALING_EVENTS =
            List.of(AttackRecordedEvent.class.getName(), AttackCorrectedEvent.class.getName());

    private final AggregateStreams streams;
    private final ObjectMapper json = new ObjectMapper();

    AttackStreams(AggregateStreams streams) {
        this.streams = streams;
    }

    /** Attacks whose recorded or corrected facts ever named the defender. */
    @Override
    public List<String> attackIds(String defenderCode) {
        return streams.aggregatesMentioning(SEALING_EVENTS, "\"" + defenderCode + "\"");
    }

    /** Every key named by the attacks' sealed personal data (field {@code personal.keyId} of the events). */
    @Override
    public List<String> dataKeys(List<String> attackIds) {
        Set<String> keys = new LinkedHashSet<>();
        for (String attackId : attackIds) {
            for (byte[] payload : streams.payloads(attackId, SEALING_EVENTS)) {
                JsonNode keyId = read(payload).path("personal").path("keyId");
                if (!keyId.isTextual()) {
                    throw new IllegalStateException("An event of attack " + attackId + " names no data key");
                }
                keys.add(keyId.asText());
            }
        }
        return List.copyOf(keys);
    }

    private JsonNode read(byte[] payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
