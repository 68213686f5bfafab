package org.tejido.regional.tiles;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * An origin as one path segment: base64url without padding (RFC 4648 section 5) of its UTF-8 bytes, since
 * origins hold {@code /}. Only the canonical spelling is read back, so one origin has one address.
 */
final class OriginId {
    /** An origin has at most 255 bytes: 340 characters. */
    private static final int MAX_LENGTH = 340;

    private OriginId() {}

    static String of(String origin) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(origin.getBytes(StandardCharsets.UTF_8));
    }

    static Optional<String> origin(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!allowed) {
                return Optional.empty();
            }
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String origin = new String(bytes, StandardCharsets.UTF_8);
        return of(origin).equals(id) ? Optional.of(origin) : Optional.empty();
    }
}
