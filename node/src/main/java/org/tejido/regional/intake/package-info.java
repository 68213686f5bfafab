/**
 * The regional aggregator's intake: what it accepts from a national node's log, and why it refuses
 * the rest. Verification is pure (the ledger only), so every refusal can be tested without a network.
 */
package org.tejido.regional.intake;
