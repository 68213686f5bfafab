package org.tejido.national.defender;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Her data key and those of {@code attackIds} were destroyed in the same transaction as this event:
 * everything sealed under them is unreadable from now on, in the store and in any later backup.
 */
@Revision("1")
public record DefenderErasedEvent(String code, List<String> attackIds, String reason) implements DefenderEvent {
    public DefenderErasedEvent {
        attackIds = List.copyOf(attackIds);
    }
}
