/**
 * The national node's side of the federation protocol (docs/federation-protocol.md): pushes its signed
 * log to the regional aggregator in batches, each with a durable checkpoint of its size, and resumes
 * exactly at the size the aggregator says it stored. It only carries what the log already holds.
 */
package org.tejido.national.push;
