package org.tejido.support;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import org.springframework.context.ApplicationContext;
import org.tejido.platform.security.NodeUsers;
import org.tejido.platform.security.SecondFactors;

/**
 * Tokens for test nodes: one user per role and node, created directly in that node's database through
 * its {@link NodeUsers} bean the first time a test asks, then reused by every test sharing the node.
 */
public final class TestUsers {
    private static final Map<ApplicationContext, Map<String, String>> TOKENS = new WeakHashMap<>();

    private TestUsers() {}

    /** A valid token of the given role ("registrar", "admin", ...) on this node. */
    public static synchronized String token(ApplicationContext node, String role) {
        return TOKENS.computeIfAbsent(node, n -> new HashMap<>())
                .computeIfAbsent(
                        role,
                        r -> node.getBean(NodeUsers.class)
                                .add(
                                        "it-" + r + "-"
                                                + UUID.randomUUID().toString().substring(0, 8),
                                        r)
                                .token());
    }

    /**
     * A person who signs in to the pages: a new user of the role, with a synthetic password, and a
     * second factor for the roles that cannot sign in without one (coordinator, admin).
     */
    public static Person person(ApplicationContext node, String role) {
        Person person = withoutSecondFactor(node, role);
        return role.equals("coordinator") || role.equals("admin") ? withSecondFactor(node, person) : person;
    }

    /** A new user of the role with a synthetic password and no second factor. */
    public static Person withoutSecondFactor(ApplicationContext node, String role) {
        String name = "it-" + role + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "synthetic pass " + UUID.randomUUID();
        NodeUsers users = node.getBean(NodeUsers.class);
        users.add(name, role);
        users.setPassword(name, password.toCharArray());
        return new Person(name, password);
    }

    /** The same person with a second factor newly enrolled (as {@code users totp} does). */
    public static Person withSecondFactor(ApplicationContext node, Person person) {
        return new Person(
                person.name(),
                person.password(),
                node.getBean(SecondFactors.class).enrol(person.name()).secret());
    }

    /** A person; {@code totpSecret} (base32) is null when she has no second factor. */
    public record Person(String name, String password, String totpSecret) {
        public Person(String name, String password) {
            this(name, password, null);
        }

        /** Her phone app's next code (see {@link OneTimeCodes#next}). */
        public String code() {
            return OneTimeCodes.next(totpSecret);
        }
    }

    /** An HTTP client for this node carrying a token of the given role. */
    public static Http http(ApplicationContext node, int port, String role) {
        return new Http(port).as(token(node, role));
    }
}
