package org.tejido.national.defender;

import java.util.List;

/**
 * Every attack whose record has ever named a defender, and the data keys their personal data was ever
 * sealed under, read from the event store in the caller's transaction (not from a projection that may
 * lag): an erasure must not miss one.
 */
public interface AttacksNamingDefender {
    List<String> attackIds(String defenderCode);

    List<String> dataKeys(List<String> attackIds);
}
