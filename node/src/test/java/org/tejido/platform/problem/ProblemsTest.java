package org.tejido.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

class ProblemsTest {
    @Test
    void aRefusedValueIsQuotedBackOnlyByItsStart() {
        StaticMessageSource messages = new StaticMessageSource();
        messages.addMessage("problem.vocabulary.unknown-code", Locale.ENGLISH, "Unknown code \"{1}\" in {0}.");
        String pasted = "\uD83D\uDE00".repeat(50) + "x".repeat(300_000); // a document pasted into a code field

        ProblemDetail problem = Problems.of(
                messages,
                Locale.ENGLISH,
                HttpStatus.UNPROCESSABLE_CONTENT,
                "vocabulary.unknown-code",
                List.of("subdivision", pasted),
                "/api/defenders");

        String quoted = "\uD83D\uDE00".repeat(50) + "x".repeat(Problems.MAX_QUOTED - 50) + "…";
        assertThat(problem.getDetail()).isEqualTo("Unknown code \"" + quoted + "\" in subdivision.");
    }

    @Test
    void aShortValueIsQuotedWhole() {
        assertThat(Problems.bounded("MX-OAX")).isEqualTo("MX-OAX");
        assertThat(Problems.bounded(null)).isNull();
    }
}
