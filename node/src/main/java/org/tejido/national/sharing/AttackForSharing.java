package org.tejido.national.sharing;

import org.tejido.national.attack.AttackFacts;
import org.tejido.national.attack.Classification;

/**
 * Everything the node knows about an attack that minimization may draw from. It holds identifying
 * data; it never leaves the node: only a {@link SharedAttack} does.
 *
 * @param sharingSummary the summary a registrar wrote for sharing (case and public scopes)
 * @param publicName what the defender or her family made public (public scope only)
 * @param publicSummary idem
 */
public record AttackForSharing(
        String attackId,
        AttackFacts facts,
        Classification classification,
        String sharingSummary,
        String publicName,
        String publicSummary) {}
