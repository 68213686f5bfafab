package org.tejido.regional.statistics.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tejido.regional.intake.IntakeDriver;
import org.tejido.regional.statistics.StatisticsRecord;
import org.tejido.regional.statistics.store.StatisticsContentReader;
import org.tejido.vocabulary.Scheme;
import org.tejido.vocabulary.Term;
import org.tejido.vocabulary.Vocabulary;

class SyntheticFederationTest {
    private static final SyntheticFederation.Settings SETTINGS =
            SyntheticFederation.Settings.defaults(7).withAttacksPerYear(6_000).withYears(2023, 2);
    private static final SyntheticFederation FEDERATION = SyntheticFederation.generate(SETTINGS);

    @Test
    void theSameSeedGivesTheSameFederationAndAnotherSeedAnother() {
        // when the same settings are generated again, and with another seed
        SyntheticFederation again = SyntheticFederation.generate(SETTINGS);
        SyntheticFederation other = SyntheticFederation.generate(
                new SyntheticFederation.Settings(8, SETTINGS.countries(), 6_000, 2023, 2, 1.0));

        // then the first is entry for entry the same, bytes included; the second is not
        assertThat(contents(again)).isEqualTo(contents(FEDERATION));
        assertThat(again.origins()).isEqualTo(FEDERATION.origins());
        assertThat(contents(other)).isNotEqualTo(contents(FEDERATION));
    }

    @Test
    void everyContentIsAcceptedByTheAggregatorAndReadAsTheAttackItShares() {
        for (SyntheticOrigin origin : FEDERATION.origins()) {
            long index = 0;
            for (SyntheticEntry entry : origin.entries()) {
                if (entry.attack().isEmpty()) {
                    assertThat(entry.content()).isEmpty();
                    continue;
                }
                SyntheticAttack attack = entry.attack().get();
                String content = entry.content();
                // then the receiver's allow-list accepts it
                assertThat(IntakeDriver.contentViolation(content)).as(content).isEmpty();
                // and the statistics store reads it as the attack the generator meant
                StatisticsRecord read =
                        StatisticsContentReader.read(origin.origin(), attack.record(), index++, content);
                assertThat(read.scope()).isEqualTo(attack.scope());
                assertThat(read.country()).isEqualTo(origin.country()).isEqualTo(attack.country());
                assertThat(read.period()).isEqualTo(attack.period());
                assertThat(read.targetKind()).isEqualTo(attack.targetKind());
                assertThat(read.verificationStatus()).isEqualTo(attack.verificationStatus());
                assertThat(read.aggressionTypes()).containsExactlyElementsOf(attack.aggressionTypes());
                assertThat(read.contributors()).containsExactlyElementsOf(attack.contributors());
                assertThat(read.rightsDefended()).containsExactlyElementsOf(attack.rightsDefended());
                assertThat(read.genderElements()).containsExactlyElementsOf(attack.genderElements());
                assertThat(read.perpetrators())
                        .extracting(
                                StatisticsRecord.Perpetrator::perpetrator, StatisticsRecord.Perpetrator::involvement)
                        .containsExactlyElementsOf(attack.perpetrators().stream()
                                .map(p -> org.assertj.core.groups.Tuple.tuple(p.perpetrator(), p.involvement()))
                                .toList());
                assertThat(read.publicName()).isEqualTo(java.util.Optional.ofNullable(attack.publicName()));
            }
        }
    }

    @Test
    void countriesAreSkewedTheFirstSeveralTimesTheLast() {
        List<Long> shares = FEDERATION.origins().stream()
                .map(o -> o.count(SyntheticEntry.Kind.SHARE))
                .toList();
        assertThat(FEDERATION.origins())
                .extracting(SyntheticOrigin::country)
                .containsExactly("HN", "MX", "GT", "SV", "NI");
        assertThat(shares).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(shares.get(0)).isGreaterThanOrEqualTo(4 * shares.get(shares.size() - 1));
        // and the volumes are those asked for: 6,000 a year for two years, give or take rounding
        assertThat(shares.stream().mapToLong(Long::longValue).sum()).isBetween(11_990L, 12_010L);
    }

    @Test
    void someDefendersAreAttackedAgainAndAgainMostOnce() {
        for (SyntheticOrigin origin : FEDERATION.origins()) {
            Map<String, Integer> attacksPer = new HashMap<>();
            origin.entries().stream()
                    .filter(e -> e.kind() == SyntheticEntry.Kind.SHARE)
                    .flatMap(e -> e.attack().orElseThrow().contributors().stream())
                    .forEach(c -> attacksPer.merge(c, 1, Integer::sum));
            long once = attacksPer.values().stream().filter(n -> n == 1).count();
            int most = attacksPer.values().stream()
                    .mapToInt(Integer::intValue)
                    .max()
                    .orElseThrow();
            assertThat(attacksPer.keySet()).allMatch(c -> c.matches("ctb-[0-9a-f]{32}"));
            // a heavy tail: most people once, a few many times
            assertThat(once).as(origin.country()).isGreaterThan(attacksPer.size() / 2);
            assertThat(most).as(origin.country()).isGreaterThanOrEqualTo(20);
            assertThat(attacksPer.values().stream().filter(n -> n >= 5).count()).isPositive();
        }
    }

    @Test
    void someCodesAreRareAndEveryActiveTypeCanOccur() {
        Map<String, Long> typeCounts = attacks().stream()
                .flatMap(a -> a.aggressionTypes().stream())
                .collect(Collectors.groupingBy(t -> t, Collectors.counting()));
        long attacks = attacks().size();
        List<String> active = Vocabulary.load().scheme("aggression-type").map(Scheme::terms).orElseThrow().stream()
                .filter(t -> !t.retired())
                .map(Term::code)
                .toList();
        assertThat(typeCounts.keySet()).isSubsetOf(active);
        assertThat(typeCounts.keySet()).hasSizeGreaterThan(active.size() * 3 / 4);
        long commonest =
                typeCounts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long rarest = active.stream()
                .mapToLong(t -> typeCounts.getOrDefault(t, 0L))
                .min()
                .orElseThrow();
        assertThat(commonest).isGreaterThan(attacks / 10);
        assertThat(rarest).isLessThan(attacks / 200);
        assertThat(typeCounts.getOrDefault("femicide", 0L)).isLessThan(commonest / 10);
    }

    @Test
    void scopesPeriodsAndEmptyListsAreMixedAsInRealRegistries() {
        List<SyntheticAttack> attacks = attacks();
        Map<String, Long> scopes =
                attacks.stream().collect(Collectors.groupingBy(SyntheticAttack::scope, Collectors.counting()));
        assertThat(scopes.get("statistics")).isGreaterThan(attacks.size() * 3L / 4);
        assertThat(scopes.get("case")).isGreaterThan(attacks.size() / 20L);
        assertThat(scopes.get("public")).isBetween(attacks.size() / 200L, attacks.size() / 50L);
        assertThat(attacks.stream().filter(SyntheticAttack::isPublic))
                .allMatch(a -> a.publicName().matches("(Defensora|Colectivo) sintétic[ao] [0-9]+"));
        assertThat(attacks.stream().filter(a -> a.period().length() == 4).count())
                .isBetween(attacks.size() / 50L, attacks.size() / 5L);
        assertThat(attacks.stream().filter(a -> a.perpetrators().isEmpty()).count())
                .isPositive();
        assertThat(attacks.stream().filter(a -> a.rightsDefended().isEmpty()).count())
                .isPositive();
        TreeSet<String> years =
                attacks.stream().map(SyntheticAttack::year).collect(Collectors.toCollection(TreeSet::new));
        assertThat(years).containsExactly("2023", "2024");
    }

    @Test
    void aFewRecordsAreAmendedAndAFewRevokedNeverBeforeTheyAreShared() {
        for (SyntheticOrigin origin : FEDERATION.origins()) {
            SortedSet<String> shared = new TreeSet<>();
            SortedSet<String> revoked = new TreeSet<>();
            for (SyntheticEntry e : origin.entries()) {
                String record = e.record().toString();
                switch (e.kind()) {
                    case SHARE ->
                        assertThat(shared.add(record)).as("shared once").isTrue();
                    case AMEND -> {
                        assertThat(shared).contains(record);
                        assertThat(revoked).doesNotContain(record);
                    }
                    case REVOKE -> {
                        assertThat(shared).contains(record);
                        assertThat(revoked.add(record)).as("revoked once").isTrue();
                    }
                }
            }
            assertThat(origin.count(SyntheticEntry.Kind.AMEND)).isPositive();
            assertThat(origin.count(SyntheticEntry.Kind.REVOKE)).isPositive();
            assertThat(origin.currentRecords()).hasSize(shared.size() - revoked.size());
        }
    }

    private static List<SyntheticAttack> attacks() {
        return FEDERATION.origins().stream()
                .flatMap(o -> o.entries().stream())
                .filter(e -> e.kind() == SyntheticEntry.Kind.SHARE)
                .map(e -> e.attack().orElseThrow())
                .toList();
    }

    private static List<String> contents(SyntheticFederation federation) {
        return federation.origins().stream()
                .flatMap(o -> o.entries().stream()
                        .map(e -> o.origin() + " " + e.kind() + " " + e.record() + " " + e.content()))
                .toList();
    }
}
