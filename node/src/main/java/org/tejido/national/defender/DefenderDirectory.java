package org.tejido.national.defender;

/** Whether a defender's pseudonymous code is registered; attacks refer to defenders through it. */
@FunctionalInterface
public interface DefenderDirectory {
    boolean isRegistered(String code);
}
