package org.tejido.national.attack;

/**
 * The parts of an attack's record that can identify people: the municipality and the narrative. They
 * are sealed under the attack's data key in events and projections, and never shared.
 */
public record AttackPersonalData(String municipality, String narrative) {
    @Override
    public String toString() {
        return "AttackPersonalData[redacted]";
    }
}
