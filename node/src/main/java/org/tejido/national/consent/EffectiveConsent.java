package org.tejido.national.consent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The scope under which an attack may leave the node right now: its own active consent if it has one;
 * otherwise the most restrictive of its defenders' (a defender without an active consent counts as
 * {@code none}); an attack with neither: {@code none}. Deny by default.
 */
@Component
public class EffectiveConsent {
    private final JdbcTemplate jdbc;

    EffectiveConsent(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A consent a coordinator is about to record, not yet sent: what it would make of an attack's
     * effective consent is previewed before she confirms it.
     */
    public record Proposal(ConsentSubject subject, SharingScope scope, String publicName, String publicSummary) {}

    public EffectiveConsentView forAttack(String attackId) {
        return forAttack(attackId, null);
    }

    /**
     * The effective consent as it would be if {@code proposal} replaced its subject's active consent
     * (null: as it is). The rule is the same one, so the preview cannot drift from what is shared.
     */
    public EffectiveConsentView forAttack(String attackId, Proposal proposal) {
        List<Active> own = active(ConsentSubject.ATTACK, attackId, proposal);
        if (!own.isEmpty()) {
            Active grant = own.get(0);
            return new EffectiveConsentView(
                    attackId, grant.scope().code(), "attack", grant.publicName(), grant.publicSummary());
        }
        List<String> defenders = jdbc.queryForList(
                "SELECT defender_code FROM consent_attack_defender WHERE attack_id = ? ORDER BY defender_code",
                String.class,
                UUID.fromString(attackId));
        if (defenders.isEmpty()) {
            return new EffectiveConsentView(attackId, SharingScope.NONE.code(), "default", null, null);
        }
        List<Active> grants = new ArrayList<>();
        List<Optional<SharingScope>> scopes = new ArrayList<>();
        for (String code : defenders) {
            List<Active> theirs = active(ConsentSubject.DEFENDER, code, proposal);
            scopes.add(theirs.stream().findFirst().map(Active::scope));
            grants.addAll(theirs);
        }
        SharingScope scope = SharingScope.effective(Optional.empty(), scopes);
        if (scope != SharingScope.PUBLIC) {
            return new EffectiveConsentView(attackId, scope.code(), "defenders", null, null);
        }
        return new EffectiveConsentView(
                attackId,
                scope.code(),
                "defenders",
                joined(grants.stream().map(Active::publicName).toList()),
                joined(grants.stream().map(Active::publicSummary).toList()));
    }

    /** The scope of the subject's active consent, if it has one. */
    public Optional<SharingScope> activeScope(ConsentSubject subject) {
        return active(subject.kind(), subject.id(), null).stream().findFirst().map(Active::scope);
    }

    /** The attacks whose record names this defender now, in a stable order, at most {@code limit}. */
    public List<String> attacksNaming(String defenderCode, int limit) {
        return jdbc.queryForList(
                "SELECT attack_id::text FROM consent_attack_defender WHERE defender_code = ?"
                        + " ORDER BY attack_id LIMIT ?",
                String.class,
                defenderCode,
                limit);
    }

    /** How many attacks name this defender now. */
    public int countAttacksNaming(String defenderCode) {
        Integer n = jdbc.queryForObject(
                "SELECT count(*) FROM consent_attack_defender WHERE defender_code = ?", Integer.class, defenderCode);
        return n == null ? 0 : n;
    }

    private List<Active> active(String kind, String id, Proposal proposal) {
        if (proposal != null
                && proposal.subject().kind().equals(kind)
                && proposal.subject().id().equals(id)) {
            return List.of(new Active(proposal.scope(), proposal.publicName(), proposal.publicSummary()));
        }
        return jdbc.query(
                "SELECT scope, public_name, public_summary FROM consent_state"
                        + " WHERE subject_kind = ? AND subject_id = ? AND status = 'active'",
                (rs, n) -> new Active(SharingScope.fromCode(rs.getString(1)), rs.getString(2), rs.getString(3)),
                kind,
                id);
    }

    private static String joined(List<String> values) {
        List<String> present = values.stream().filter(Objects::nonNull).toList();
        return present.isEmpty() ? null : String.join("; ", present);
    }

    private record Active(SharingScope scope, String publicName, String publicSummary) {}
}
