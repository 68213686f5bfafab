package org.tejido.national.sharing;

/** What may leave the node about one attack, one record type per consent scope. */
public sealed interface SharedAttack permits StatisticsShare, CaseShare, PublicShare {
    String scope();
}
