package org.tejido.national.push;

/**
 * One log entry as it is sent: the leaf exactly as stored, and the payload and salt beside it (both
 * empty once erased or retracted, never null).
 */
public record PushEntry(byte[] leaf, byte[] payload, byte[] salt) {
    private static final byte[] NOTHING = new byte[0];

    public PushEntry {
        payload = payload == null ? NOTHING : payload;
        salt = salt == null ? NOTHING : salt;
    }
}
