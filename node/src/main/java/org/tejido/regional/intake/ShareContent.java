package org.tejido.regional.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tejido.ledger.leaf.LeafKind;
import org.tejido.vocabulary.SchemeName;
import org.tejido.vocabulary.Term;
import org.tejido.vocabulary.Vocabulary;

/**
 * Minimization enforced at the receiver: whether the content sent beside a leaf is exactly what a
 * national node writes for that leaf's kind (docs/federation-protocol.md, section 5, "Content
 * allow-list"). A share must be strict JSON (UTF-8, one object, no trailing data), of one of the
 * scopes a node emits, with exactly the fields of that scope's allow-list, each of its type, every
 * code in the vocabulary, the statistics period never finer than the month, and bounded sizes.
 *
 * <p>Two versions of the content are accepted: version 2 ({@code "version": 2} at the root), whose
 * statistics carry the pseudonyms of who the attack was against ({@code contributors}), which nodes
 * write now; and version 1 (no {@code version}), without them, which logs written before still hold.
 *
 * <p>The allow-lists are those of the national writer ({@code national.sharing.Minimization} and the
 * records {@code StatisticsShare}, {@code CaseShare}, {@code PublicShare}, serialized by {@code
 * SharingLog.payload}); the regional role may not depend on national code, so they are written out
 * here and {@code ShareContentTest} checks them against real shares from that writer.
 *
 * <p>A violation is a fixed code, optionally followed by {@code " at "} and the JSON path of an
 * allow-listed place ({@code $.share.period}): never a value from the payload, nor a field name the
 * sender chose.
 */
final class ShareContent {
    /** Codes are checked against this vocabulary: the only one, which shares do not name (their version is the content's). */
    static final String VOCABULARY_VERSION = "tejido-vocabulary/v1";
    /** Items of each list: {@code AttackRules.MAX_LIST}. */
    static final int MAX_LIST = 50;
    /** The summary written for sharing: {@code AttackRules.MAX_SHARING_SUMMARY}. */
    static final int MAX_SUMMARY = 2_000;
    /**
     * A public name or summary. Each consent bounds its own (300 and 2,000 characters), but the node
     * joins those of all the attack's defenders with "; ", so only the payload's size bounds them.
     */
    static final int MAX_PUBLIC_TEXT = BatchVerifier.MAX_PAYLOAD;
    /** A key rotation's verifier key: {@code <origin, 1 to 255 bytes>+<8 hex>+<44 base64>} (log-format.md 5, 8). */
    static final int MAX_VERIFIER_KEY = 255 + 1 + 8 + 1 + 44;
    /** Longer than any code of the vocabulary: no need to read the text to know it is none. */
    private static final int MAX_CODE = 64;

    static final String NOT_JSON = "content.not_json";
    static final String TRAILING_DATA = "content.trailing_data";
    static final String TOO_LONG = "content.too_long";
    static final String TOO_DEEP = "content.too_deep";
    static final String UNKNOWN_SCOPE = "content.unknown_scope";
    static final String UNKNOWN_FIELD = "content.unknown_field";
    static final String MISSING_FIELD = "content.missing_field";
    static final String DUPLICATE_FIELD = "content.duplicate_field";
    static final String WRONG_TYPE = "content.wrong_type";
    static final String UNKNOWN_CODE = "content.unknown_code";
    static final String DUPLICATE_CODE = "content.duplicate_code";
    static final String MALFORMED_VALUE = "content.malformed_value";
    static final String PRECISION = "content.precision";
    static final String UNEXPECTED_CONTENT = "content.unexpected";
    static final String UNKNOWN_VERSION = "content.unknown_version";

    /** The content version with contributors; content without a version is version 1, without them. */
    static final int VERSION_WITH_CONTRIBUTORS = 2;
    /** The key of the version, at the root; absent in version 1. */
    static final String VERSION = "version";
    /** The key of the contributors' pseudonyms in the statistics: required in version 2, absent in version 1. */
    static final String CONTRIBUTORS = "contributors";
    /** A contributor's pseudonym: {@code ctb-} and 32 lowercase hex digits (ContributorPseudonyms). */
    static final String CONTRIBUTOR_PREFIX = "ctb-";
    /** A case id: {@code case-} and 32 lowercase hex digits (Pseudonyms). */
    static final String CASE_ID_PREFIX = "case-";

    /** The scopes a node emits ({@code SharedAttack.scope()}); {@code none} never leaves a node. */
    static final Set<String> SCOPES = Set.of("statistics", "case", "public");

    /** The root's keys; {@code version} only in version 2. */
    static final List<String> ROOT_FIELDS = List.of("scope", "share", VERSION);
    /** The statistics' keys; {@code contributors} only in version 2. */
    static final List<String> STATISTICS_FIELDS = List.of(
            "aggressionTypes",
            CONTRIBUTORS,
            "country",
            "genderElements",
            "period",
            "perpetrators",
            "rightsDefended",
            "subdivision",
            "targetKind",
            "verificationStatus");

    static final List<String> PERPETRATOR_FIELDS = List.of("involvement", "perpetrator");
    static final List<String> CASE_FIELDS = List.of("caseId", "occurredOn", "statistics", "summary");
    static final List<String> PUBLIC_FIELDS = List.of("caseShare", "publicName", "publicSummary");

    /** Nested arrays and objects: a public share nests 6 ($, share, caseShare, statistics, perpetrators, one of them). */
    static final int MAX_DEPTH = 8;

    // The paths of the objects a share may hold, as details name them.
    private static final String SHARE = "$.share";
    private static final String SHARE_STATISTICS = "$.share.statistics";
    private static final String SHARE_CASE = "$.share.caseShare";
    private static final String SHARE_CASE_STATISTICS = "$.share.caseShare.statistics";

    private static final Vocabulary VOCABULARY = Vocabulary.load();
    private static final JsonFactory JSON = JsonFactory.builder()
            // Keys the sender chose are not kept in the factory's table of names, which outlives the payload.
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder()
                    // Only the depth can be exceeded: no string, number or name is longer than a payload.
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(BatchVerifier.MAX_PAYLOAD)
                    .maxNumberLength(BatchVerifier.MAX_PAYLOAD)
                    .maxNameLength(BatchVerifier.MAX_PAYLOAD)
                    .build())
            .build();

    private ShareContent() {}

    /** What the check found: the content is acceptable (with its scope, for a share), or refused. */
    sealed interface Checked {
        /** @param scope the scope a share was minimized for; empty for content that is not a share */
        record Allowed(Optional<String> scope) implements Checked {}

        /** @param detail a fixed detail code (see the class comment) */
        record Refused(String detail) implements Checked {}
    }

    private static final Checked ALLOWED = new Checked.Allowed(Optional.empty());

    /**
     * @param payload the content sent beside a leaf of this kind; null or empty is always acceptable
     *     (content erased or withheld at the source: whether a salt may come with it is checked elsewhere)
     * @return empty when acceptable, else a fixed detail code (see the class comment)
     */
    static Optional<String> violation(LeafKind kind, byte[] payload) {
        return check(kind, payload) instanceof Checked.Refused refused
                ? Optional.of(refused.detail())
                : Optional.empty();
    }

    /**
     * As {@link #violation}, and a share's scope read by the same parse: the intake keeps it beside the
     * content (one parse per share on arrival instead of two, docs/benchmarks.md).
     */
    static Checked check(LeafKind kind, byte[] payload) {
        if (payload == null || payload.length == 0) {
            return ALLOWED;
        }
        return switch (kind) {
            case SHARED, AMENDED -> share(payload);
            // The next log key's verifier key; OriginLedger parses it and checks its name.
            case KEY_ROTATION -> payload.length <= MAX_VERIFIER_KEY ? ALLOWED : new Checked.Refused(TOO_LONG);
            // A node writes retractions and erasures with an empty payload, and never writes padding.
            case CONSENT_REVOKED, ERASURE_DONE, PADDING -> new Checked.Refused(UNEXPECTED_CONTENT);
        };
    }

    private static Checked share(byte[] payload) {
        if (payload.length > BatchVerifier.MAX_PAYLOAD) {
            return new Checked.Refused(TOO_LONG);
        }
        CharBuffer text;
        try {
            // Strict UTF-8 (RFC 8259, 8.1): the parser alone would also take UTF-16 and UTF-32.
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload));
        } catch (CharacterCodingException e) {
            return new Checked.Refused(NOT_JSON);
        }
        if (text.hasRemaining() && text.get(text.position()) == '\uFEFF') {
            return new Checked.Refused(NOT_JSON); // and no byte order mark
        }
        try (JsonParser parser = parser(text)) {
            String scope = root(parser, text);
            JsonToken after;
            try {
                after = parser.nextToken();
            } catch (IOException e) {
                after = JsonToken.NOT_AVAILABLE;
            }
            return after == null ? new Checked.Allowed(Optional.of(scope)) : new Checked.Refused(TRAILING_DATA);
        } catch (Violation v) {
            return new Checked.Refused(v.detail);
        } catch (StreamConstraintsException e) {
            return new Checked.Refused(TOO_DEEP);
        } catch (IOException e) {
            return new Checked.Refused(NOT_JSON);
        }
    }

    private static JsonParser parser(CharBuffer text) throws IOException {
        return JSON.createParser(text.array(), text.arrayOffset() + text.position(), text.remaining());
    }

    /**
     * {"scope": one of SCOPES, "share": the object of that scope, "version": 2 or absent}, in any order;
     * returns the scope. The version decides whether the statistics must carry contributors or must not;
     * the node writes it after the share (its keys are sorted), so that is checked once both are read.
     */
    private static String root(JsonParser p, CharBuffer text) throws IOException, Violation {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new Violation(NOT_JSON);
        }
        Fields fields = new Fields(ROOT_FIELDS, "$").optional(VERSION);
        String scope = null;
        boolean withContributors = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = fields.next(p);
            p.nextToken();
            if (name.equals("scope")) {
                scope = scope(p);
            } else if (name.equals(VERSION)) {
                version(p);
            } else {
                if (scope == null) {
                    scope = scopeAhead(text);
                }
                withContributors = switch (scope) {
                    case "statistics" -> statistics(p, SHARE);
                    case "case" -> caseShare(p, SHARE, SHARE_STATISTICS);
                    default -> publicShare(p);
                };
            }
        }
        if (scope == null) {
            throw new Violation(UNKNOWN_SCOPE);
        }
        fields.requireAll();
        String statistics = switch (scope) {
            case "statistics" -> SHARE;
            case "case" -> SHARE_STATISTICS;
            default -> SHARE_CASE_STATISTICS;
        };
        if (fields.has(VERSION) && !withContributors) {
            throw new Violation(MISSING_FIELD, statistics, CONTRIBUTORS);
        }
        if (!fields.has(VERSION) && withContributors) {
            throw new Violation(UNKNOWN_FIELD, statistics, null); // version 1 has no contributors
        }
        return scope;
    }

    /** The integer 2, nothing else: 1 is never written (version 1 has no version), nor 2.0, "2" or 02. */
    private static void version(JsonParser p) throws IOException, Violation {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
                || p.getTextLength() != 1
                || !p.getText().equals(String.valueOf(VERSION_WITH_CONTRIBUTORS))) {
            throw new Violation(UNKNOWN_VERSION);
        }
    }

    private static String scope(JsonParser p) throws IOException, Violation {
        if (p.currentToken() != JsonToken.VALUE_STRING || p.getTextLength() > 16 || !SCOPES.contains(p.getText())) {
            throw new Violation(UNKNOWN_SCOPE);
        }
        return p.getText();
    }

    /** The share came before its scope: the scope is read first from a parser of its own. */
    private static String scopeAhead(CharBuffer text) throws IOException, Violation {
        try (JsonParser p = parser(text)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean isScope = "scope".equals(p.currentName());
                p.nextToken();
                if (isScope) {
                    return scope(p);
                }
                p.skipChildren();
            }
        }
        throw new Violation(UNKNOWN_SCOPE);
    }

    /**
     * {@code StatisticsShare}: codes, country, subdivision, month (or year), target kind, gender elements,
     * and in version 2 the contributors' pseudonyms.
     *
     * @return whether it holds contributors (the root checks them against the version)
     */
    private static boolean statistics(JsonParser p, String path) throws IOException, Violation {
        Fields fields =
                new Fields(STATISTICS_FIELDS, path).optional(CONTRIBUTORS).open(p);
        String country = null;
        String subdivision = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = fields.next(p);
            p.nextToken();
            switch (name) {
                case "country" -> country = code(p, SchemeName.COUNTRY, path, name);
                case "subdivision" ->
                    subdivision = p.currentToken() == JsonToken.VALUE_NULL
                            ? null
                            : code(p, SchemeName.SUBDIVISION, path, name);
                case "period" -> period(p, path, name);
                case "targetKind" -> code(p, SchemeName.TARGET_KIND, path, name);
                case CONTRIBUTORS -> contributors(p, path);
                case "aggressionTypes" -> codes(p, SchemeName.AGGRESSION_TYPE, path, name, "aggressionTypes[]");
                case "perpetrators" -> perpetrators(p, path);
                case "rightsDefended" -> codes(p, SchemeName.RIGHT_DEFENDED, path, name, "rightsDefended[]");
                case "genderElements" -> codes(p, SchemeName.GENDER_ELEMENT, path, name, "genderElements[]");
                default -> code(p, SchemeName.VERIFICATION_STATUS, path, name);
            }
        }
        fields.requireAll();
        if (subdivision != null) {
            Term term = VOCABULARY.find(SchemeName.SUBDIVISION, subdivision).orElseThrow();
            if (!country.equals(term.group())) {
                throw new Violation(UNKNOWN_CODE, path, "subdivision");
            }
        }
        return fields.has(CONTRIBUTORS);
    }

    /**
     * {@code CaseShare}: the statistics, a pseudonymous case id, the date down to the day, the summary.
     *
     * @return whether its statistics hold contributors
     */
    private static boolean caseShare(JsonParser p, String path, String statisticsPath) throws IOException, Violation {
        Fields fields = new Fields(CASE_FIELDS, path).open(p);
        boolean withContributors = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = fields.next(p);
            p.nextToken();
            switch (name) {
                case "caseId" -> pseudonym(p, CASE_ID_PREFIX, path, name);
                case "occurredOn" -> {
                    if (precision(string(p, 10, MALFORMED_VALUE, path, name)) < 0) {
                        throw new Violation(MALFORMED_VALUE, path, name);
                    }
                }
                case "statistics" -> withContributors = statistics(p, statisticsPath);
                default -> nullableString(p, MAX_SUMMARY, path, name);
            }
        }
        fields.requireAll();
        return withContributors;
    }

    /**
     * {@code PublicShare}: the case, plus what the defender or her family made public.
     *
     * @return whether its statistics hold contributors
     */
    private static boolean publicShare(JsonParser p) throws IOException, Violation {
        Fields fields = new Fields(PUBLIC_FIELDS, SHARE).open(p);
        boolean withContributors = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = fields.next(p);
            p.nextToken();
            if (name.equals("caseShare")) {
                withContributors = caseShare(p, SHARE_CASE, SHARE_CASE_STATISTICS);
            } else {
                nullableString(p, MAX_PUBLIC_TEXT, SHARE, name);
            }
        }
        fields.requireAll();
        return withContributors;
    }

    /**
     * 1 to 50 pseudonyms, strictly ascending (so distinct), as the node writes them
     * (Minimization.contributors): one order for one set of people, so equal content has equal bytes.
     */
    private static void contributors(JsonParser p, String path) throws IOException, Violation {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new Violation(WRONG_TYPE, path, CONTRIBUTORS);
        }
        String previous = null;
        int count = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (count == MAX_LIST) {
                throw new Violation(TOO_LONG, path, CONTRIBUTORS);
            }
            String pseudonym = pseudonym(p, CONTRIBUTOR_PREFIX, path, CONTRIBUTORS + "[]");
            if (previous != null) {
                int order = previous.compareTo(pseudonym);
                if (order == 0) {
                    throw new Violation(DUPLICATE_CODE, path, CONTRIBUTORS);
                }
                if (order > 0) {
                    throw new Violation(MALFORMED_VALUE, path, CONTRIBUTORS); // not sorted
                }
            }
            previous = pseudonym;
            count++;
        }
        if (count == 0) {
            throw new Violation(MALFORMED_VALUE, path, CONTRIBUTORS); // a share is about someone
        }
    }

    /** {@code [{"involvement": code, "perpetrator": code}, ...]}; the node may repeat a pair. */
    private static void perpetrators(JsonParser p, String path) throws IOException, Violation {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new Violation(WRONG_TYPE, path, "perpetrators");
        }
        int count = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (++count > MAX_LIST) {
                throw new Violation(TOO_LONG, path, "perpetrators");
            }
            Fields fields = new Fields(PERPETRATOR_FIELDS, path, "perpetrators[]").open(p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean perpetrator = fields.next(p).equals("perpetrator");
                p.nextToken();
                if (perpetrator) {
                    code(p, SchemeName.PERPETRATOR, path, "perpetrators[].perpetrator");
                } else {
                    code(p, SchemeName.INVOLVEMENT, path, "perpetrators[].involvement");
                }
            }
            fields.requireAll();
        }
    }

    /** A list of distinct codes of one scheme (the node's lists are sorted and distinct). */
    private static void codes(JsonParser p, SchemeName scheme, String path, String name, String item)
            throws IOException, Violation {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new Violation(WRONG_TYPE, path, name);
        }
        List<String> seen = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (seen.size() == MAX_LIST) {
                throw new Violation(TOO_LONG, path, name);
            }
            String code = code(p, scheme, path, item);
            if (seen.contains(code)) {
                throw new Violation(DUPLICATE_CODE, path, name);
            }
            seen.add(code);
        }
    }

    /** A code of the vocabulary, retired or not: an attack recorded before a code was retired still shares it. */
    private static String code(JsonParser p, SchemeName scheme, String path, String name)
            throws IOException, Violation {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new Violation(WRONG_TYPE, path, name);
        }
        String code = p.getTextLength() <= MAX_CODE ? p.getText() : null;
        if (code == null || VOCABULARY.find(scheme, code).isEmpty()) {
            throw new Violation(UNKNOWN_CODE, path, name);
        }
        return code;
    }

    /** {@code yyyy-mm} or {@code yyyy}: never the day (Minimization.month). */
    private static void period(JsonParser p, String path, String name) throws IOException, Violation {
        int precision = precision(string(p, 10, MALFORMED_VALUE, path, name));
        if (precision == DAY) {
            throw new Violation(PRECISION, path, name);
        }
        if (precision < 0) {
            throw new Violation(MALFORMED_VALUE, path, name);
        }
    }

    /**
     * The prefix and 32 lowercase hex digits: an HMAC-SHA256, truncated to 16 bytes, of the node's attack
     * id (a case id, Pseudonyms) or of a defender code (a contributor, ContributorPseudonyms).
     */
    private static String pseudonym(JsonParser p, String prefix, String path, String name)
            throws IOException, Violation {
        int length = prefix.length() + 32;
        String id = string(p, length, MALFORMED_VALUE, path, name);
        boolean wellFormed = id.length() == length && id.startsWith(prefix);
        for (int i = prefix.length(); wellFormed && i < length; i++) {
            char c = id.charAt(i);
            wellFormed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        }
        if (!wellFormed) {
            throw new Violation(MALFORMED_VALUE, path, name);
        }
        return id;
    }

    /** @param tooLong the code when longer: a date or an id longer than its form is malformed rather than long */
    private static String string(JsonParser p, int maxLength, String tooLong, String path, String name)
            throws IOException, Violation {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new Violation(WRONG_TYPE, path, name);
        }
        if (p.getTextLength() > maxLength) {
            throw new Violation(tooLong, path, name);
        }
        return p.getText();
    }

    /** Free text or null; lengths in UTF-16 units, as the node's String.length() bounds them. */
    private static void nullableString(JsonParser p, int maxLength, String path, String name)
            throws IOException, Violation {
        if (p.currentToken() != JsonToken.VALUE_NULL) {
            string(p, maxLength, TOO_LONG, path, name);
        }
    }

    private static final int YEAR = 0;
    private static final int MONTH = 1;
    private static final int DAY = 2;

    /**
     * The precision of a partial date as the node writes it (PartialDate): {@code yyyy}, {@code yyyy-mm}
     * or {@code yyyy-mm-dd}, ASCII digits, a date that exists, the year from 1900; -1 for anything else.
     */
    static int precision(String text) {
        int length = text.length();
        boolean wellFormed = (length == 4 || length == 7 || length == 10)
                && digits(text, 0, 4)
                && (length == 4 || text.charAt(4) == '-' && digits(text, 5, 7))
                && (length != 10 || text.charAt(7) == '-' && digits(text, 8, 10));
        if (!wellFormed) {
            return -1;
        }
        int year = Integer.parseInt(text, 0, 4, 10);
        int month = length >= 7 ? Integer.parseInt(text, 5, 7, 10) : 1;
        int day = length == 10 ? Integer.parseInt(text, 8, 10, 10) : 1;
        try {
            LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return -1;
        }
        if (year < 1900) {
            return -1;
        }
        return length == 4 ? YEAR : length == 7 ? MONTH : DAY;
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The fields of one object of the share: each allow-listed, each once, all present. */
    private static final class Fields {
        private final List<String> allowed;
        private final String path;
        private final String name;
        private final boolean[] seen;
        private String optional;

        /** @param name the object's key in its parent at {@code path}, or null when {@code path} is the object's */
        Fields(List<String> allowed, String path, String name) {
            this.allowed = allowed;
            this.path = path;
            this.name = name;
            this.seen = new boolean[allowed.size()];
        }

        Fields(List<String> allowed, String path) {
            this(allowed, path, null);
        }

        /** A key of the allow-list that may be absent (one that only version 2 has). */
        Fields optional(String key) {
            this.optional = key;
            return this;
        }

        boolean has(String key) {
            return seen[allowed.indexOf(key)];
        }

        Fields open(JsonParser p) throws Violation {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw violation(WRONG_TYPE, null);
            }
            return this;
        }

        /** The current field's name, known to be allow-listed and not seen before in this object. */
        String next(JsonParser p) throws IOException, Violation {
            int i = allowed.indexOf(p.currentName());
            if (i < 0) {
                throw violation(UNKNOWN_FIELD, null); // the object's path: never the name the sender chose
            }
            if (seen[i]) {
                throw violation(DUPLICATE_FIELD, allowed.get(i));
            }
            seen[i] = true;
            return allowed.get(i);
        }

        void requireAll() throws Violation {
            for (int i = 0; i < seen.length; i++) {
                if (!seen[i] && !allowed.get(i).equals(optional)) {
                    throw violation(MISSING_FIELD, allowed.get(i));
                }
            }
        }

        private Violation violation(String code, String field) {
            String object = name == null ? path : path + "." + name;
            return new Violation(code, object, field);
        }
    }

    /** A refusal found while reading: a fixed code and, when known, an allow-listed place. */
    private static final class Violation extends Exception {
        private static final long serialVersionUID = 1L;
        private final String detail;

        Violation(String code) {
            super(code, null, false, false);
            this.detail = code;
        }

        /** @param name a key of the allow-list under {@code path}, or null for the object at {@code path} itself */
        Violation(String code, String path, String name) {
            this(code + " at " + (name == null ? path : path + "." + name));
        }
    }
}
