package org.tejido.regional.statistics.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.tejido.regional.statistics.StatisticsRecord;

/**
 * Reads the content the intake keeps beside a share into the record the statistics count
 * (docs/federation-protocol.md section 5, "Content allow-list"). The intake refused any content outside
 * that allow-list before keeping it ({@code regional/intake/ShareContent}), so this reader only takes
 * out what it needs; content it cannot read is a bug, never input to skip: it throws
 * {@link UnreadableContent}, and the intake's transaction rolls back.
 *
 * <p>Version 1 ({@code {"scope", "share"}}) carries no contributors: the record gets the single
 * pseudonym {@code v1:<origin>} (the worst case, see {@link StatisticsRecord}). Version 2 ({@code
 * {"version": 2, "scope", "share"}}) carries them in the statistics object.
 */
final class StatisticsContent {
    /** The contributor of every version-1 record of an origin. */
    static final String V1_PREFIX = "v1:";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern PERIOD = Pattern.compile("[0-9]{4}(-(0[1-9]|1[0-2]))?");

    private StatisticsContent() {}

    /**
     * @param targetId the record's id in the origin's log, as {@code regional_payload.target_id} holds it
     * @param index the log index of the entry this content is beside
     * @throws UnreadableContent when the content is not a share of a known version and scope
     */
    static StatisticsRecord read(String origin, UUID targetId, long index, byte[] payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            throw new UnreadableContent("not JSON", origin, index);
        }
        if (root == null || !root.isObject()) {
            throw new UnreadableContent("not an object", origin, index);
        }
        int version = version(root, origin, index);
        String scope = text(root, "scope", origin, index);
        JsonNode share = object(root, "share", origin, index);
        JsonNode statistics;
        Optional<String> publicName = Optional.empty();
        switch (scope) {
            case "statistics" -> statistics = share;
            case "case" -> statistics = object(share, "statistics", origin, index);
            case "public" -> {
                statistics = object(object(share, "caseShare", origin, index), "statistics", origin, index);
                publicName = nullableText(share, "publicName", origin, index);
            }
            default -> throw new UnreadableContent("unknown scope", origin, index);
        }
        String period = text(statistics, "period", origin, index);
        if (!PERIOD.matcher(period).matches()) {
            throw new UnreadableContent("period neither YYYY-MM nor YYYY", origin, index);
        }
        SortedSet<String> contributors;
        if (version == 1) {
            if (statistics.has("contributors")) {
                throw new UnreadableContent("contributors in version 1", origin, index);
            }
            contributors = new TreeSet<>(List.of(V1_PREFIX + origin));
        } else {
            contributors = codes(statistics, "contributors", origin, index);
        }
        try {
            return new StatisticsRecord(
                    origin,
                    hex(targetId),
                    index,
                    scope,
                    text(statistics, "country", origin, index),
                    period,
                    text(statistics, "targetKind", origin, index),
                    text(statistics, "verificationStatus", origin, index),
                    codes(statistics, "aggressionTypes", origin, index),
                    perpetrators(statistics, origin, index),
                    codes(statistics, "rightsDefended", origin, index),
                    codes(statistics, "genderElements", origin, index),
                    contributors,
                    publicName);
        } catch (IllegalArgumentException e) {
            throw new UnreadableContent("not a record", origin, index);
        }
    }

    /** A target id as the log writes it: 32 lowercase hex characters. */
    static String hex(UUID targetId) {
        return String.format("%016x%016x", targetId.getMostSignificantBits(), targetId.getLeastSignificantBits());
    }

    private static int version(JsonNode root, String origin, long index) {
        JsonNode version = root.get("version");
        if (version == null) {
            return 1;
        }
        if (!version.isInt() || version.intValue() != 2) {
            throw new UnreadableContent("unknown version", origin, index);
        }
        return 2;
    }

    private static JsonNode object(JsonNode parent, String field, String origin, long index) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new UnreadableContent("no object " + field, origin, index);
        }
        return node;
    }

    private static String text(JsonNode parent, String field, String origin, long index) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual()) {
            throw new UnreadableContent("no text " + field, origin, index);
        }
        return node.textValue();
    }

    private static Optional<String> nullableText(JsonNode parent, String field, String origin, long index) {
        JsonNode node = parent.get(field);
        if (node == null || !(node.isNull() || node.isTextual())) {
            throw new UnreadableContent("no text or null " + field, origin, index);
        }
        return Optional.ofNullable(node.textValue());
    }

    private static SortedSet<String> codes(JsonNode parent, String field, String origin, long index) {
        SortedSet<String> codes = new TreeSet<>();
        for (JsonNode item : array(parent, field, origin, index)) {
            if (!item.isTextual() || !codes.add(item.textValue())) {
                throw new UnreadableContent("not distinct texts " + field, origin, index);
            }
        }
        return codes;
    }

    private static List<StatisticsRecord.Perpetrator> perpetrators(JsonNode parent, String origin, long index) {
        List<StatisticsRecord.Perpetrator> perpetrators = new ArrayList<>();
        for (JsonNode item : array(parent, "perpetrators", origin, index)) {
            if (!item.isObject()) {
                throw new UnreadableContent("perpetrator not an object", origin, index);
            }
            perpetrators.add(new StatisticsRecord.Perpetrator(
                    text(item, "perpetrator", origin, index), text(item, "involvement", origin, index)));
        }
        return perpetrators;
    }

    private static JsonNode array(JsonNode parent, String field, String origin, long index) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isArray()) {
            throw new UnreadableContent("no array " + field, origin, index);
        }
        return node;
    }

    /**
     * Content the intake kept but this reader cannot read: the receiver's check and this reader disagree.
     * The message names the rule and where (origin, index), never a value of the content.
     */
    static final class UnreadableContent extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        UnreadableContent(String rule, String origin, long index) {
            super("statistics: content kept by the intake is unreadable (" + rule + ") at " + origin + " index "
                    + index);
        }
    }
}
