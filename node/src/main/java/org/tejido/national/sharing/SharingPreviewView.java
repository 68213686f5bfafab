package org.tejido.national.sharing;

/** @param shared what would leave the node; null when the scope is {@code none} */
public record SharingPreviewView(String attackId, String scope, String source, SharedAttack shared) {}
