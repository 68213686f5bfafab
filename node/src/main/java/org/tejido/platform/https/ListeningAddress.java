package org.tejido.platform.https;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * How far the node's HTTP server reaches with a given {@code server.address}: only this machine, or
 * beyond it. Resolved the way Spring Boot binds the setting (one {@link InetAddress#getByName} lookup),
 * so the answer is about the address the server will actually listen on.
 */
public final class ListeningAddress {

    /** How far a listening address reaches. */
    public enum Reach {
        /** 127.0.0.0/8 or ::1: only programs on this machine. */
        LOOPBACK,
        /** Unset, 0.0.0.0 or :: : every interface of the machine, so every network it is on. */
        EVERYWHERE,
        /** One address of a network interface, or a name that does not resolve (which is not shown to be loopback). */
        BEYOND_LOOPBACK
    }

    /** Turns a host name or address literal into an address, as {@link InetAddress#getByName} does. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress resolve(String host) throws UnknownHostException;
    }

    private ListeningAddress() {}

    public static Reach reach(String address) {
        return reach(address, InetAddress::getByName);
    }

    static Reach reach(String address, Resolver resolver) {
        if (address == null || address.isBlank()) {
            return Reach.EVERYWHERE;
        }
        InetAddress resolved;
        try {
            resolved = resolver.resolve(address.strip());
        } catch (UnknownHostException | SecurityException e) {
            // Spring will not be able to bind it either; until then it is not shown to be loopback.
            return Reach.BEYOND_LOOPBACK;
        }
        if (resolved.isAnyLocalAddress()) {
            return Reach.EVERYWHERE;
        }
        return resolved.isLoopbackAddress() ? Reach.LOOPBACK : Reach.BEYOND_LOOPBACK;
    }
}
