package org.tejido.regional.statistics.generator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.tejido.vocabulary.Scheme;
import org.tejido.vocabulary.Term;
import org.tejido.vocabulary.Vocabulary;

/**
 * One country's synthetic node: its log, year after year. Its people persist across years (a defender
 * attacked in 2023 may be attacked again in 2024), each known only by a contributor pseudonym computed
 * as a node does (docs/federation-protocol.md section 5), under a key derived from the seed.
 */
final class CountryGenerator {
    private static final Vocabulary VOCABULARY = Vocabulary.load();
    /** The commonest types first, as registries report them; every other active type follows, rarer. */
    private static final List<String> COMMON_TYPES = List.of(
            "harassment",
            "intimidation",
            "smear-campaign",
            "threats",
            "death-threat",
            "surveillance",
            "stigmatization",
            "criminalization",
            "judicial-harassment",
            "online-harassment");
    /** New subject instead of one attacked before: mean attacks per subject about 1 / 0.35. */
    private static final double NEW_SUBJECT = 0.35;

    private static final double AMEND = 0.02;
    private static final double REVOKE = 0.005;

    private static final Skewed<String> TYPES = new Skewed<>(commonFirst(active("aggression-type"), COMMON_TYPES), 1.6);
    private static final Skewed<String> PERPETRATORS = new Skewed<>(active("perpetrator"), 1.0);
    private static final Skewed<String> RIGHTS = new Skewed<>(active("right-defended"), 1.0);
    private static final Skewed<String> ELEMENTS = new Skewed<>(active("gender-element"), 1.0);

    private final SplittableRandom random;
    private final long seed;
    private final String country;
    private final Skewed<String> subdivisions;
    private final Mac contributorKey;
    private final Mac caseKey;
    /** Per kind of subject (person, collective, organization): one pseudonym per subject... */
    private final List<List<String>> subjects = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    /** ...and one index into it per attack on her: drawing uniformly from it favours those attacked most. */
    private final List<List<Integer>> attacksOn = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());

    private final List<SyntheticEntry> entries = new ArrayList<>();
    /** Records shared and not revoked, with their latest content, for amendments and revocations. */
    private final List<SyntheticAttack> live = new ArrayList<>();

    private long attacks;

    CountryGenerator(long seed, String country) {
        if (VOCABULARY.scheme("country").map(Scheme::terms).orElseThrow().stream()
                .noneMatch(t -> t.code().equals(country) && !t.retired())) {
            throw new IllegalArgumentException("not a country of the vocabulary: " + country);
        }
        this.seed = seed;
        this.country = country;
        this.random = new SplittableRandom(seed ^ (country.hashCode() * 0x9E3779B97F4A7C15L));
        this.subdivisions = new Skewed<>(
                VOCABULARY.scheme("subdivision").map(Scheme::terms).orElseThrow().stream()
                        .filter(t -> !t.retired() && country.equals(t.group()))
                        .map(Term::code)
                        .toList(),
                1.0);
        this.contributorKey = hmac("contributor");
        this.caseKey = hmac("case-id");
    }

    List<SyntheticEntry> entries() {
        return entries;
    }

    /** Appends a year of {@code n} attacks, with the amendments and revocations that follow some of them. */
    void year(int year, int n) {
        for (int i = 0; i < n; i++) {
            SyntheticAttack attack = attack(year);
            entries.add(SyntheticEntry.share(attack));
            live.add(attack);
            if (random.nextDouble() < AMEND) {
                amendOne();
            }
            if (random.nextDouble() < REVOKE) {
                revokeOne();
            }
        }
    }

    private SyntheticAttack attack(int year) {
        long number = attacks++;
        UUID record = UUID.nameUUIDFromBytes(
                ("tejido-synthetic/" + seed + "/" + country + "/" + number).getBytes(StandardCharsets.UTF_8));
        double kind = random.nextDouble();
        String targetKind =
                kind < 0.80 ? "defender" : kind < 0.88 ? "collective" : kind < 0.95 ? "organization" : "close-person";
        int pool = switch (targetKind) {
            case "collective" -> 1;
            case "organization" -> 2;
            default -> 0;
        };
        int subject = subject(pool);
        TreeSet<String> contributors = new TreeSet<>(List.of(subjects.get(pool).get(subject)));
        if (pool == 0 && random.nextDouble() < 0.05) {
            contributors.add(subjects.get(0).get(subject(0))); // two defenders attacked together
        }
        boolean yearOnly = random.nextDouble() < 0.07;
        int month = 1 + random.nextInt(12);
        String period = yearOnly ? String.valueOf(year) : String.format("%d-%02d", year, month);
        double s = random.nextDouble();
        String scope = s < 0.01 ? "public" : s < 0.16 ? "case" : "statistics";
        List<SyntheticAttack.Perpetrator> perpetrators = new ArrayList<>();
        for (String p : some(PERPETRATORS, count(0.15, 0.80))) {
            double how = random.nextDouble();
            perpetrators.add(new SyntheticAttack.Perpetrator(
                    p, how < 0.85 ? "direct" : how < 0.95 ? "acquiescence" : "failure-to-protect"));
        }
        double v = random.nextDouble();
        String verification =
                v < 0.55 ? "verified" : v < 0.75 ? "in-verification" : v < 0.95 ? "unverified" : "dismissed";
        String caseId = null;
        String occurredOn = null;
        String summary = null;
        if (!scope.equals("statistics")) {
            caseId = "case-" + hex16(caseKey, record.toString());
            occurredOn = yearOnly
                    ? period
                    : random.nextDouble() < 0.7 ? period + String.format("-%02d", 1 + random.nextInt(28)) : period;
            summary = random.nextDouble() < 0.3 ? "Resumen sintético del caso " + number + "." : null;
        }
        String publicName = null;
        String publicSummary = null;
        if (scope.equals("public")) {
            publicName = (pool == 0 ? "Defensora sintética " : "Colectivo sintético ") + subject;
            publicSummary = random.nextDouble() < 0.5 ? "Caso público sintético " + number + "." : null;
        }
        return new SyntheticAttack(
                record,
                scope,
                country,
                random.nextDouble() < 0.3 || subdivisions.items().isEmpty() ? null : subdivisions.draw(random),
                period,
                targetKind,
                some(TYPES, 1 + count(0.60, 0.90)),
                List.copyOf(contributors),
                perpetrators,
                some(RIGHTS, count(0.20, 0.80)),
                some(ELEMENTS, count(0.55, 0.90)),
                verification,
                caseId,
                occurredOn,
                summary,
                publicName,
                publicSummary);
    }

    /** An earlier record amended: verified since, or one more type found. */
    private void amendOne() {
        int at = random.nextInt(live.size());
        SyntheticAttack before = live.get(at);
        TreeSet<String> types = new TreeSet<>(before.aggressionTypes());
        String status = before.verificationStatus();
        if (status.equals("verified")) {
            types.add(TYPES.draw(random));
        } else {
            status = "verified";
        }
        SyntheticAttack after = before.amended(status, List.copyOf(types));
        live.set(at, after);
        entries.add(SyntheticEntry.amend(after));
    }

    /** An earlier record's consent revoked: it leaves every count. */
    private void revokeOne() {
        int at = random.nextInt(live.size());
        SyntheticAttack gone = live.get(at);
        live.set(at, live.get(live.size() - 1));
        live.remove(live.size() - 1);
        entries.add(SyntheticEntry.revoke(gone.record()));
    }

    /**
     * A subject of the pool: a new one with probability {@link #NEW_SUBJECT}, else one attacked before,
     * chosen in proportion to how often she was (Yule–Simon: a heavy tail of attacks per subject).
     */
    private int subject(int pool) {
        List<String> names = subjects.get(pool);
        List<Integer> attacked = attacksOn.get(pool);
        int subject;
        if (names.isEmpty() || random.nextDouble() < NEW_SUBJECT) {
            subject = names.size();
            String code = country + "-SYN-" + pool + "-" + subject;
            names.add("ctb-" + hex16(contributorKey, "tejido/v2/contributor\0" + code));
        } else {
            subject = attacked.get(random.nextInt(attacked.size()));
        }
        attacked.add(subject);
        return subject;
    }

    /** 0 with probability {@code none}, 1 up to {@code one}, else 2. */
    private int count(double none, double one) {
        double u = random.nextDouble();
        return u < none ? 0 : u < one ? 1 : 2;
    }

    private List<String> some(Skewed<String> codes, int k) {
        Set<String> out = new TreeSet<>();
        while (out.size() < k) {
            out.add(codes.draw(random));
        }
        return List.copyOf(out);
    }

    private static String hex16(Mac key, String message) {
        byte[] mac = key.doFinal(message.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac, 0, 16);
    }

    /** A key of the synthetic node, derived from the seed: stable per seed and country, never a real one. */
    private Mac hmac(String purpose) {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256")
                    .digest(("tejido-synthetic/" + purpose + "/" + seed + "/" + country)
                            .getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> active(String scheme) {
        return VOCABULARY.scheme(scheme).map(Scheme::terms).orElseThrow().stream()
                .filter(t -> !t.retired())
                .map(Term::code)
                .toList();
    }

    private static List<String> commonFirst(List<String> active, List<String> common) {
        Set<String> ordered = new LinkedHashSet<>();
        common.stream().filter(active::contains).forEach(ordered::add);
        ordered.addAll(active);
        return List.copyOf(ordered);
    }
}
