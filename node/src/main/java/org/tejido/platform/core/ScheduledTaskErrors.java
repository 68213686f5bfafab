package org.tejido.platform.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ErrorHandler;
import org.tejido.platform.problem.Redacted;
import org.tejido.platform.problem.StorageFailures;

/**
 * What a scheduled job's failure leaves in the log (checkpoint signing, log key rotation, consent
 * expiry run every few seconds). While the database is not there each run fails the same way: one
 * WARN line with the SQLSTATE, and the job simply runs again at its next turn. Anything else is an
 * ERROR with the stack trace but without messages ({@link Redacted}), which may quote SQL and values.
 */
final class ScheduledTaskErrors implements ErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(ScheduledTaskErrors.class);

    @Override
    public void handleError(Throwable failure) {
        if (StorageFailures.unavailable(failure)) {
            log.warn(
                    "Scheduled job skipped, retried at its next run: {} ({})",
                    StorageFailures.CODE,
                    StorageFailures.reason(failure));
        } else {
            log.error("Scheduled job failed", Redacted.of(failure));
        }
    }
}
