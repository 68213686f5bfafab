/**
 * The federation log in the C2SP tlog-tiles layout (c2sp.org/tlog-tiles): tile addresses and their paths,
 * which tiles a tree of a given size has, tile hashes, subtree hashes and RFC 9162 proofs computed from
 * them, and entry bundles. Pure Java over a source of leaf hashes the caller provides; no I/O of its own.
 * The layout served is specified in docs/auditing.md.
 */
package org.tejido.ledger.tiles;
