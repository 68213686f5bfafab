package org.tejido.platform.database;

import java.nio.file.Path;

/** Run in a child JVM by EmbeddedDatabaseIT: starts the node's embedded PostgreSQL, then waits to be killed. */
public final class OrphanMaker {
    private OrphanMaker() {}

    public static void main(String[] args) throws Exception {
        EmbeddedDatabaseConfig.start(Path.of(args[0]), 0);
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
