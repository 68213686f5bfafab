package org.tejido.national.attack;

/** Whether an attack has been recorded; other aggregates refer to attacks through it. */
@FunctionalInterface
public interface AttackDirectory {
    boolean isRecorded(String attackId);
}
