package org.tejido.regional.statistics.generator;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One synthetic attack as a national node shares it: the fields of a version-2 share
 * (docs/federation-protocol.md section 5) and the JSON the node writes for it, keys sorted, no
 * whitespace. Code lists are sorted and hold each code once; contributors too.
 *
 * @param record the record's id in its origin's log (the leaf's target)
 * @param scope {@code statistics}, {@code case} or {@code public}
 * @param subdivision a subdivision of {@code country}, or null
 * @param period {@code yyyy-mm}, or {@code yyyy} when only the year is known
 * @param caseId {@code case-} and 32 hex digits (case and public scopes)
 * @param occurredOn the date the case shares: {@code yyyy}, {@code yyyy-mm} or {@code yyyy-mm-dd}
 * @param summary null or an obviously synthetic sentence (case and public scopes)
 * @param publicName an obviously synthetic name (public scope only, else null)
 * @param publicSummary null or an obviously synthetic sentence (public scope only)
 */
public record SyntheticAttack(
        UUID record,
        String scope,
        String country,
        String subdivision,
        String period,
        String targetKind,
        List<String> aggressionTypes,
        List<String> contributors,
        List<Perpetrator> perpetrators,
        List<String> rightsDefended,
        List<String> genderElements,
        String verificationStatus,
        String caseId,
        String occurredOn,
        String summary,
        String publicName,
        String publicSummary) {

    public record Perpetrator(String perpetrator, String involvement) {}

    public SyntheticAttack {
        Objects.requireNonNull(record);
        Objects.requireNonNull(scope);
        aggressionTypes = List.copyOf(aggressionTypes);
        contributors = List.copyOf(contributors);
        perpetrators = List.copyOf(perpetrators);
        rightsDefended = List.copyOf(rightsDefended);
        genderElements = List.copyOf(genderElements);
    }

    public boolean isPublic() {
        return scope.equals("public");
    }

    public String year() {
        return period.substring(0, 4);
    }

    /** The same attack with other codes, as an amendment shares it. */
    SyntheticAttack amended(String newVerificationStatus, List<String> newTypes) {
        return new SyntheticAttack(
                record,
                scope,
                country,
                subdivision,
                period,
                targetKind,
                newTypes,
                contributors,
                perpetrators,
                rightsDefended,
                genderElements,
                newVerificationStatus,
                caseId,
                occurredOn,
                summary,
                publicName,
                publicSummary);
    }

    /** The version-2 content, as {@code SharingLog.payload} writes it. */
    public String json() {
        StringBuilder out = new StringBuilder(512);
        out.append("{\"scope\":\"").append(scope).append("\",\"share\":");
        switch (scope) {
            case "statistics" -> statistics(out);
            case "case" -> caseShare(out);
            case "public" -> {
                out.append("{\"caseShare\":");
                caseShare(out);
                out.append(",\"publicName\":");
                text(out, publicName);
                out.append(",\"publicSummary\":");
                text(out, publicSummary);
                out.append('}');
            }
            default -> throw new IllegalStateException("unknown scope " + scope);
        }
        return out.append(",\"version\":2}").toString();
    }

    private void caseShare(StringBuilder out) {
        out.append("{\"caseId\":\"")
                .append(caseId)
                .append("\",\"occurredOn\":\"")
                .append(occurredOn);
        out.append("\",\"statistics\":");
        statistics(out);
        out.append(",\"summary\":");
        text(out, summary);
        out.append('}');
    }

    private void statistics(StringBuilder out) {
        out.append("{\"aggressionTypes\":");
        codes(out, aggressionTypes);
        out.append(",\"contributors\":");
        codes(out, contributors);
        out.append(",\"country\":\"").append(country).append("\",\"genderElements\":");
        codes(out, genderElements);
        out.append(",\"period\":\"").append(period).append("\",\"perpetrators\":[");
        for (int i = 0; i < perpetrators.size(); i++) {
            Perpetrator p = perpetrators.get(i);
            out.append(i == 0 ? "" : ",")
                    .append("{\"involvement\":\"")
                    .append(p.involvement())
                    .append("\",\"perpetrator\":\"")
                    .append(p.perpetrator())
                    .append("\"}");
        }
        out.append("],\"rightsDefended\":");
        codes(out, rightsDefended);
        out.append(",\"subdivision\":");
        text(out, subdivision);
        out.append(",\"targetKind\":\"").append(targetKind);
        out.append("\",\"verificationStatus\":\"").append(verificationStatus).append("\"}");
    }

    private static void codes(StringBuilder out, List<String> codes) {
        out.append('[');
        for (int i = 0; i < codes.size(); i++) {
            out.append(i == 0 ? "\"" : ",\"").append(codes.get(i)).append('"');
        }
        out.append(']');
    }

    /** Texts are the generator's own (letters, digits, spaces, a period): nothing to escape. */
    private static void text(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
        } else {
            if (value.indexOf('"') >= 0 || value.indexOf('\\') >= 0) {
                throw new IllegalArgumentException("the generator's texts need no escaping");
            }
            out.append('"').append(value).append('"');
        }
    }
}
