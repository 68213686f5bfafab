package org.tejido.national.sharing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.tejido.national.attack.AttackFacts;
import org.tejido.national.attack.Classification;
import org.tejido.national.attack.Location;
import org.tejido.national.attack.PartialDate;
import org.tejido.national.attack.PerpetratorInvolvement;
import org.tejido.national.attack.Source;
import org.tejido.national.attack.Target;
import org.tejido.national.consent.SharingScope;
import org.tejido.vocabulary.Scheme;
import org.tejido.vocabulary.SchemeName;
import org.tejido.vocabulary.Term;
import org.tejido.vocabulary.Vocabulary;

/**
 * For tests outside this package (the aggregator's content checks): the exact bytes the national
 * writer puts in a shared entry, through the same path as {@code SharingLog} (Minimization, then
 * SharingLog.payload), and attacks to feed it, random or at the edges of what AttackRules and
 * ConsentRules let a registrar record.
 */
public final class SharePayloads {
    private static final Vocabulary VOCABULARY = Vocabulary.load();
    private static final Pseudonyms PSEUDONYMS = new Pseudonyms(new byte[32]);
    private static final ContributorPseudonyms CONTRIBUTORS = new ContributorPseudonyms(new byte[32]);

    private SharePayloads() {}

    /** The payload of a shared or amended entry about {@code attack} under {@code scope} (not none). */
    public static byte[] payload(AttackForSharing attack, SharingScope scope) {
        return SharingLog.payload(Minimization.minimize(attack, scope, PSEUDONYMS, CONTRIBUTORS)
                .orElseThrow(() -> new IllegalArgumentException("scope none shares nothing")));
    }

    /** A random attack as AttackRules would accept it, with identifying values that must never leave. */
    public static AttackForSharing randomAttack(Random random) {
        String country = pick(random, codes(SchemeName.COUNTRY, true));
        List<String> subdivisions = subdivisionsOf(country);
        String targetKind = pick(random, codes(SchemeName.TARGET_KIND, true));
        List<String> defenders = new ArrayList<>();
        for (int d = random.nextInt(4); d > 0; d--) {
            defenders.add(country + "-SECRET-" + random.nextInt(1_000_000));
        }
        List<PerpetratorInvolvement> perpetrators = new ArrayList<>();
        for (int p = random.nextInt(4); p > 0; p--) {
            perpetrators.add(new PerpetratorInvolvement(
                    pick(random, codes(SchemeName.PERPETRATOR, true)),
                    pick(random, codes(SchemeName.INVOLVEMENT, true))));
        }
        // Recorded codes may have been retired since: the share still carries them.
        boolean old = random.nextInt(10) == 0;
        AttackFacts facts = new AttackFacts(
                new Target(
                        targetKind,
                        "close-person".equals(targetKind) ? pick(random, codes(SchemeName.RELATIONSHIP, true)) : null,
                        defenders),
                randomDate(random),
                new Location(
                        country,
                        random.nextBoolean() ? pick(random, subdivisions) : null,
                        random.nextBoolean() ? "MUNICIPIO-SECRETO-" + random.nextInt(1_000_000) : null),
                List.of(new Source(
                        pick(random, codes(SchemeName.SOURCE_KIND, true)),
                        pick(random, codes(SchemeName.SOURCE_RELIABILITY, true)))),
                pick(random, codes(SchemeName.VERIFICATION_STATUS, true)),
                "NARRATIVA-SECRETA-" + random.nextLong());
        Classification classification = new Classification(
                some(random, codes(SchemeName.AGGRESSION_TYPE, !old), 1),
                perpetrators,
                some(random, codes(SchemeName.RIGHT_DEFENDED, true), 0),
                some(random, codes(SchemeName.GENDER_ELEMENT, true), 0));
        return new AttackForSharing(
                new UUID(random.nextLong(), random.nextLong()).toString(),
                facts,
                classification,
                random.nextInt(5) == 0 ? null : "Resumen para compartir ñ \"citado\"\n" + random.nextLong(),
                random.nextInt(5) == 0 ? null : "Nombre Público " + random.nextLong(),
                random.nextInt(5) == 0 ? null : "Resumen público " + random.nextLong());
    }

    /**
     * A large attack a registrar can record: every code of every list, 50 perpetrators (pairs may
     * repeat), two defenders, a retired code, a day-precision date, a 2,000-character summary with
     * characters outside the BMP, and a public name longer than one consent allows (joined from several
     * defenders'). Its public share is about 100 bytes under 8 KiB, room for the tests' additions: with
     * more defenders it is over (each adds a contributor's pseudonym, 39 bytes), see
     * {@link #largestAttack(int)}.
     */
    public static AttackForSharing largestAttack() {
        return largestAttack(2);
    }

    /** As {@link #largestAttack()}, naming {@code defenders} defenders (AttackRules allows up to 50). */
    public static AttackForSharing largestAttack(int defenderCount) {
        List<PerpetratorInvolvement> perpetrators = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            perpetrators.add(new PerpetratorInvolvement("unknown", "direct"));
        }
        List<String> defenders = new ArrayList<>();
        for (int i = 0; i < defenderCount; i++) {
            defenders.add(String.format("MX-%04d", i + 1));
        }
        List<String> aggressionTypes = codes(SchemeName.AGGRESSION_TYPE, false);
        AttackFacts facts = new AttackFacts(
                new Target("defender", null, defenders),
                PartialDate.parse("2024-02-29"),
                new Location("MX", subdivisionsOf("MX").get(0), "Municipio"),
                List.of(),
                "verified",
                "narrativa");
        Classification classification = new Classification(
                aggressionTypes,
                perpetrators,
                codes(SchemeName.RIGHT_DEFENDED, true),
                codes(SchemeName.GENDER_ELEMENT, true));
        String summary = "\uD83C\uDF39".repeat(100) + "ñ".repeat(100) + "a".repeat(1_700); // 2,000 UTF-16 units
        return new AttackForSharing(
                UUID.randomUUID().toString(),
                facts,
                classification,
                summary,
                "Nombre de una defensora; ".repeat(36),
                "x".repeat(300));
    }

    public static List<String> codes(SchemeName scheme, boolean activeOnly) {
        return terms(scheme).stream()
                .filter(t -> !activeOnly || !t.retired())
                .map(Term::code)
                .toList();
    }

    public static List<String> subdivisionsOf(String country) {
        return terms(SchemeName.SUBDIVISION).stream()
                .filter(t -> country.equals(t.group()))
                .map(Term::code)
                .toList();
    }

    private static List<Term> terms(SchemeName scheme) {
        return VOCABULARY.scheme(scheme.id()).map(Scheme::terms).orElseThrow();
    }

    private static PartialDate randomDate(Random random) {
        int year = 1900 + random.nextInt(126);
        return switch (random.nextInt(3)) {
            case 0 -> new PartialDate(year, null, null);
            case 1 -> new PartialDate(year, 1 + random.nextInt(12), null);
            default -> new PartialDate(year, 1 + random.nextInt(12), 1 + random.nextInt(28));
        };
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static List<String> some(Random random, List<String> values, int atLeast) {
        List<String> chosen = new ArrayList<>();
        int n = atLeast + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            chosen.add(pick(random, values));
        }
        return chosen;
    }
}
