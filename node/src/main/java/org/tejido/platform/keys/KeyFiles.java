package org.tejido.platform.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tejido.platform.startup.StartupRefusal;

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
            return load(file, length, purpose);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read key file " + file, e);
        }
    }

    /** Reads an existing key file of exactly {@code length} bytes, refusing one that others can read. */
    public static byte[] load(Path file, int length, String purpose) throws IOException {
        if (readableByOthers(file)) {
            throw new StartupRefusal(
                    "Key file " + file + " (" + purpose + ") is readable by others / el archivo de clave " + file
                            + " es legible por otros usuarios.",
                    "Make it rw------- (chmod 600), or replace it if others may have read it / chmod 600, o"
                            + " reemplácelo si otros pudieron leerlo.",
                    StartupRefusal.CONFIGURATION);
        }
        byte[] key = Files.readAllBytes(file);
        if (key.length != length) {
            throw new StartupRefusal(
                    "Key file " + file + " (" + purpose + ") does not hold exactly " + length
                            + " bytes / el archivo de clave no tiene exactamente " + length + " bytes.",
                    "Restore it from its offline copy / restáurelo desde su copia fuera de línea.",
                    StartupRefusal.CONFIGURATION);
        }
        return key;
    }

    /**
     * Whether the file's permissions are anything but {@code rw-------} (on file systems without POSIX
     * permissions: never).
     *
     * @throws NoSuchFileException if there is no such file
     */
    public static boolean readableByOthers(Path file) throws IOException {
        return supportsPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY);
    }

    /**
     * Writes a new file readable only by this user, created with those permissions (never widened then
     * narrowed, so no other user can open it in between) and synced to disk.
     *
     * @throws FileAlreadyExistsException if the file exists: a key is never overwritten
     */
    public static void createOwnerOnly(Path file, byte[] content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (supportsPosix(parent)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
        }
        Files.write(file, content, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    }

    private static void create(Path file, int length, String purpose) throws IOException {
        byte[] key = new byte[length];
        RANDOM.nextBytes(key);
        try {
            createOwnerOnly(file, key);
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
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }
}
