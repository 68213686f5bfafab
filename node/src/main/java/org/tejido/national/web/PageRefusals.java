package org.tejido.national.web;

import java.util.Set;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.tejido.platform.problem.Rejection;
import org.tejido.vocabulary.UnknownCodeException;

/**
 * The refusals a command or a rule can answer a form with, as {@link Rejection}s under the codes the
 * API answers them with (ProblemDetailsAdvice), and the sentence each form has for them. Shared by the
 * defender, consent and erasure pages so a code reads the same on all of them.
 */
final class PageRefusals {
    private PageRefusals() {}

    /** A refusal as a Rejection, or null when the exception is not a refusal (then it is a fault). */
    static Rejection of(RuntimeException e) {
        if (e instanceof Rejection rejection) {
            return rejection;
        }
        if (e instanceof UnknownCodeException unknown) {
            return Rejection.invalid(
                    unknown.retired() ? "vocabulary.retired-code" : "vocabulary.unknown-code",
                    unknown.scheme(),
                    unknown.value());
        }
        if (e instanceof AggregateStreamCreationException) {
            return Rejection.conflict("record.already-exists");
        }
        if (e instanceof AggregateNotFoundException) {
            return Rejection.notFound("record.not-found");
        }
        return null;
    }

    /** The first argument of a refusal: for most codes, the field or the scheme it is about. */
    static String about(Rejection refused) {
        return refused.args().isEmpty() ? "" : refused.args().get(0);
    }

    /** The page's sentence for a refusal: {@code prefix + code} when worded, else {@code prefix + "other"}. */
    static String message(String prefix, Rejection refused, Set<String> worded) {
        return worded.contains(refused.code()) ? prefix + refused.code() : prefix + "other";
    }
}
