package org.tejido.regional.statistics.generator;

import java.util.Optional;
import java.util.UUID;

/**
 * One entry of a synthetic origin's log: a share or an amendment of a record (with the attack it
 * shares) or the revocation of its consent (nothing shared).
 */
public record SyntheticEntry(Kind kind, UUID record, Optional<SyntheticAttack> attack) {
    public enum Kind {
        SHARE,
        AMEND,
        REVOKE
    }

    static SyntheticEntry share(SyntheticAttack attack) {
        return new SyntheticEntry(Kind.SHARE, attack.record(), Optional.of(attack));
    }

    static SyntheticEntry amend(SyntheticAttack attack) {
        return new SyntheticEntry(Kind.AMEND, attack.record(), Optional.of(attack));
    }

    static SyntheticEntry revoke(UUID record) {
        return new SyntheticEntry(Kind.REVOKE, record, Optional.empty());
    }

    /** The content sent beside the entry: the share's JSON, or empty for a revocation. */
    public String content() {
        return attack.map(SyntheticAttack::json).orElse("");
    }
}
