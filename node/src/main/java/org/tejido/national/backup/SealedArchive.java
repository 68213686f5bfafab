package org.tejido.national.backup;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.tejido.national.protection.MasterKey;

/**
 * The encryption of a backup archive (docs/backup-format.md): a clear header naming the format, the
 * master key and a random salt, then the content in chunks of AES-256-GCM under a key derived from the
 * master key and the salt. Each chunk's nonce is its number and whether it is the last one, and the
 * header is authenticated with every chunk: chunks cannot be reordered, dropped, cut short or moved to
 * another archive without failing to open.
 */
final class SealedArchive {
    static final byte[] MAGIC = "tejido-backup/v1".getBytes(StandardCharsets.US_ASCII);
    static final String KEY_INFO = "tejido/v1/backup";
    static final int CHUNK = 1 << 20;
    private static final int TAG = 16;
    private static final int SALT = 32;
    private static final int KEY_ID = 16;
    static final int HEADER = MAGIC.length + KEY_ID + SALT + Integer.BYTES;

    private SealedArchive() {}

    /** The archive could not be opened: not one, damaged, altered, cut short, or another master key's. */
    static final class Unreadable extends IOException {
        private static final long serialVersionUID = 1L;
        private final boolean otherMasterKey;

        Unreadable(String reason, boolean otherMasterKey) {
            super(reason);
            this.otherMasterKey = otherMasterKey;
        }

        boolean otherMasterKey() {
            return otherMasterKey;
        }
    }

    /** Writes the header now; what is written to the answer is sealed, the last chunk on close. */
    static OutputStream seal(OutputStream target, MasterKey master) throws IOException {
        byte[] salt = new byte[SALT];
        new SecureRandom().nextBytes(salt);
        byte[] header = ByteBuffer.allocate(HEADER)
                .put(MAGIC)
                .put(master.id().getBytes(StandardCharsets.US_ASCII))
                .put(salt)
                .putInt(CHUNK)
                .array();
        target.write(header);
        return new Sealing(target, master.derive(salt, KEY_INFO), header);
    }

    /** Reads and checks the header; the answer gives the content, each chunk checked before use. */
    static InputStream open(InputStream source, MasterKey master) throws IOException {
        byte[] header = new byte[HEADER];
        try {
            new DataInputStream(source).readFully(header);
        } catch (EOFException e) {
            throw new Unreadable(
                    "not a Tejido backup archive (too short) / no es un archivo de respaldo de Tejido", false);
        }
        ByteBuffer fields = ByteBuffer.wrap(header);
        byte[] magic = new byte[MAGIC.length];
        fields.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new Unreadable("not a Tejido backup archive of format v1 / no es un respaldo de Tejido v1", false);
        }
        byte[] keyId = new byte[KEY_ID];
        fields.get(keyId);
        String archiveKey = new String(keyId, StandardCharsets.US_ASCII);
        if (!archiveKey.equals(master.id())) {
            throw new Unreadable(
                    "the archive was made under master key " + archiveKey + ", this one is " + master.id()
                            + " / el respaldo se hizo con la clave maestra " + archiveKey + ", esta es "
                            + master.id(),
                    true);
        }
        byte[] salt = new byte[SALT];
        fields.get(salt);
        if (fields.getInt() != CHUNK) {
            throw new Unreadable("the archive's chunk size is not v1's / tamaño de bloque inválido", false);
        }
        return new Opening(new PushbackInputStream(source, 1), master.derive(salt, KEY_INFO), header);
    }

    private static byte[] nonce(long chunk, boolean last) {
        // 11 bytes of chunk number, then 1 if this is the last chunk (as in the STREAM construction).
        return ByteBuffer.allocate(12)
                .put(new byte[3])
                .putLong(chunk)
                .put((byte) (last ? 1 : 0))
                .array();
    }

    private static Cipher cipher(int mode, SecretKey key, long chunk, boolean last, byte[] header) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG * 8, nonce(chunk, last)));
            cipher.updateAAD(header);
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static final class Sealing extends OutputStream {
        private final OutputStream target;
        private final SecretKey key;
        private final byte[] header;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream(CHUNK);
        private long chunk;
        private boolean closed;

        Sealing(OutputStream target, SecretKey key, byte[] header) {
            this.target = target;
            this.key = key;
            this.header = header;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                // A full chunk is sealed only when more follows: the last one must carry the last flag.
                if (pending.size() == CHUNK) {
                    sealPending(false);
                }
                int taken = Math.min(length, CHUNK - pending.size());
                pending.write(bytes, offset, taken);
                offset += taken;
                length -= taken;
            }
        }

        private void sealPending(boolean last) throws IOException {
            try {
                target.write(
                        cipher(Cipher.ENCRYPT_MODE, key, chunk++, last, header).doFinal(pending.toByteArray()));
            } catch (GeneralSecurityException e) {
                throw new IOException("Cannot seal the archive", e);
            }
            pending.reset();
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                sealPending(true);
                target.close();
            }
        }
    }

    private static final class Opening extends InputStream {
        private final PushbackInputStream source;
        private final SecretKey key;
        private final byte[] header;
        private byte[] plain = new byte[0];
        private int position;
        private long chunk;
        private boolean last;

        Opening(PushbackInputStream source, SecretKey key, byte[] header) {
            this.source = source;
            this.key = key;
            this.header = header;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            while (position == plain.length) {
                if (last) {
                    return -1;
                }
                next();
            }
            int given = Math.min(length, plain.length - position);
            System.arraycopy(plain, position, into, offset, given);
            position += given;
            return given;
        }

        private void next() throws IOException {
            byte[] sealed = source.readNBytes(CHUNK + TAG);
            boolean end;
            if (sealed.length < CHUNK + TAG) {
                end = true;
            } else {
                int following = source.read();
                end = following < 0;
                if (!end) {
                    source.unread(following);
                }
            }
            if (sealed.length < TAG) {
                throw new Unreadable("the archive is cut short / el respaldo está incompleto", false);
            }
            try {
                plain = cipher(Cipher.DECRYPT_MODE, key, chunk++, end, header).doFinal(sealed);
            } catch (GeneralSecurityException e) {
                throw new Unreadable(
                        "the archive is damaged, altered or cut short (chunk " + (chunk - 1) + ") / el respaldo"
                                + " está dañado, alterado o incompleto",
                        false);
            }
            position = 0;
            last = end;
        }
    }
}
