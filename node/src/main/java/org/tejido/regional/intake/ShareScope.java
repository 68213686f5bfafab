package org.tejido.regional.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The scope a share was minimized for: its content's top-level {@code scope}, at most 16 characters;
 * {@code unknown} when absent, not text, too long, or when the content is not well-formed JSON.
 * Read with the streaming parser, without building a tree of the share: this runs for every stored
 * entry, and only one field of the share is wanted.
 */
final class ShareScope {
    static final String UNKNOWN = "unknown";
    private static final int MAX_LENGTH = 16;
    private static final JsonFactory JSON = new JsonFactory();

    private ShareScope() {}

    static String of(byte[] share) {
        try (JsonParser parser = JSON.createParser(share)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return UNKNOWN;
            }
            String scope = UNKNOWN;
            // The whole object is read, not only up to the scope: malformed content has no scope.
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean isScope = "scope".equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (isScope) {
                    // A repeated key: the last one counts, as when the share is read as a tree.
                    scope = value == JsonToken.VALUE_STRING && parser.getTextLength() <= MAX_LENGTH
                            ? parser.getText()
                            : UNKNOWN;
                } else {
                    parser.skipChildren();
                }
            }
            return scope;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
