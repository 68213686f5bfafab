package org.tejido.platform.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secret keys kept in files readable only by the node's own user, outside the database, created on
 * first use. A file that others can read is refused: a key that leaked must be replaced, not used.
 */
public final class KeyFiles {
    private static final Logger log = LoggerFactory.getLogger(KeyFiles.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyFiles() {}

    public static byte[] loadOrCreate(Path file, int length, String purpose) {
        try {
            if (!Files.exists(file)) {
                create(file, length, purpose);
            }
            if (supportsPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                throw new IllegalStateException("Key file " + file + " (" + purpose + ") is readable by others;"
                        + " make it rw------- (chmod 600) or replace it / el archivo de clave " + file
                        + " es legible por otros usuarios: chmod 600 o reemplácelo");
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != length) {
                throw new IllegalStateException("Key file " + file + " (" + purpose + ") must hold exactly " + length
                        + " bytes / el archivo de clave debe tener exactamente " + length + " bytes");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read key file " + file, e);
        }
    }

    private static void create(Path file, int length, String purpose) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] key = new byte[length];
        RANDOM.nextBytes(key);
        try {
            if (supportsPosix(file.toAbsolutePath().getParent())) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
            Files.write(file, key, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            log.warn(
                    "Created a new {} at {} (readable only by this user). Keep a copy somewhere safe and separate"
                            + " from the database backups / Se creó una nueva clave ({}) en {}: guarde una copia en un"
                            + " lugar seguro, separado de las copias de la base de datos.",
                    purpose,
                    file.toAbsolutePath(),
                    purpose,
                    file.toAbsolutePath());
        } catch (FileAlreadyExistsException e) {
            // Another process created it meanwhile: use theirs.
        }
    }

    private static boolean supportsPosix(Path path) {
        return Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class) != null;
    }
}
