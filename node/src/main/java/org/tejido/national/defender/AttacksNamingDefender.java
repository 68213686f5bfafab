package org.tejido.national.defender;

import java.util.List;

/**
 * Every attack whose record has ever named a defender, read from the event store in the caller's
 * transaction (not from a projection that may lag): an erasure must not miss one.
 */
@FunctionalInterface
public interface AttacksNamingDefender {
    List<String> attackIds(String defenderCode);
}
