package org.tejido.regional.statistics.release;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.tejido.regional.statistics.disclosure.Parameters;

/**
 * The text the aggregator signs for a release (docs/statistics-releases.md): what was published (the
 * SHA-256 of the release's canonical content), how (algorithm and parameters), and exactly what from
 * (per origin, the tree size and root hash of the checkpoint whose entries were counted), so that an
 * auditor can recompute the release from the logs alone. It is the body of a c2sp.org/signed-note.
 * Strict both ways: {@code parse(n.text())} equals {@code n}, and only canonical texts parse.
 *
 * @param number the release's number within its period, from 1
 * @param sources one per origin counted, in origin order
 */
public record ReleaseNote(
        String name,
        String period,
        int number,
        String algorithm,
        Parameters parameters,
        Instant computedAt,
        byte[] contentSha256,
        List<Source> sources) {

    public static final String FORMAT = "tejido-release/v1";

    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final Pattern PERIOD = Pattern.compile("[0-9]{4}");
    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,8}");
    private static final Pattern SIZE = Pattern.compile("0|[1-9][0-9]{0,18}");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    /** An origin's checkpoint whose entries the release counted. */
    public record Source(String origin, long treeSize, byte[] rootHash) {
        public Source {
            if (!TOKEN.matcher(origin).matches()) {
                throw new IllegalArgumentException("origin must be printable ASCII without spaces");
            }
            if (treeSize < 0 || rootHash.length != 32) {
                throw new IllegalArgumentException("a checkpoint has a size and a 32-byte root");
            }
            rootHash = rootHash.clone();
        }

        @Override
        public byte[] rootHash() {
            return rootHash.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Source s
                    && origin.equals(s.origin)
                    && treeSize == s.treeSize
                    && java.util.Arrays.equals(rootHash, s.rootHash);
        }

        @Override
        public int hashCode() {
            return Objects.hash(origin, treeSize, java.util.Arrays.hashCode(rootHash));
        }
    }

    public ReleaseNote {
        if (!TOKEN.matcher(name).matches() || !TOKEN.matcher(algorithm).matches()) {
            throw new IllegalArgumentException("name and algorithm must be printable ASCII without spaces");
        }
        if (!PERIOD.matcher(period).matches() || number < 1) {
            throw new IllegalArgumentException("a release is of a year, numbered from 1");
        }
        Objects.requireNonNull(parameters, "parameters");
        computedAt = computedAt.truncatedTo(ChronoUnit.SECONDS);
        if (contentSha256.length != 32) {
            throw new IllegalArgumentException("the content's digest is 32 bytes");
        }
        contentSha256 = contentSha256.clone();
        List<Source> sorted = new ArrayList<>(sources);
        sorted.sort(Comparator.comparing(Source::origin));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).origin().equals(sorted.get(i - 1).origin())) {
                throw new IllegalArgumentException("an origin named twice");
            }
        }
        sources = List.copyOf(sorted);
    }

    @Override
    public byte[] contentSha256() {
        return contentSha256.clone();
    }

    public String text() {
        StringBuilder out = new StringBuilder()
                .append(FORMAT)
                .append('\n')
                .append("name ")
                .append(name)
                .append('\n')
                .append("period ")
                .append(period)
                .append('\n')
                .append("number ")
                .append(number)
                .append('\n')
                .append("algorithm ")
                .append(algorithm)
                .append('\n')
                .append("threshold ")
                .append(parameters.threshold())
                .append('\n')
                .append("min-width ")
                .append(parameters.minWidth())
                .append('\n')
                .append("computed-at ")
                .append(computedAt)
                .append('\n')
                .append("content sha256:")
                .append(HexFormat.of().formatHex(contentSha256))
                .append('\n');
        for (Source s : sources) {
            out.append("source ")
                    .append(s.origin())
                    .append(' ')
                    .append(s.treeSize())
                    .append(' ')
                    .append(Base64.getEncoder().encodeToString(s.rootHash()))
                    .append('\n');
        }
        return out.toString();
    }

    /** The note's text, refused unless it is exactly what {@link #text()} writes. */
    public static ReleaseNote parse(String text) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("release text must end with a newline");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 9 || !lines[0].equals(FORMAT)) {
            throw new IllegalArgumentException("not a " + FORMAT + " text");
        }
        try {
            String name = field(lines[1], "name");
            String period = field(lines[2], "period");
            int number = Integer.parseInt(matching(field(lines[3], "number"), NUMBER));
            String algorithm = field(lines[4], "algorithm");
            int threshold = Integer.parseInt(matching(field(lines[5], "threshold"), NUMBER));
            int minWidth = Integer.parseInt(matching(field(lines[6], "min-width"), NUMBER));
            Instant computedAt = Instant.parse(field(lines[7], "computed-at"));
            String content = field(lines[8], "content");
            if (!content.startsWith("sha256:")
                    || !HEX.matcher(content.substring(7)).matches()) {
                throw new IllegalArgumentException("content must be sha256:<64 lowercase hex>");
            }
            List<Source> sources = new ArrayList<>();
            for (int i = 9; i < lines.length; i++) {
                String[] parts = field(lines[i], "source").split(" ", -1);
                if (parts.length != 3) {
                    throw new IllegalArgumentException("a source is origin, size and root");
                }
                byte[] root = Base64.getDecoder().decode(parts[2]);
                if (root.length != 32
                        || !Base64.getEncoder().encodeToString(root).equals(parts[2])) {
                    throw new IllegalArgumentException("root must be canonical base64 of 32 bytes");
                }
                sources.add(new Source(parts[0], Long.parseLong(matching(parts[1], SIZE)), root));
            }
            ReleaseNote note = new ReleaseNote(
                    name,
                    period,
                    number,
                    algorithm,
                    new Parameters(threshold, minWidth),
                    computedAt,
                    HexFormat.of().parseHex(content.substring(7)),
                    sources);
            if (!note.text().equals(text)) {
                throw new IllegalArgumentException("release text is not in its canonical form");
            }
            return note;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("malformed release text", e);
        }
    }

    private static String field(String line, String label) {
        if (!line.startsWith(label + " ")) {
            throw new IllegalArgumentException("expected " + label);
        }
        return line.substring(label.length() + 1);
    }

    private static String matching(String value, Pattern pattern) {
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("malformed number");
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReleaseNote n && text().equals(n.text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }
}
