package org.tejido.national.web;

import static org.tejido.national.web.AttackFormFields.all;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.tejido.vocabulary.SchemeName;

/**
 * The choices of an attack's forms (the templates' fragments in attack-fields.html), each code with
 * its label in the page's language and marked when the form holds it: the facts' choices for the
 * record and correction forms, the classification's for the record and reclassification forms.
 */
@Component
class AttackFormModel {
    private final Labels labels;

    AttackFormModel(Labels labels) {
        this.labels = labels;
    }

    /** The values typed and the errors, in the order of the fields. */
    void form(MultiValueMap<String, String> form, Map<String, String> errors, Model model) {
        model.addAttribute("values", AttackFormFields.values(form));
        model.addAttribute("errors", AttackFormFields.ordered(errors));
    }

    void facts(MultiValueMap<String, String> form, Locale locale, Model model) {
        model.addAttribute("countries", labels.all(SchemeName.COUNTRY, all(form, "country"), true, locale));
        model.addAttribute(
                "subdivisions",
                labels.grouped(SchemeName.SUBDIVISION, SchemeName.COUNTRY, all(form, "subdivision"), true, locale));
        model.addAttribute("targetKinds", labels.all(SchemeName.TARGET_KIND, all(form, "targetKind"), true, locale));
        model.addAttribute(
                "relationships", labels.all(SchemeName.RELATIONSHIP, all(form, "relationship"), true, locale));
        model.addAttribute("sources", labels.all(SchemeName.SOURCE_KIND, all(form, "sources"), true, locale));
        Map<String, List<Labels.Option>> reliabilities = new LinkedHashMap<>();
        for (Labels.Option s : labels.all(SchemeName.SOURCE_KIND, List.of(), true, locale)) {
            reliabilities.put(
                    s.code(),
                    labels.all(SchemeName.SOURCE_RELIABILITY, all(form, "reliability." + s.code()), true, locale));
        }
        model.addAttribute("reliabilities", reliabilities);
        model.addAttribute("statuses", labels.all(SchemeName.VERIFICATION_STATUS, all(form, "status"), true, locale));
    }

    void classification(MultiValueMap<String, String> form, Locale locale, Model model) {
        model.addAttribute(
                "types",
                labels.grouped(
                        SchemeName.AGGRESSION_TYPE, SchemeName.AGGRESSION_GROUP, all(form, "types"), true, locale));
        model.addAttribute(
                "perpetrators",
                labels.grouped(
                        SchemeName.PERPETRATOR, SchemeName.PERPETRATOR_GROUP, all(form, "perpetrators"), true, locale));
        Map<String, List<Labels.Option>> involvements = new LinkedHashMap<>();
        for (Labels.Option p : labels.all(SchemeName.PERPETRATOR, List.of(), true, locale)) {
            involvements.put(
                    p.code(), labels.all(SchemeName.INVOLVEMENT, all(form, "involvement." + p.code()), true, locale));
        }
        model.addAttribute("involvements", involvements);
        model.addAttribute("rights", labels.all(SchemeName.RIGHT_DEFENDED, all(form, "rights"), true, locale));
        model.addAttribute("genders", labels.all(SchemeName.GENDER_ELEMENT, all(form, "genders"), true, locale));
    }
}
