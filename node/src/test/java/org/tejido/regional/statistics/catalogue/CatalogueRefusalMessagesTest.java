package org.tejido.regional.statistics.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CatalogueRefusalMessagesTest {
    @Test
    void everyRefusalCodeHasATitleAndASentenceInSpanishAndEnglish() throws Exception {
        // given every code the catalogue refuses with
        List<String> codes = new ArrayList<>();
        for (Field f : CatalogueRefusal.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                codes.add((String) f.get(null));
            }
        }
        assertThat(codes).hasSize(5);

        // then both message files say it
        for (String file : List.of("messages.properties", "messages_es.properties")) {
            Properties messages = new Properties();
            try (Reader in = new InputStreamReader(
                    getClass().getClassLoader().getResourceAsStream(file), StandardCharsets.UTF_8)) {
                messages.load(in);
            }
            for (String code : codes) {
                assertThat(messages.getProperty("problem." + code))
                        .as(file + " " + code)
                        .isNotBlank();
                assertThat(messages.getProperty("problem." + code + ".title"))
                        .as(file + " " + code)
                        .isNotBlank();
            }
        }
    }
}
