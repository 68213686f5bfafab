package org.tejido.regional.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShareScopeTest {

    @Test
    void givenAShare_thenItsTopLevelScope() {
        assertThat(scopeOf("{\"scope\":\"statistics\",\"share\":{\"country\":\"MX\",\"n\":[1,2,{\"scope\":\"x\"}]}}"))
                .isEqualTo("statistics");
        assertThat(scopeOf("{\"share\":{\"scope\":\"nested\"},\"scope\":\"case\"}"))
                .isEqualTo("case");
    }

    @Test
    void givenARepeatedScope_thenTheLastOneCounts() {
        assertThat(scopeOf("{\"scope\":\"case\",\"scope\":\"statistics\"}")).isEqualTo("statistics");
    }

    @Test
    void givenSixteenCharacters_thenKept_givenSeventeen_thenUnknown() {
        assertThat(scopeOf("{\"scope\":\"abcdefghijklmnop\"}")).isEqualTo("abcdefghijklmnop");
        assertThat(scopeOf("{\"scope\":\"abcdefghijklmnopq\"}")).isEqualTo(ShareScope.UNKNOWN);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"share\":{\"scope\":\"nested-only\"}}",
                "{\"scope\":7}",
                "{\"scope\":null}",
                "{\"scope\":[\"case\"]}",
                "{\"scope\":{\"v\":\"case\"}}",
                "[{\"scope\":\"case\"}]",
                "\"case\"",
                "",
                "{\"scope\":\"case\",\"share\":{\"country\":",
                "{\"scope\":\"case\",\"share\":{\"country\":\"MX\"]}",
                "{\"scope\":\"case\" \"share\":1}",
                "not json"
            })
    void givenNoUsableScopeOrMalformedContent_thenUnknown(String share) {
        assertThat(scopeOf(share)).isEqualTo(ShareScope.UNKNOWN);
    }

    private static String scopeOf(String share) {
        return ShareScope.of(share.getBytes(StandardCharsets.UTF_8));
    }
}
