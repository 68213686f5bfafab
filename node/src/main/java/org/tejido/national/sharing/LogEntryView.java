package org.tejido.national.sharing;

/**
 * One entry of the node's federation log as an auditor receives it: the exact leaf bytes and the
 * content beside it, base64; payload and salt are null once retracted or erased.
 */
public record LogEntryView(long index, String leaf, String payload, String salt) {}
