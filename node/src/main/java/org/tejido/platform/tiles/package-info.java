/**
 * Serving a log to auditors in the C2SP tlog-tiles layout, with inclusion and consistency proofs: what the
 * node's own log ({@code national.sharing}) and each origin's copy at the aggregator ({@code regional.tiles})
 * answer alike. The addresses and formats are specified in docs/auditing.md.
 */
package org.tejido.platform.tiles;
