package org.tejido.national.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tejido.platform.problem.Rejection;

class CaseCursorTest {
    @Test
    void aCursorReadsBackAsItWasWrittenToTheMicrosecond() {
        CaseCursor cursor = new CaseCursor(
                LocalDate.of(2024, 2, 29), Instant.parse("2025-01-10T10:00:00.123456Z"), UUID.randomUUID());
        String text = cursor.encode();
        assertThat(text).matches("[A-Za-z0-9_-]{39}");
        assertThat(CaseCursor.decode(text)).isEqualTo(cursor);
        CaseCursor old = new CaseCursor(LocalDate.of(1, 1, 1), Instant.parse("0001-01-01T00:00:00Z"), new UUID(0, 0));
        assertThat(CaseCursor.decode(old.encode())).isEqualTo(old);
    }

    @Test
    void anythingElseIsRefusedAsAnInvalidCursor() {
        String valid = new CaseCursor(
                        LocalDate.of(2024, 2, 29), Instant.parse("2025-01-10T10:00:00Z"), UUID.randomUUID())
                .encode();
        byte[] bytes = Base64.getUrlDecoder().decode(valid);
        bytes[0] = 2; // another version
        byte[] farFuture = Base64.getUrlDecoder().decode(valid);
        farFuture[1] = 0x7f; // a day beyond the year 9999
        for (String bad : new String[] {
            "",
            "x",
            "0",
            valid.substring(1),
            valid + "A",
            valid.substring(0, 38) + "*",
            valid.substring(0, 38) + "=",
            Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
            Base64.getUrlEncoder().withoutPadding().encodeToString(farFuture),
            "A".repeat(39),
            "%".repeat(39)
        }) {
            assertThatThrownBy(() -> CaseCursor.decode(bad)).as(bad).isInstanceOfSatisfying(Rejection.class, r -> {
                assertThat(r.code()).isEqualTo("request.invalid-cursor");
                assertThat(r.kind()).isEqualTo(Rejection.Kind.MALFORMED);
                assertThat(r.args()).isEmpty();
                assertThat(r.getMessage()).isEqualTo("request.invalid-cursor");
            });
        }
    }
}
