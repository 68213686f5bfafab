package org.tejido.platform.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The node's users and their tokens, in the table {@code node_user} of the node's own database. A
 * token is shown once, when it is issued ({@link #add}, {@link #rotate}); the table keeps only its
 * SHA-256 (see {@link Tokens}). Names are never reused, so a name in a log always means one person.
 */
@Component
public class NodeUsers {
    /** Letters, digits, dot, dash, underscore: a handle, not a person's full name. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._-]{1,64}");

    private final JdbcTemplate jdbc;
    private final Clock clock;

    NodeUsers(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new user with a new token; the token is in the answer and nowhere else. */
    public IssuedToken add(String name, String roleCode) {
        checkName(name);
        Role role = Role.parse(roleCode)
                .orElseThrow(() -> new UserRefusal(
                        "Rol desconocido \"" + roleCode + "\". Roles posibles: " + Role.codes() + ".",
                        "Unknown role \"" + roleCode + "\". Possible roles: " + Role.codes() + "."));
        String token = Tokens.newToken();
        try {
            jdbc.update(
                    "INSERT INTO node_user (name, role, token_hash, created_at) VALUES (?, ?, ?, ?)",
                    name,
                    role.code(),
                    Tokens.hash(token),
                    Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException e) {
            throw new UserRefusal(
                    "Ya existe una usuaria o usuario llamado \"" + name
                            + "\" (los nombres no se reutilizan, aunque esté deshabilitado). Elija otro nombre.",
                    "A user named \"" + name + "\" already exists (names are never reused, even when disabled)."
                            + " Choose another name.");
        }
        return new IssuedToken(name, role, token);
    }

    public List<NodeUser> list() {
        return jdbc.query(
                "SELECT name, role, created_at, disabled_at FROM node_user ORDER BY name",
                (rs, i) -> new NodeUser(
                        rs.getString("name"),
                        Role.parse(rs.getString("role")).orElseThrow(),
                        rs.getTimestamp("created_at").toInstant(),
                        Optional.ofNullable(rs.getTimestamp("disabled_at"))
                                .map(Timestamp::toInstant)
                                .orElse(null)));
    }

    /** Disables a user at once: her token stops working on the next request. Idempotent. */
    public NodeUser disable(String name) {
        jdbc.update(
                "UPDATE node_user SET disabled_at = ? WHERE name = ? AND disabled_at IS NULL",
                Timestamp.from(clock.instant()),
                name);
        return find(name);
    }

    /** A new token for an active user; the old one stops working at once. */
    public IssuedToken rotate(String name) {
        NodeUser user = find(name);
        if (!user.active()) {
            throw new UserRefusal(
                    "\"" + name + "\" está deshabilitado: no se le emiten tokens. Cree otro usuario si hace falta.",
                    "\"" + name + "\" is disabled: no tokens are issued to it. Create another user if needed.");
        }
        String token = Tokens.newToken();
        jdbc.update(
                "UPDATE node_user SET token_hash = ? WHERE name = ? AND disabled_at IS NULL", Tokens.hash(token), name);
        return new IssuedToken(name, user.role(), token);
    }

    /**
     * The active user holding this token, if any. Every active user's hash is compared, each in
     * constant time, so the answer takes as long whichever byte differs and whoever matches.
     */
    public Optional<NodeUser> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > Tokens.MAX_LENGTH) {
            return Optional.empty();
        }
        byte[] presented = Tokens.hash(token);
        List<StoredHash> active = jdbc.query(
                "SELECT name, role, token_hash, created_at FROM node_user WHERE disabled_at IS NULL",
                (rs, i) -> new StoredHash(
                        new NodeUser(
                                rs.getString("name"),
                                Role.parse(rs.getString("role")).orElseThrow(),
                                rs.getTimestamp("created_at").toInstant(),
                                null),
                        rs.getBytes("token_hash")));
        NodeUser match = null;
        for (StoredHash stored : active) {
            if (Tokens.sameHash(stored.hash(), presented)) {
                match = stored.user();
            }
        }
        return Optional.ofNullable(match);
    }

    /**
     * Sets or resets a person's password (Argon2id, see {@link Passwords}); every page session she
     * opened before ends at its next request. Refused for an unknown or disabled user and for a
     * password outside the allowed length. Tokens are not touched: they are for programs.
     */
    public NodeUser setPassword(String name, char[] password) {
        NodeUser user = find(name);
        if (!user.active()) {
            throw new UserRefusal(
                    "\"" + name + "\" está deshabilitado: no se le asignan contraseñas.",
                    "\"" + name + "\" is disabled: no password is set for it.");
        }
        String hash = Passwords.hash(password);
        jdbc.update(
                "UPDATE node_user SET password_hash = ?, password_set_at = ? WHERE name = ? AND disabled_at IS NULL",
                hash,
                Timestamp.from(clock.instant()),
                name);
        return user;
    }

    /**
     * What signing in to the pages needs of an active user with a password; empty for anyone else
     * (unknown, disabled, or with a token only), so that all of them are refused alike.
     */
    Optional<PasswordAccount> passwordAccount(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return jdbc
                .query(
                        "SELECT name, role, password_hash, password_set_at FROM node_user"
                                + " WHERE name = ? AND disabled_at IS NULL AND password_hash IS NOT NULL",
                        (rs, i) -> new PasswordAccount(
                                rs.getString("name"),
                                Role.parse(rs.getString("role")).orElseThrow(),
                                rs.getString("password_hash"),
                                rs.getTimestamp("password_set_at").toInstant()),
                        name)
                .stream()
                .findFirst();
    }

    private NodeUser find(String name) {
        return list().stream()
                .filter(u -> u.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new UserRefusal(
                        "No existe ninguna usuaria o usuario llamado \"" + name + "\".",
                        "There is no user named \"" + name + "\"."));
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new UserRefusal(
                    "El nombre \"" + name
                            + "\" no es válido: use de 1 a 64 letras, cifras, puntos, guiones o guiones bajos.",
                    "The name \"" + name
                            + "\" is not valid: use 1 to 64 letters, digits, dots, dashes or underscores.");
        }
    }

    /** A token as issued: shown once, then only its hash remains. */
    public record IssuedToken(String name, Role role, String token) {
        @Override
        public String toString() {
            return "IssuedToken[name=" + name + ", role=" + role.code() + ", token=***]";
        }
    }

    /** A user who may sign in with a password: her hash never leaves this package. */
    record PasswordAccount(String name, Role role, String passwordHash, Instant passwordSetAt) {
        @Override
        public String toString() {
            return "PasswordAccount[name=" + name + ", role=" + role.code() + ", passwordHash=***]";
        }
    }

    private record StoredHash(NodeUser user, byte[] hash) {}
}
