package org.tejido.national.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tejido.national.attack.AttackFacts;
import org.tejido.national.attack.Classification;
import org.tejido.national.attack.Location;
import org.tejido.national.attack.PartialDate;
import org.tejido.national.attack.PerpetratorInvolvement;
import org.tejido.national.attack.Source;
import org.tejido.national.attack.Target;
import org.tejido.platform.problem.Rejection;

/**
 * The correction and reclassification forms start from what is recorded: a case's facts and
 * classification, turned into the forms' values and read back, are the same facts and classification,
 * so sending an untouched form changes nothing (and the command says so).
 */
class AttackFormFieldsTest {

    @Test
    void factsReadBackFromTheFormTheyFilledAreTheSame() {
        AttackFacts facts = new AttackFacts(
                new Target("close-person", "child", List.of("MX-0001", "MX-0002")),
                new PartialDate(2023, 4, null),
                new Location("MX", "MX-CHP", "Municipio Sintético"),
                List.of(new Source("direct-testimony", "confirmed"), new Source("media", null)),
                "verified",
                "Relato sintético");
        Map<String, String> errors = new LinkedHashMap<>();
        assertThat(AttackFormFields.facts(AttackFormFields.of(facts), errors)).isEqualTo(facts);
        assertThat(errors).isEmpty();
    }

    @Test
    void aClassificationReadBackFromTheFormItFilledIsTheSame() {
        Classification classification = new Classification(
                List.of("death-threat", "smear-campaign"),
                List.of(new PerpetratorInvolvement("police", "direct"), new PerpetratorInvolvement("unknown", null)),
                List.of("land-and-territory"),
                List.of("sexist-smear"));
        assertThat(AttackFormFields.classification(AttackFormFields.of(classification)))
                .isEqualTo(classification);
    }

    @Test
    void aMissingReasonGoesBesideTheReasonAndNoChangeAboveTheForm() {
        assertThat(AttackFormFields.field(Rejection.invalid("field.required", "reason")))
                .isEqualTo("reason");
        assertThat(AttackFormFields.message(Rejection.invalid("field.required", "reason")))
                .isEqualTo("page.record.error.field.required");
        Rejection noChange = Rejection.invalid("attack.no-change", "x");
        assertThat(AttackFormFields.field(noChange)).isEqualTo("form");
        assertThat(AttackFormFields.message(noChange)).isEqualTo("page.record.error.attack.no-change");
    }
}
