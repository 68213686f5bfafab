/**
 * Every origin's log as the aggregator stored it, served to auditors in the C2SP tlog-tiles layout with the
 * aggregator's cosigned checkpoint and proofs: the read model {@link OriginTilesProjection} (leaves and the
 * latest cosigned checkpoint, from the intake's events) and {@link OriginTilesController}. Addresses,
 * the origin's encoding in them and the formats: docs/auditing.md.
 */
package org.tejido.regional.tiles;
