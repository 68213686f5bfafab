package org.tejido.regional.statistics.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A synthetic federation for demos, tests and benchmarks (issue 23): national nodes of real vocabulary
 * countries, each with a log of version-2 shares and a few amendments and revocations, deterministic
 * from a seed. Nothing in it is real: people are numbered pseudonyms under a key derived from the seed,
 * public names read "Defensora sintética N".
 *
 * <p>What it imitates (per country and year, see {@link CountryGenerator}): volumes skewed between
 * countries (Zipf: the first country has {@code n^skew} times the last's attacks), defenders attacked
 * repeatedly (a preferential-attachment draw, so a few defenders carry many attacks), codes drawn with
 * skew over the vocabulary's active codes (some rare), periods mostly months and some years only, records
 * without perpetrator or right, scopes mostly {@code statistics}, some {@code case}, about 1% {@code
 * public}.
 */
public final class SyntheticFederation {
    /** The vocabulary's countries, most attacks first (the brief: Honduras alone records about 2,700 a year). */
    public static final List<String> COUNTRIES = List.of("HN", "MX", "GT", "SV", "NI");

    /**
     * @param seed everything is drawn from it: the same settings give the same federation
     * @param countries vocabulary country codes, the largest volume first
     * @param attacksPerYear attacks shared per year by the whole federation, before skew between countries
     * @param firstYear the first year of the log
     * @param years how many years, one after the other
     * @param countrySkew the Zipf exponent between countries (1: the k-th country has 1/k of the first's)
     */
    public record Settings(
            long seed, List<String> countries, int attacksPerYear, int firstYear, int years, double countrySkew) {
        public Settings {
            countries = List.copyOf(countries);
            if (countries.isEmpty() || attacksPerYear < countries.size() || years < 1 || countrySkew < 0) {
                throw new IllegalArgumentException("a federation needs countries, attacks and years");
            }
        }

        /** Five countries, 8,000 attacks a year in all (the brief's recent volumes), the year 2024. */
        public static Settings defaults(long seed) {
            return new Settings(seed, COUNTRIES, 8_000, 2024, 1, 1.0);
        }

        public Settings withAttacksPerYear(int value) {
            return new Settings(seed, countries, value, firstYear, years, countrySkew);
        }

        public Settings withYears(int first, int count) {
            return new Settings(seed, countries, attacksPerYear, first, count, countrySkew);
        }

        public Settings withCountries(List<String> value) {
            return new Settings(seed, value, attacksPerYear, firstYear, years, countrySkew);
        }

        /** The attacks per year of the country of rank {@code rank} (from 0). */
        public int attacksPerYear(int rank) {
            double sum = 0;
            for (int r = 1; r <= countries.size(); r++) {
                sum += Skewed.weight(r, countrySkew);
            }
            return (int) Math.max(1, Math.round(attacksPerYear * Skewed.weight(rank + 1, countrySkew) / sum));
        }
    }

    private final Settings settings;
    private final List<SyntheticOrigin> origins;

    private SyntheticFederation(Settings settings, List<SyntheticOrigin> origins) {
        this.settings = settings;
        this.origins = List.copyOf(origins);
    }

    public static SyntheticFederation generate(Settings settings) {
        List<SyntheticOrigin> origins = new ArrayList<>();
        for (int rank = 0; rank < settings.countries().size(); rank++) {
            String country = settings.countries().get(rank);
            CountryGenerator generator = new CountryGenerator(settings.seed(), country);
            for (int y = 0; y < settings.years(); y++) {
                generator.year(settings.firstYear() + y, settings.attacksPerYear(rank));
            }
            origins.add(new SyntheticOrigin(origin(country), country, generator.entries()));
        }
        return new SyntheticFederation(settings, origins);
    }

    /** The origin name of a country's synthetic node: a reserved domain, never a real network's. */
    public static String origin(String country) {
        Objects.requireNonNull(country);
        return country.toLowerCase(Locale.ROOT) + ".synthetic.example.org/" + country + "/v1";
    }

    public Settings settings() {
        return settings;
    }

    public List<SyntheticOrigin> origins() {
        return origins;
    }

    public long entries() {
        return origins.stream().mapToLong(o -> o.entries().size()).sum();
    }
}
