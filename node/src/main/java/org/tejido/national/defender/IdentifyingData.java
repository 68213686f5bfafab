package org.tejido.national.defender;

import java.util.List;

/**
 * Personal data that identifies a defender. Kept apart from everything else, in its own events, so
 * that it can be encrypted and erased without touching the rest of the model. Never logged: its
 * {@code toString} hides the values.
 */
public record IdentifyingData(String fullName, List<String> contacts, String exactAddress) {
    public IdentifyingData {
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
    }

    @Override
    public String toString() {
        return "IdentifyingData[redacted]";
    }
}
