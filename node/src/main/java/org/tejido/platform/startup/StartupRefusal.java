package org.tejido.platform.startup;

/**
 * The node refuses to start, for a reason its operator can fix: one sentence in English and Spanish of
 * what is wrong, one of what to do, and the exit status (sysexits.h: {@link #CONFIGURATION} 78 is not
 * fixed by starting again, {@link #UNAVAILABLE} 69 and {@link #IN_USE} 75 may be).
 */
public final class StartupRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A missing or wrong key, a bad setting: starting again changes nothing. */
    public static final int CONFIGURATION = 78;
    /** The database cannot be reached. */
    public static final int UNAVAILABLE = 69;
    /** The data directory or the port is held by another process. */
    public static final int IN_USE = 75;

    private final String action;
    private final int exitCode;

    public StartupRefusal(String sentence, String action, int exitCode) {
        super(sentence, null, false, false);
        this.action = action;
        this.exitCode = exitCode;
    }

    public StartupRefusal(String sentence, String action, int exitCode, Throwable cause) {
        super(sentence, cause, false, false);
        this.action = action;
        this.exitCode = exitCode;
    }

    public String sentence() {
        return getMessage();
    }

    public String action() {
        return action;
    }

    public int exitCode() {
        return exitCode;
    }

    /** What is wrong and what to do, on one line, as a command prints its refusal. */
    public String line() {
        return (getMessage() + " " + action).replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
