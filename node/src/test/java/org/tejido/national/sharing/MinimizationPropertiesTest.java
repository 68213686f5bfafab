package org.tejido.national.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.tejido.national.attack.AttackFacts;
import org.tejido.national.attack.Classification;
import org.tejido.national.attack.Location;
import org.tejido.national.attack.PartialDate;
import org.tejido.national.attack.PerpetratorInvolvement;
import org.tejido.national.attack.Source;
import org.tejido.national.attack.Target;
import org.tejido.national.consent.SharingScope;
import org.tejido.vocabulary.SchemeName;
import org.tejido.vocabulary.Term;
import org.tejido.vocabulary.Vocabulary;

/**
 * Property: for random attacks and every scope, the minimized view, as it would be serialized, holds
 * no field outside that scope's allow-list, and none of the attack's identifying values; {@code none}
 * yields nothing. jqwik does not run on JUnit 6, so the generator is a seeded loop: a failure prints
 * the seed and the case, and the same seed reproduces it.
 */
class MinimizationPropertiesTest {
    static final int CASES = 2_000;
    static final long SEED = Long.getLong("tejido.property-seed", System.nanoTime());

    static final Set<String> STATISTICS = Set.of(
            "country",
            "subdivision",
            "period",
            "targetKind",
            "contributors[]",
            "aggressionTypes[]",
            "perpetrators[].perpetrator",
            "perpetrators[].involvement",
            "rightsDefended[]",
            "genderElements[]",
            "verificationStatus");
    static final Set<String> CASE =
            union(prefixed("statistics.", STATISTICS), Set.of("caseId", "occurredOn", "summary"));
    static final Set<String> PUBLIC = union(prefixed("caseShare.", CASE), Set.of("publicName", "publicSummary"));
    static final Map<SharingScope, Set<String>> ALLOWED =
            Map.of(SharingScope.STATISTICS, STATISTICS, SharingScope.CASE, CASE, SharingScope.PUBLIC, PUBLIC);

    private final ObjectMapper json = new ObjectMapper();
    private final Vocabulary vocabulary = Vocabulary.load();
    private final UnaryOperator<String> pseudonyms = new Pseudonyms(new byte[32]);
    private final ContributorPseudonyms contributors = new ContributorPseudonyms(new byte[32]);

    @Test
    void everyScopeYieldsOnlyItsAllowListAndNoIdentifyingValue() throws Exception {
        Random random = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            AttackForSharing attack = randomAttack(random);
            String context = "seed " + SEED + ", case " + i + ": " + attack;
            assertThat(Minimization.minimize(attack, SharingScope.NONE, pseudonyms, contributors))
                    .as(context)
                    .isEmpty();
            for (SharingScope scope : ALLOWED.keySet()) {
                Optional<SharedAttack> shared = Minimization.minimize(attack, scope, pseudonyms, contributors);
                assertThat(shared).as(context).isPresent();
                assertThat(shared.get().scope()).isEqualTo(scope.code());
                String serialized = json.writeValueAsString(shared.get());
                assertThat(fieldPaths(json.readTree(serialized)))
                        .as(context + " / " + scope)
                        .isSubsetOf(ALLOWED.get(scope));
                assertThat(serialized)
                        .as(context + " / " + scope)
                        .doesNotContain(attack.facts().narrative())
                        .doesNotContain(attack.facts().location().municipality())
                        .doesNotContain(attack.attackId());
                attack.facts()
                        .target()
                        .defenders()
                        .forEach(code -> assertThat(serialized).as(context).doesNotContain(code));
                if (scope == SharingScope.STATISTICS) {
                    assertThat(serialized).doesNotContain(attack.sharingSummary());
                    if (attack.facts().occurredOn().precision() == PartialDate.Precision.DAY) {
                        assertThat(serialized)
                                .doesNotContain("\"" + attack.facts().occurredOn() + "\"");
                    }
                }
                if (scope != SharingScope.PUBLIC) {
                    assertThat(serialized).doesNotContain(attack.publicName()).doesNotContain(attack.publicSummary());
                }
            }
        }
    }

    @Test
    void givenRandomAttacks_thenEveryScopeNamesWhoItIsAboutByOneSortedPseudonymPerCodeAndNeverByTheCode()
            throws Exception {
        Random random = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            AttackForSharing attack = randomAttack(random);
            List<String> codes = attack.facts().target().defenders();
            List<String> expected = codes.isEmpty()
                    ? List.of(contributors.ofAttack(attack.attackId()))
                    : codes.stream().map(contributors::ofDefender).sorted().toList();
            for (SharingScope scope : ALLOWED.keySet()) {
                String context = "seed " + SEED + ", case " + i + ", " + scope + ": " + attack;
                SharedAttack shared = Minimization.minimize(attack, scope, pseudonyms, contributors)
                        .orElseThrow();
                JsonNode payload = json.readTree(SharingLog.payload(shared));
                JsonNode statistics = switch (scope) {
                    case STATISTICS -> payload.get("share");
                    case CASE -> payload.at("/share/statistics");
                    default -> payload.at("/share/caseShare/statistics");
                };
                List<String> written = new ArrayList<>();
                statistics.get("contributors").forEach(c -> written.add(c.asText()));
                assertThat(written).as(context).isEqualTo(expected).isSorted().doesNotHaveDuplicates();
                assertThat(written).as(context).allMatch(c -> c.matches("ctb-[0-9a-f]{32}"));
                assertThat(payload.get("version").isInt()).as(context).isTrue();
                assertThat(payload.get("version").asInt()).as(context).isEqualTo(2);
            }
        }
    }

    /** Known answers, computed apart (Python's hmac): the bytes docs/federation-protocol.md specifies. */
    @Test
    void aContributorsPseudonymIsTheDocumentedHmac() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        ContributorPseudonyms node = new ContributorPseudonyms(key);
        assertThat(node.ofDefender("MX-0001")).isEqualTo("ctb-99c00a38406c1028f9d4177ea127a782");
        assertThat(node.ofDefender("MX-0002")).isEqualTo("ctb-e2288580c1e945fd42abf0ec00c3198c");
        assertThat(node.ofAttack("6f1c2b7e-0000-4000-8000-000000000001"))
                .isEqualTo("ctb-d407581d32f608b18003dcde814bc323");
    }

    @Test
    void givenTwoAttacksOnOnePerson_thenTheSamePseudonymAtOneNode_andAnotherAtAnotherNode() {
        AttackForSharing first = attackOn(List.of("MX-0001", "MX-0002"));
        AttackForSharing second = attackOn(List.of("MX-0002"));
        byte[] otherKey = new byte[32];
        otherKey[31] = 1;
        ContributorPseudonyms otherNode = new ContributorPseudonyms(otherKey);

        List<String> atFirst = Minimization.contributors(first, contributors);
        List<String> atSecond = Minimization.contributors(second, contributors);
        List<String> elsewhere = Minimization.contributors(second, otherNode);

        assertThat(atFirst).hasSize(2).contains(atSecond.get(0));
        assertThat(elsewhere).hasSize(1).doesNotContainAnyElementsOf(atFirst);
        assertThat(Minimization.contributors(second, new ContributorPseudonyms(new byte[32])))
                .as("stable: the same key gives the same pseudonym")
                .isEqualTo(atSecond);
    }

    @Test
    void givenAnAttackNamingNoDefender_thenOnePseudonymOfItsOwn_unlikeAnyCodesOrCaseId() {
        AttackForSharing attack = attackOn(List.of());
        List<String> written = Minimization.contributors(attack, contributors);
        assertThat(written).containsExactly(contributors.ofAttack(attack.attackId()));
        assertThat(written.get(0))
                .as("domains apart: an attack id is not read as a code, nor is it the case id")
                .isNotEqualTo(contributors.ofDefender(attack.attackId()))
                .doesNotContain(pseudonyms.apply(attack.attackId()).substring(5));
        assertThat(Minimization.contributors(attackOn(List.of()), contributors))
                .as("another such attack is another (unknown) person")
                .doesNotContainAnyElementsOf(written);
    }

    @Test
    void statisticsKeepTheMonthNeverTheDay() {
        assertThat(Minimization.month(PartialDate.parse("2024-03-15"))).isEqualTo("2024-03");
        assertThat(Minimization.month(PartialDate.parse("2024-03"))).isEqualTo("2024-03");
        assertThat(Minimization.month(PartialDate.parse("2024"))).isEqualTo("2024");
    }

    @Test
    void caseIdsAreStablePerAttackAndUnlinkableWithoutTheKey() {
        String attackId = "6f1c2b7e-0000-4000-8000-000000000001";
        assertThat(new Pseudonyms(new byte[32]).apply(attackId))
                .isEqualTo(new Pseudonyms(new byte[32]).apply(attackId))
                .startsWith("case-")
                .hasSize(5 + 32)
                .doesNotContain(attackId);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThat(new Pseudonyms(otherKey).apply(attackId)).isNotEqualTo(new Pseudonyms(new byte[32]).apply(attackId));
    }

    private static AttackForSharing attackOn(List<String> defenders) {
        return new AttackForSharing(
                java.util.UUID.randomUUID().toString(),
                new AttackFacts(
                        new Target("defender", null, defenders),
                        PartialDate.parse("2024-03-15"),
                        new Location("MX", null, null),
                        List.of(),
                        "verified",
                        null),
                new Classification(List.of("death-threat"), List.of(), List.of(), List.of()),
                null,
                null,
                null);
    }

    private AttackForSharing randomAttack(Random random) {
        String country = pick(random, codes(SchemeName.COUNTRY));
        List<String> subdivisions = vocabulary.schemes().stream()
                .filter(s -> s.name().equals("subdivision"))
                .flatMap(s -> s.terms().stream())
                .filter(t -> country.equals(t.group()))
                .map(Term::code)
                .toList();
        String targetKind = pick(random, codes(SchemeName.TARGET_KIND));
        List<String> defenders = new ArrayList<>();
        for (int d = random.nextInt(3); d > 0; d--) {
            defenders.add(country + "-SECRET-" + random.nextInt(1_000_000));
        }
        AttackFacts facts = new AttackFacts(
                new Target(
                        targetKind,
                        "close-person".equals(targetKind) ? pick(random, codes(SchemeName.RELATIONSHIP)) : null,
                        defenders),
                randomDate(random),
                new Location(
                        country,
                        random.nextBoolean() ? pick(random, subdivisions) : null,
                        "MUNICIPIO-SECRETO-" + random.nextInt(1_000_000)),
                List.of(new Source(
                        pick(random, codes(SchemeName.SOURCE_KIND)),
                        pick(random, codes(SchemeName.SOURCE_RELIABILITY)))),
                pick(random, codes(SchemeName.VERIFICATION_STATUS)),
                "NARRATIVA-SECRETA-" + random.nextLong());
        Classification classification = new Classification(
                some(random, codes(SchemeName.AGGRESSION_TYPE), 1),
                List.of(new PerpetratorInvolvement(
                        pick(random, codes(SchemeName.PERPETRATOR)), pick(random, codes(SchemeName.INVOLVEMENT)))),
                some(random, codes(SchemeName.RIGHT_DEFENDED), 0),
                some(random, codes(SchemeName.GENDER_ELEMENT), 0));
        return new AttackForSharing(
                java.util.UUID.randomUUID().toString(),
                facts,
                classification,
                "RESUMEN-PARA-COMPARTIR-" + random.nextLong(),
                "NOMBRE-PUBLICO-" + random.nextLong(),
                "RESUMEN-PUBLICO-" + random.nextLong());
    }

    private static PartialDate randomDate(Random random) {
        int year = 2000 + random.nextInt(26);
        return switch (random.nextInt(3)) {
            case 0 -> new PartialDate(year, null, null);
            case 1 -> new PartialDate(year, 1 + random.nextInt(12), null);
            default -> new PartialDate(year, 1 + random.nextInt(12), 1 + random.nextInt(28));
        };
    }

    private List<String> codes(SchemeName scheme) {
        return vocabulary.schemes().stream()
                .filter(s -> s.name().equals(scheme.id()))
                .flatMap(s -> s.terms().stream())
                .filter(t -> !t.retired())
                .map(Term::code)
                .toList();
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static List<String> some(Random random, List<String> values, int atLeast) {
        List<String> chosen = new ArrayList<>();
        int n = atLeast + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            chosen.add(pick(random, values));
        }
        return chosen;
    }

    /** Every leaf path of a JSON tree, arrays as {@code []}: "perpetrators[].involvement". */
    static Set<String> fieldPaths(JsonNode node) {
        Set<String> paths = new TreeSet<>();
        collect(node, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String path, Set<String> paths) {
        if (node.isObject()) {
            node.properties()
                    .forEach(e -> collect(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), paths));
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                paths.add(path + "[]");
            }
            node.forEach(element -> collect(element, path + "[]", paths));
        } else {
            paths.add(path);
        }
    }

    private static Set<String> prefixed(String prefix, Set<String> paths) {
        Set<String> result = new TreeSet<>();
        paths.forEach(p -> result.add(prefix + p));
        return result;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.addAll(b);
        return result;
    }
}
