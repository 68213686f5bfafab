package org.tejido.platform.axon;

import org.axonframework.messaging.Message;

/**
 * Who asked for a change: the name of the signed-in user (an API token's user or a page's session
 * user) that a command carries in its metadata and the events it causes carry in theirs, so a case's
 * history can say by whom. Staff, never a defender; and only in the node's own event store: what the
 * federation log shares is built from events' payloads, never their metadata.
 */
public final class RecordedBy {
    /** The metadata entry's name, in commands and events alike. */
    public static final String KEY = "user";

    private RecordedBy() {}

    /** The user's name; null when the message was sent by nobody signed in (the node itself, or before names were recorded). */
    public static String of(Message<?> message) {
        Object name = message.getMetaData().get(KEY);
        return name instanceof String text && !text.isBlank() ? text : null;
    }
}
