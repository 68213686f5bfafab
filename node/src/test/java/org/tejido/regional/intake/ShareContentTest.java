package org.tejido.regional.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tejido.ledger.crypto.Ed25519KeyPair;
import org.tejido.ledger.leaf.LeafKind;
import org.tejido.ledger.note.NoteSigner;
import org.tejido.national.attack.AttackFacts;
import org.tejido.national.attack.Classification;
import org.tejido.national.attack.Location;
import org.tejido.national.attack.PartialDate;
import org.tejido.national.attack.PerpetratorInvolvement;
import org.tejido.national.attack.Target;
import org.tejido.national.consent.SharingScope;
import org.tejido.national.sharing.AttackForSharing;
import org.tejido.national.sharing.SharePayloads;
import org.tejido.vocabulary.Vocabulary;

/**
 * The aggregator's content allow-list against the national writer itself: every share the writer
 * produces passes, and whatever a node could add beyond its scope is refused with a fixed code that
 * holds nothing of the payload. Random attacks are seeded; a failure prints the seed.
 */
class ShareContentTest {
    static final long SEED = Long.getLong("tejido.property-seed", System.nanoTime());
    static final List<SharingScope> SCOPES = List.of(SharingScope.STATISTICS, SharingScope.CASE, SharingScope.PUBLIC);
    /** A detail: a fixed code, optionally " at " and a path made only of allow-listed names. */
    static final Pattern DETAIL = Pattern.compile("(content\\.[a-z_]+)(?: at (\\$(?:\\.[A-Za-z]+(?:\\[\\])?)*))?");

    private static final ObjectMapper JSON = new ObjectMapper();

    // ---- What the national writer produces passes -------------------------------------------------

    @Test
    void givenRandomAttacks_thenEveryShareTheNationalWriterProducesPasses() {
        Random random = new Random(SEED);
        for (int i = 0; i < 2_000; i++) {
            AttackForSharing attack = SharePayloads.randomAttack(random);
            for (SharingScope scope : SCOPES) {
                byte[] payload = SharePayloads.payload(attack, scope);
                for (LeafKind kind : List.of(LeafKind.SHARED, LeafKind.AMENDED)) {
                    assertThat(ShareContent.violation(kind, payload))
                            .as("seed %d, case %d, %s, %s: %s", SEED, i, scope, kind, shown(payload))
                            .isEmpty();
                }
            }
        }
    }

    /**
     * Fifty contributors (the most an attack names) take 1,950 bytes: a statistics share with every code
     * still fits in 8 KiB, with room to spare (docs/federation-protocol.md, section 5, sizes).
     */
    @Test
    void givenFiftyDefenders_thenTheStatisticsShareWithEveryCodeFits() {
        byte[] payload =
                SharePayloads.payload(SharePayloads.largestAttack(ShareContent.MAX_LIST), SharingScope.STATISTICS);
        assertThat(payload.length).isLessThanOrEqualTo(BatchVerifier.MAX_PAYLOAD - 2_000);
        assertThat(ShareContent.violation(LeafKind.SHARED, payload)).isEmpty();
    }

    @Test
    void givenTheLargestAttackARegistrarCanRecord_thenEveryScopePasses() {
        AttackForSharing attack = SharePayloads.largestAttack();
        for (SharingScope scope : SCOPES) {
            byte[] payload = SharePayloads.payload(attack, scope);
            assertThat(payload.length).isLessThanOrEqualTo(BatchVerifier.MAX_PAYLOAD);
            assertThat(ShareContent.violation(LeafKind.SHARED, payload))
                    .as(scope.name())
                    .isEmpty();
        }
        assertThat(attack.publicName().length()).isGreaterThan(300); // joined from several consents
        assertThat(attack.sharingSummary()).hasSize(ShareContent.MAX_SUMMARY);
    }

    /** The allow-lists are exactly the writer's fields: a field added to a share record fails here. */
    @Test
    void theAllowListsAreExactlyTheFieldsTheWriterEmits() throws Exception {
        AttackForSharing attack = SharePayloads.largestAttack();
        JsonNode statistics = JSON.readTree(SharePayloads.payload(attack, SharingScope.STATISTICS));
        JsonNode caseShare = JSON.readTree(SharePayloads.payload(attack, SharingScope.CASE));
        JsonNode publicShare = JSON.readTree(SharePayloads.payload(attack, SharingScope.PUBLIC));

        assertThat(names(statistics)).isEqualTo(new TreeSet<>(ShareContent.ROOT_FIELDS));
        assertThat(statistics.get("scope").asText()).isEqualTo("statistics");
        assertThat(caseShare.get("scope").asText()).isEqualTo("case");
        assertThat(publicShare.get("scope").asText()).isEqualTo("public");
        assertThat(names(statistics.get("share"))).isEqualTo(new TreeSet<>(ShareContent.STATISTICS_FIELDS));
        assertThat(names(statistics.at("/share/perpetrators/0")))
                .isEqualTo(new TreeSet<>(ShareContent.PERPETRATOR_FIELDS));
        assertThat(names(caseShare.get("share"))).isEqualTo(new TreeSet<>(ShareContent.CASE_FIELDS));
        assertThat(names(caseShare.at("/share/statistics"))).isEqualTo(new TreeSet<>(ShareContent.STATISTICS_FIELDS));
        assertThat(names(publicShare.get("share"))).isEqualTo(new TreeSet<>(ShareContent.PUBLIC_FIELDS));
        assertThat(names(publicShare.at("/share/caseShare"))).isEqualTo(new TreeSet<>(ShareContent.CASE_FIELDS));
        assertThat(ShareContent.SCOPES)
                .containsExactlyInAnyOrder(
                        SharingScope.STATISTICS.code(), SharingScope.CASE.code(), SharingScope.PUBLIC.code());
        assertThat(Vocabulary.load().version()).isEqualTo(ShareContent.VOCABULARY_VERSION);
    }

    /** What the writer emits for one attack, byte for byte: the format section 5 documents. */
    @Test
    void theWriterEmitsTheDocumentedShape() {
        AttackForSharing attack = oneAttack();
        String statistics = "{\"aggressionTypes\":[\"death-threat\"],"
                + "\"contributors\":[\"ctb-d7608d1ea5680e4c948b2ddd09018f05\"],"
                + "\"country\":\"MX\",\"genderElements\":[],"
                + "\"period\":\"2024-03\",\"perpetrators\":[{\"involvement\":\"direct\",\"perpetrator\":\"police\"}],"
                + "\"rightsDefended\":[\"land-and-territory\"],\"subdivision\":\"MX-OAX\",\"targetKind\":\"defender\","
                + "\"verificationStatus\":\"verified\"}";
        String caseShare = Pattern.quote("{\"caseId\":\"case-") + "[0-9a-f]{32}"
                + Pattern.quote("\",\"occurredOn\":\"2024-03-15\",\"statistics\":" + statistics + ",\"summary\":null}");

        assertThat(text(SharePayloads.payload(attack, SharingScope.STATISTICS)))
                .isEqualTo("{\"scope\":\"statistics\",\"share\":" + statistics + ",\"version\":2}");
        assertThat(text(SharePayloads.payload(attack, SharingScope.CASE)))
                .matches(
                        Pattern.quote("{\"scope\":\"case\",\"share\":") + caseShare + Pattern.quote(",\"version\":2}"));
        assertThat(text(SharePayloads.payload(attack, SharingScope.PUBLIC)))
                .matches(Pattern.quote("{\"scope\":\"public\",\"share\":{\"caseShare\":")
                        + caseShare
                        + Pattern.quote(",\"publicName\":\"Nombre\",\"publicSummary\":null},\"version\":2}"));
        for (SharingScope scope : SCOPES) {
            assertThat(ShareContent.violation(LeafKind.SHARED, SharePayloads.payload(attack, scope)))
                    .isEmpty();
            assertThat(ShareContent.check(LeafKind.SHARED, SharePayloads.payload(attack, scope)))
                    .as("the scope read by the same parse, kept beside the content")
                    .isEqualTo(new ShareContent.Checked.Allowed(Optional.of(scope.code())));
        }
    }

    @Test
    void givenAnyOrderAndWhitespace_thenStillAccepted() {
        assertAccepted(" {\n \"share\" : {\"verificationStatus\":\"verified\",\"targetKind\":\"defender\","
                + "\"subdivision\":null,\"rightsDefended\":[],\"perpetrators\":[],\"period\":\"2024\","
                + "\"genderElements\":[],\"country\":\"GT\",\"aggressionTypes\":[\"defamation\"]},\n"
                + " \"scope\" : \"statistics\" } \n");
        assertThat(ShareContent.check(
                        LeafKind.SHARED,
                        ("{\"share\":{\"verificationStatus\":\"verified\",\"targetKind\":\"defender\","
                                        + "\"subdivision\":null,\"rightsDefended\":[],\"perpetrators\":[],"
                                        + "\"period\":\"2024\",\"genderElements\":[],\"country\":\"GT\","
                                        + "\"aggressionTypes\":[\"defamation\"]},\"scope\":\"statistics\"}")
                                .getBytes(StandardCharsets.UTF_8)))
                .as("a share before its scope")
                .isEqualTo(new ShareContent.Checked.Allowed(Optional.of("statistics")));
    }

    // ---- Versions: 2 with contributors, 1 (no version) without them ------------------------------

    /** Content logged before version 2 (the same writer, without version and contributors) still passes. */
    @Test
    void givenRandomAttacks_thenTheirVersion1ContentPasses() {
        Random random = new Random(SEED);
        for (int i = 0; i < 500; i++) {
            AttackForSharing attack = SharePayloads.randomAttack(random);
            for (SharingScope scope : SCOPES) {
                byte[] payload = version1(SharePayloads.payload(attack, scope));
                assertThat(ShareContent.check(LeafKind.SHARED, payload))
                        .as("seed %d, case %d, %s: %s", SEED, i, scope, shown(payload))
                        .isEqualTo(new ShareContent.Checked.Allowed(Optional.of(scope.code())));
            }
        }
    }

    /**
     * Property: whatever one change a sender makes to the version or the contributors of a real share,
     * of any scope, it is refused with the code and place that change calls for.
     */
    @Test
    void givenRandomAttacks_whenTheVersionOrContributorsAreChanged_thenEachChangeIsRefusedWithItsCode() {
        Random random = new Random(SEED);
        for (int i = 0; i < 500; i++) {
            AttackForSharing attack = SharePayloads.randomAttack(random);
            for (SharingScope scope : SCOPES) {
                String at = statisticsPath(scope);
                byte[] v2 = SharePayloads.payload(attack, scope);
                byte[] v1 = version1(v2);
                String context = "seed " + SEED + ", case " + i + ", " + scope;
                int count = contributorsOf(v2).size();
                String pseudonym = contributorsOf(v2).get(0);

                assertRefusedAs(
                        context,
                        changed(v2, r -> r.remove("version"), null),
                        "content.unknown_field at " + at); // without a version it is version 1
                assertRefusedAs(
                        context,
                        changed(v2, null, st -> st.remove("contributors")),
                        "content.missing_field at " + at + ".contributors");
                assertRefusedAs(
                        context,
                        changed(v1, null, st -> st.putArray("contributors").add(pseudonym)),
                        "content.unknown_field at " + at);
                assertRefusedAs(
                        context,
                        changed(v2, r -> r.put("version", 1 + random.nextInt(2) * 2), null),
                        "content.unknown_version");
                assertRefusedAs(
                        context,
                        changed(v2, null, st -> st.putArray("contributors")),
                        "content.malformed_value at " + at + ".contributors");
                assertRefusedAs(
                        context,
                        changed(v2, null, st -> st.withArray("contributors").add(pseudonym)),
                        count == 1
                                ? "content.duplicate_code at " + at + ".contributors"
                                : "content.malformed_value at " + at + ".contributors");
                assertRefusedAs(
                        context,
                        changed(v2, null, st -> {
                            ArrayNode list = st.withArray("contributors");
                            String one = list.get(random.nextInt(list.size())).asText();
                            int position = 4 + random.nextInt(32);
                            char other = "ABCDEFGHIJKLMNOPQRSTUVWXYZ-g ".charAt(random.nextInt(29));
                            list.set(0, one.substring(0, position) + other + one.substring(position + 1));
                        }),
                        "content.malformed_value at " + at + ".contributors[]");
                if (count > 1) {
                    assertRefusedAs(
                            context,
                            changed(v2, null, st -> {
                                ArrayNode list = st.withArray("contributors");
                                String first = list.get(0).asText();
                                list.set(0, list.get(count - 1).asText());
                                list.set(count - 1, first);
                            }),
                            "content.malformed_value at " + at + ".contributors");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1",
                "3",
                "0",
                "-2",
                "2.0",
                "2e0",
                "20",
                "\"2\"",
                "null",
                "[2]",
                "{}",
                "true",
                "99999999999999999999"
            })
    void givenAVersionNoNodeWrites_thenUnknownVersion(String version) {
        String valid = text(SharePayloads.payload(oneAttack(), SharingScope.STATISTICS));
        assertThat(valid).endsWith(",\"version\":2}");
        assertRefused(valid.replace(",\"version\":2}", ",\"version\":" + version + "}"), "content.unknown_version");
        assertRefused(
                valid.replace(",\"version\":2}", "}").replace("{\"scope\"", "{\"version\":" + version + ",\"scope\""),
                "content.unknown_version");
    }

    @Test
    void givenTheVersionFirstOrBetween_thenStillAccepted_andTwiceADuplicate() {
        String valid = text(SharePayloads.payload(oneAttack(), SharingScope.CASE));
        String first = valid.replace(",\"version\":2}", "}").replace("{\"scope\"", "{\"version\":2,\"scope\"");
        assertAccepted(first);
        assertAccepted(valid.replace(",\"version\":2}", "}").replace(",\"share\"", ", \"version\" : 2 ,\"share\""));
        assertRefused(
                first.replace("{\"version\":2,", "{\"version\":2,\"version\":2,"),
                "content.duplicate_field at $.version");
        assertRefused(
                valid.replace(",\"version\":2}", ",\"version\":2,\"version\":2}"),
                "content.duplicate_field at $.version");
    }

    @Test
    void givenContributorsOfAnotherTypeOrForm_thenWrongTypeOrMalformed() {
        assertRefused(
                statistics(s -> s.put("contributors", "ctb-" + "0".repeat(32))),
                "content.wrong_type at $.share.contributors");
        assertRefused(statistics(s -> s.putNull("contributors")), "content.wrong_type at $.share.contributors");
        assertRefused(statistics(s -> s.putObject("contributors")), "content.wrong_type at $.share.contributors");
        assertRefused(one(s -> s.putArray("contributors").add(7)), "content.wrong_type at $.share.contributors[]");
        assertRefused(one(s -> s.putArray("contributors").addNull()), "content.wrong_type at $.share.contributors[]");
        assertRefused(
                one(s -> s.putArray("contributors").addArray().add("ctb-" + "0".repeat(32))),
                "content.wrong_type at $.share.contributors[]");
        for (String pseudonym : List.of(
                "ctb-",
                "ctb-" + "A".repeat(32),
                "ctb-" + "0".repeat(31),
                "ctb-" + "0".repeat(33),
                "CTB-" + "0".repeat(32),
                "case-" + "0".repeat(32),
                "ctb_" + "0".repeat(32),
                "MX-0001",
                "Juana Pérez")) {
            assertRefused(
                    one(s -> s.putArray("contributors").add(pseudonym)),
                    "content.malformed_value at $.share.contributors[]");
        }
        assertAccepted(one(s -> s.putArray("contributors").add("ctb-" + "0".repeat(32))));
        assertAccepted(one(s -> s.putArray("contributors").add("ctb-0123456789abcdef0123456789abcdef")));
    }

    @Test
    void givenContributorsEmptyUnsortedRepeatedOrOverFifty_thenRefused() {
        String a = "ctb-" + "0".repeat(32);
        String b = "ctb-" + "1".repeat(32);
        assertRefused(one(s -> s.putArray("contributors")), "content.malformed_value at $.share.contributors");
        assertRefused(
                one(s -> s.putArray("contributors").add(b).add(a)), "content.malformed_value at $.share.contributors");
        assertRefused(
                one(s -> s.putArray("contributors").add(a).add(a)), "content.duplicate_code at $.share.contributors");
        assertRefused(
                caseShare(c -> ((ObjectNode) c.get("statistics"))
                        .putArray("contributors")
                        .add(a)
                        .add(b)
                        .add(a)),
                "content.malformed_value at $.share.statistics.contributors");
        assertAccepted(one(s -> s.putArray("contributors").add(a).add(b)));
        byte[] fifty =
                SharePayloads.payload(SharePayloads.largestAttack(ShareContent.MAX_LIST), SharingScope.STATISTICS);
        assertThat(contributorsOf(fifty)).hasSize(ShareContent.MAX_LIST);
        assertAccepted(fifty);
        assertRefused(
                changed(fifty, null, st -> st.withArray("contributors").add("ctb-" + "f".repeat(32))),
                "content.too_long at $.share.contributors");
    }

    @Test
    void givenAVersion1ShareWithContributors_orAVersion2ShareWithout_thenRefusedWhereverTheStatisticsAre() {
        for (SharingScope scope : SCOPES) {
            byte[] v2 = SharePayloads.payload(oneAttack(), scope);
            String at = statisticsPath(scope);
            assertRefused(changed(v2, r -> r.remove("version"), null), "content.unknown_field at " + at);
            assertRefused(
                    changed(v2, null, st -> st.remove("contributors")),
                    "content.missing_field at " + at + ".contributors");
            assertRefused(
                    changed(
                            version1(v2),
                            null,
                            st -> st.putArray("contributors").add("ctb-" + "0".repeat(32))),
                    "content.unknown_field at " + at);
            assertAccepted(version1(v2));
        }
    }

    // ---- A statistics share carrying what only a wider scope, or no scope, may carry ---------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "narrative",
                "summary",
                "name",
                "names",
                "publicName",
                "contacts",
                "phone",
                "email",
                "municipality",
                "defenders",
                "defenderCodes",
                "relationship",
                "sources",
                "attackId",
                "caseId",
                "occurredOn",
                "publicSummary",
                "statistics",
                "vocabulary",
                "scope",
                "NOMBRE-SECRETO"
            })
    void givenAStatisticsShareWithAFieldOutsideItsAllowList_thenUnknownField(String field) {
        assertRefused(
                statistics(s -> s.put(field, "Juana Pérez, +52 55 1234 5678")), "content.unknown_field at $.share");
        assertRefused(statistics(s -> s.putArray(field).add("MX-0001")), "content.unknown_field at $.share");
    }

    @Test
    void givenAStatisticsShareWithAnExactDay_thenPrecision() {
        assertRefused(statistics(s -> s.put("period", "2024-03-15")), "content.precision at $.share.period");
        assertRefused(
                caseShare(c -> ((ObjectNode) c.get("statistics")).put("period", "2024-03-15")),
                "content.precision at $.share.statistics.period");
    }

    @Test
    void givenACaseOrPublicShareWithFieldsBeyondIt_thenUnknownField() {
        assertRefused(caseShare(c -> c.put("narrative", "texto")), "content.unknown_field at $.share");
        assertRefused(caseShare(c -> c.put("publicName", "Juana")), "content.unknown_field at $.share");
        assertRefused(
                caseShare(c -> ((ObjectNode) c.get("statistics")).put("municipality", "Juchitán")),
                "content.unknown_field at $.share.statistics");
        assertRefused(publicShare(p -> p.put("contacts", "x")), "content.unknown_field at $.share");
        assertRefused(
                publicShare(p ->
                        ((ObjectNode) p.get("caseShare")).putArray("defenders").add("MX-0001")),
                "content.unknown_field at $.share.caseShare");
        assertRefused(
                statistics(s -> ((ObjectNode) s.withArray("perpetrators").get(0)).put("name", "Comandante X")),
                "content.unknown_field at $.share.perpetrators[]");
        assertRefused(root(r -> r.put("vocabulary", "tejido-vocabulary/v1")), "content.unknown_field at $");
    }

    @Test
    void givenAShareOfAnotherScopesShape_thenRefused() {
        ObjectNode document = readTree(SharePayloads.payload(SharePayloads.largestAttack(), SharingScope.CASE));
        document.put("scope", "statistics");
        assertRefused(bytes(document), "content.unknown_field at $.share");
        document.put("scope", "public");
        assertRefused(bytes(document), "content.unknown_field at $.share");
    }

    // ---- Scope ------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"none", "secret", "Statistics", "statistics ", "", "case-and-more-than-16"})
    void givenAScopeNoNodeSends_thenUnknownScope(String scope) {
        assertRefused(root(r -> r.put("scope", scope)), "content.unknown_scope");
    }

    @Test
    void givenNoScopeOrAScopeOfAnotherType_thenUnknownScope() {
        assertRefused(root(r -> r.remove("scope")), "content.unknown_scope");
        assertRefused(root(r -> r.put("scope", 1)), "content.unknown_scope");
        assertRefused(root(r -> r.putNull("scope")), "content.unknown_scope");
        assertRefused(root(r -> r.putArray("scope").add("statistics")), "content.unknown_scope");
        assertRefused("{\"share\":{},\"scope\":\"none\"}", "content.unknown_scope");
        assertRefused("{\"scope\":\"statistics\"}", "content.missing_field at $.share");
    }

    // ---- Not JSON, or more than one JSON object --------------------------------------------------

    @Test
    void givenBytesThatAreNotAJsonObject_thenNotJson() {
        byte[] garbage = new byte[300];
        new Random(SEED).nextBytes(garbage);
        assertRefused(garbage, "content.not_json");
        assertRefused(new byte[] {(byte) 0xC3, (byte) 0x28}, "content.not_json"); // invalid UTF-8
        assertRefused("not json", "content.not_json");
        assertRefused("[{\"scope\":\"statistics\"}]", "content.not_json");
        assertRefused("\"statistics\"", "content.not_json");
        assertRefused("{'scope':'statistics'}", "content.not_json");
        assertRefused("{\"scope\":\"statistics\",/* note */\"share\":{}}", "content.not_json");
        assertRefused("{\"scope\":\"statistics\"", "content.not_json"); // truncated
        String valid = text(SharePayloads.payload(SharePayloads.largestAttack(), SharingScope.STATISTICS));
        assertRefused(valid.getBytes(StandardCharsets.UTF_16BE), "content.not_json");
        assertRefused(valid.getBytes(StandardCharsets.UTF_16), "content.not_json"); // with a BOM
        assertRefused("\uFEFF" + valid, "content.not_json");
    }

    @Test
    void givenTrailingContentAfterTheObject_thenTrailingData() {
        String valid = text(SharePayloads.payload(oneAttack(), SharingScope.CASE));
        assertAccepted(valid + " \n\t");
        assertRefused(valid + "x", "content.trailing_data");
        assertRefused(valid + "{}", "content.trailing_data");
        assertRefused(valid + valid, "content.trailing_data");
        assertRefused(valid + "\u0000", "content.trailing_data");
    }

    @Test
    void givenDeepNesting_thenRefusedWithoutDescending() {
        String deep = "[".repeat(2_000) + "]".repeat(2_000);
        assertRefused("{\"share\":" + deep + ",\"scope\":\"statistics\"}", "content.too_deep");
        assertRefused(
                statistics(s -> {
                    ArrayNode array = s.putArray("aggressionTypes");
                    for (int i = 0; i < 20; i++) {
                        array = array.addArray();
                    }
                }),
                "content.wrong_type at $.share.aggressionTypes[]");
        assertRefused(
                "{\"scope\":\"statistics\",\"share\":{\"country\":" + deep + "}}",
                "content.wrong_type at $.share.country");
    }

    // ---- Codes, types, values, sizes ---------------------------------------------------------------

    @Test
    void givenACodeOutsideTheVocabulary_thenUnknownCode() {
        assertRefused(
                statistics(s -> s.putArray("aggressionTypes").add("MX-0001")),
                "content.unknown_code at $.share.aggressionTypes[]");
        assertRefused(statistics(s -> s.put("country", "US")), "content.unknown_code at $.share.country");
        assertRefused(statistics(s -> s.put("subdivision", "Juchitán")), "content.unknown_code at $.share.subdivision");
        assertRefused(statistics(s -> s.put("subdivision", "GT-01")), "content.unknown_code at $.share.subdivision");
        assertRefused(statistics(s -> s.put("targetKind", "person")), "content.unknown_code at $.share.targetKind");
        assertRefused(
                statistics(s -> s.put("verificationStatus", "VERIFIED")),
                "content.unknown_code at $.share.verificationStatus");
        assertRefused(
                statistics(s -> s.putArray("rightsDefended").add("land")),
                "content.unknown_code at $.share.rightsDefended[]");
        assertRefused(
                statistics(s -> s.putArray("genderElements").add("x".repeat(1_000))),
                "content.unknown_code at $.share.genderElements[]");
        assertRefused(
                statistics(s -> ((ObjectNode) s.withArray("perpetrators").get(0)).put("involvement", "police")),
                "content.unknown_code at $.share.perpetrators[].involvement");
        // A code of another scheme is not a code of this one.
        assertRefused(
                statistics(s -> ((ObjectNode) s.withArray("perpetrators").get(0)).put("perpetrator", "direct")),
                "content.unknown_code at $.share.perpetrators[].perpetrator");
    }

    @Test
    void givenAVocabularyVersion_thenUnknownField_sharesNameNone() {
        assertRefused(root(r -> r.put("vocabulary", "tejido-vocabulary/v2")), "content.unknown_field at $");
        assertRefused(statistics(s -> s.put("vocabularyVersion", "v1")), "content.unknown_field at $.share");
    }

    @Test
    void givenAValueOfAnotherJsonType_thenWrongType() {
        assertRefused(statistics(s -> s.put("period", 202403)), "content.wrong_type at $.share.period");
        assertRefused(
                statistics(s -> s.put("aggressionTypes", "death-threat")),
                "content.wrong_type at $.share.aggressionTypes");
        assertRefused(
                statistics(s -> s.putArray("subdivision").add("MX-OAX")), "content.wrong_type at $.share.subdivision");
        assertRefused(statistics(s -> s.putNull("country")), "content.wrong_type at $.share.country");
        assertRefused(statistics(s -> s.put("targetKind", true)), "content.wrong_type at $.share.targetKind");
        assertRefused(
                statistics(s -> s.putArray("perpetrators").add("police")),
                "content.wrong_type at $.share.perpetrators[]");
        assertRefused(statistics(s -> s.putNull("rightsDefended")), "content.wrong_type at $.share.rightsDefended");
        assertRefused(caseShare(c -> c.putObject("summary").put("text", "x")), "content.wrong_type at $.share.summary");
        assertRefused(caseShare(c -> c.putNull("caseId")), "content.wrong_type at $.share.caseId");
        assertRefused(caseShare(c -> c.put("statistics", "x")), "content.wrong_type at $.share.statistics");
        assertRefused(publicShare(p -> p.put("publicName", 7)), "content.wrong_type at $.share.publicName");
        assertRefused(root(r -> r.putArray("share")), "content.wrong_type at $.share");
    }

    @Test
    void givenAMalformedDateOrCaseId_thenMalformedValue() {
        for (String period : List.of("2024-13", "24-03", "2024-3", "1899-12", "2024/03", "２０２４", "2024-03-15T00:00")) {
            assertRefused(statistics(s -> s.put("period", period)), "content.malformed_value at $.share.period");
        }
        for (String date : List.of("2024-02-30", "2023-02-29", "2024-00-01", "15/03/2024", "2024-03-15T10:00:00Z")) {
            assertRefused(caseShare(c -> c.put("occurredOn", date)), "content.malformed_value at $.share.occurredOn");
        }
        for (String id : List.of(
                "case-",
                "6f1c2b7e-0000-4000-8000-000000000001",
                "case-" + "A".repeat(32),
                "case-" + "0".repeat(31),
                "case-" + "0".repeat(33),
                "Juana Pérez")) {
            assertRefused(caseShare(c -> c.put("caseId", id)), "content.malformed_value at $.share.caseId");
        }
        assertAccepted(caseShare(c -> c.put("occurredOn", "2024")));
        assertAccepted(caseShare(c -> c.put("occurredOn", "2024-02")));
        assertAccepted(caseShare(c -> c.put("occurredOn", "2024-02-29")));
    }

    @Test
    void givenAStringOrListOverItsBound_thenTooLong() {
        assertAccepted(caseShare(c -> c.put("summary", "s".repeat(ShareContent.MAX_SUMMARY))));
        assertRefused(
                caseShare(c -> c.put("summary", "s".repeat(ShareContent.MAX_SUMMARY + 1))),
                "content.too_long at $.share.summary");
        assertRefused(
                publicShare(p -> ((ObjectNode) p.get("caseShare")).put("summary", "s".repeat(2_001))),
                "content.too_long at $.share.caseShare.summary");
        assertRefused(
                statistics(s -> {
                    ArrayNode perpetrators = s.putArray("perpetrators");
                    for (int i = 0; i <= ShareContent.MAX_LIST; i++) {
                        perpetrators.addObject().put("involvement", "direct").put("perpetrator", "police");
                    }
                }),
                "content.too_long at $.share.perpetrators");
        byte[] oversized = publicShare(p -> p.put("publicName", "n".repeat(BatchVerifier.MAX_PAYLOAD)));
        assertRefused(oversized, "content.too_long");
        // Longer than one consent's public name or summary: joined from several defenders' consents.
        assertAccepted(publicShare(p -> {
            p.put("publicName", "n".repeat(3_000));
            ((ObjectNode) p.get("caseShare")).putNull("summary");
        }));
    }

    @Test
    void givenARepeatedKeyOrCode_thenDuplicate() {
        String valid = text(SharePayloads.payload(SharePayloads.largestAttack(), SharingScope.CASE));
        assertRefused(
                valid.replaceFirst(Pattern.quote("{\"scope\":\"case\","), "{\"scope\":\"case\",\"scope\":\"case\","),
                "content.duplicate_field at $.scope");
        assertRefused(
                valid.replaceFirst(Pattern.quote("\"country\":\"MX\""), "\"country\":\"MX\",\"country\":\"GT\""),
                "content.duplicate_field at $.share.statistics.country");
        assertRefused(
                valid.replaceFirst(Pattern.quote("\"summary\":"), "\"summary\":null,\"summary\":"),
                "content.duplicate_field at $.share.summary");
        assertRefused(
                valid.replaceFirst(
                        Pattern.quote("{\"involvement\":\"direct\","),
                        "{\"involvement\":\"direct\",\"involvement\":\"direct\","),
                "content.duplicate_field at $.share.statistics.perpetrators[].involvement");
        assertRefused(
                statistics(
                        s -> s.putArray("aggressionTypes").add("death-threat").add("death-threat")),
                "content.duplicate_code at $.share.aggressionTypes");
        // The node may repeat a perpetrator with its involvement (its list is not made distinct).
        assertAccepted(statistics(s -> s.putArray("perpetrators")
                .add(JSON.createObjectNode().put("involvement", "direct").put("perpetrator", "police"))
                .add(JSON.createObjectNode().put("involvement", "direct").put("perpetrator", "police"))));
    }

    @Test
    void givenAMissingField_thenMissingField() {
        assertRefused(statistics(s -> s.remove("subdivision")), "content.missing_field at $.share.subdivision");
        assertRefused(caseShare(c -> c.remove("summary")), "content.missing_field at $.share.summary");
        assertRefused(publicShare(p -> p.remove("publicSummary")), "content.missing_field at $.share.publicSummary");
        assertRefused(
                statistics(s -> ((ObjectNode) s.withArray("perpetrators").get(0)).remove("involvement")),
                "content.missing_field at $.share.perpetrators[].involvement");
    }

    // ---- Other kinds ------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(LeafKind.class)
    void givenNoContent_thenAcceptedForEveryKind_contentErasedAtTheSource(LeafKind kind) {
        assertThat(ShareContent.violation(kind, new byte[0])).isEmpty();
        assertThat(ShareContent.violation(kind, null)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = LeafKind.class,
            names = {"CONSENT_REVOKED", "ERASURE_DONE", "PADDING"})
    void givenContentBesideARetractionErasureOrPadding_thenUnexpected(LeafKind kind) {
        assertThat(ShareContent.violation(
                        kind, SharePayloads.payload(SharePayloads.largestAttack(), SharingScope.CASE)))
                .contains("content.unexpected");
        assertThat(ShareContent.violation(kind, new byte[] {0})).contains("content.unexpected");
    }

    @Test
    void givenAKeyRotation_thenItsVerifierKeyPasses_andOnlyItsSizeIsBounded() {
        String origin = "n".repeat(251) + "/MX/v1".substring(2); // 255 bytes, the longest origin
        assertThat(origin).hasSize(255);
        for (String name : List.of("mx.example.org/MX/v1", origin)) {
            byte[] key = new NoteSigner(name, Ed25519KeyPair.generate(new SecureRandom()))
                    .verifierKey()
                    .format()
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(ShareContent.violation(LeafKind.KEY_ROTATION, key))
                    .as(name)
                    .isEmpty();
            if (name.equals(origin)) {
                assertThat(key).hasSize(ShareContent.MAX_VERIFIER_KEY);
            }
        }
        assertThat(ShareContent.violation(LeafKind.KEY_ROTATION, new byte[ShareContent.MAX_VERIFIER_KEY + 1]))
                .contains("content.too_long");
    }

    // ---- The refusal carries no content ----------------------------------------------------------

    @Test
    void aDetailNeverHoldsAValueOrAKeyTheSenderChose() {
        List<byte[]> refused = new ArrayList<>();
        refused.add(statistics(s -> s.put("JUANA-PEREZ", "MX-0001")));
        refused.add(statistics(s -> s.put("country", "JUANA-PEREZ")));
        refused.add(statistics(s -> s.putArray("aggressionTypes").add("JUANA-PEREZ")));
        refused.add(statistics(s -> s.put("period", "JUANA-PEREZ")));
        refused.add(caseShare(c -> c.put("summary", "JUANA-PEREZ".repeat(500))));
        refused.add(root(r -> r.put("scope", "JUANA-PEREZ")));
        refused.add(root(r -> r.put("JUANA-PEREZ", 1)));
        refused.add("{\"JUANA-PEREZ\":".getBytes(StandardCharsets.UTF_8));
        refused.add(one(s -> s.putArray("contributors").add("MX-0001")));
        refused.add(one(s -> s.putArray("contributors").add("ctb-JUANA-PEREZ")));
        refused.add(one(s -> s.put("contributors", "JUANA-PEREZ")));
        refused.add(root(r -> r.put("version", "JUANA-PEREZ")));
        Set<String> allowListed = new TreeSet<>();
        allowListed.addAll(ShareContent.ROOT_FIELDS);
        allowListed.addAll(ShareContent.STATISTICS_FIELDS);
        allowListed.addAll(ShareContent.PERPETRATOR_FIELDS);
        allowListed.addAll(ShareContent.CASE_FIELDS);
        allowListed.addAll(ShareContent.PUBLIC_FIELDS);
        for (byte[] payload : refused) {
            String detail = ShareContent.violation(LeafKind.SHARED, payload).orElseThrow();
            Matcher matcher = DETAIL.matcher(detail);
            assertThat(matcher.matches()).as(detail).isTrue();
            assertThat(detail).doesNotContain("JUANA").doesNotContain("MX-0001");
            if (matcher.group(2) != null) {
                for (String step : matcher.group(2).substring(1).split("\\.")) {
                    if (!step.isEmpty()) {
                        assertThat(allowListed).as(detail).contains(step.replace("[]", ""));
                    }
                }
            }
        }
    }

    @Test
    void theRefusalTravelsAsInvalidArgumentWithTheContentCode() throws InvalidProtocolBufferException {
        assertThat(RefusalStatus.code(Refusal.CONTENT_OUT_OF_SCOPE)).isEqualTo(com.google.rpc.Code.INVALID_ARGUMENT);
        var error = RefusalStatus.of(Refusal.CONTENT_OUT_OF_SCOPE, "entry 3: content.precision at $.share.period", 5);
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        ErrorInfo info = StatusProto.fromThrowable(error).getDetails(0).unpack(ErrorInfo.class);
        assertThat(info.getReason()).isEqualTo("CONTENT_OUT_OF_SCOPE");
        assertThat(info.getMetadataMap()).containsEntry("code", "content.precision");
    }

    // ---- Helpers ----------------------------------------------------------------------------------

    /** An attack with identifying data, known precisely (to the day), with a public name. */
    private static AttackForSharing oneAttack() {
        return new AttackForSharing(
                "6f1c2b7e-0000-4000-8000-000000000001",
                new AttackFacts(
                        new Target("defender", null, List.of("MX-0001")),
                        PartialDate.parse("2024-03-15"),
                        new Location("MX", "MX-OAX", "Municipio secreto"),
                        List.of(),
                        "verified",
                        "Narrativa secreta"),
                new Classification(
                        List.of("death-threat"),
                        List.of(new PerpetratorInvolvement("police", "direct")),
                        List.of("land-and-territory"),
                        List.of()),
                null,
                "Nombre",
                null);
    }

    /** Where a scope's statistics are, as details name them. */
    private static String statisticsPath(SharingScope scope) {
        return switch (scope) {
            case STATISTICS -> "$.share";
            case CASE -> "$.share.statistics";
            default -> "$.share.caseShare.statistics";
        };
    }

    /** Version-1 content: what the writer wrote before version 2, the same without version and contributors. */
    private static byte[] version1(byte[] payload) {
        return changed(payload, r -> r.remove("version"), st -> st.remove("contributors"));
    }

    /** A payload with its root and its statistics object, wherever the scope puts it, changed. */
    private static byte[] changed(byte[] payload, Consumer<ObjectNode> root, Consumer<ObjectNode> statistics) {
        ObjectNode document = readTree(payload);
        if (root != null) {
            root.accept(document);
        }
        if (statistics != null) {
            statistics.accept((ObjectNode) statisticsOf(document));
        }
        return bytes(document);
    }

    private static JsonNode statisticsOf(JsonNode document) {
        return switch (document.get("scope").asText()) {
            case "statistics" -> document.get("share");
            case "case" -> document.at("/share/statistics");
            default -> document.at("/share/caseShare/statistics");
        };
    }

    private static List<String> contributorsOf(byte[] payload) {
        List<String> contributors = new ArrayList<>();
        statisticsOf(readTree(payload)).get("contributors").forEach(c -> contributors.add(c.asText()));
        return contributors;
    }

    private static void assertRefusedAs(String context, byte[] payload, String detail) {
        assertThat(ShareContent.violation(LeafKind.SHARED, payload))
                .as(context + ": " + shown(payload))
                .contains(detail);
    }

    /** The start of a payload, to name it in a failure without flooding the report. */
    private static String shown(byte[] payload) {
        String text = text(payload);
        return text.length() <= 160 ? text : text.substring(0, 160) + "…";
    }

    private static void assertAccepted(String payload) {
        assertAccepted(payload.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertAccepted(byte[] payload) {
        assertThat(ShareContent.violation(LeafKind.SHARED, payload))
                .as(text(payload))
                .isEmpty();
    }

    private static void assertRefused(String payload, String detail) {
        assertRefused(payload.getBytes(StandardCharsets.UTF_8), detail);
    }

    private static void assertRefused(byte[] payload, String detail) {
        for (LeafKind kind : List.of(LeafKind.SHARED, LeafKind.AMENDED)) {
            Optional<String> violation = ShareContent.violation(kind, payload);
            assertThat(violation).as(shown(payload)).contains(detail);
            assertThat(DETAIL.matcher(violation.get()).matches()).isTrue();
        }
    }

    /** A real statistics share from the national writer, then changed by {@code change}. */
    private static byte[] statistics(Consumer<ObjectNode> change) {
        ObjectNode document = readTree(SharePayloads.payload(SharePayloads.largestAttack(), SharingScope.STATISTICS));
        change.accept((ObjectNode) document.get("share"));
        return bytes(document);
    }

    /** A statistics share about one defender (room for more contributors), then changed by {@code change}. */
    private static byte[] one(Consumer<ObjectNode> change) {
        ObjectNode document = readTree(SharePayloads.payload(oneAttack(), SharingScope.STATISTICS));
        change.accept((ObjectNode) document.get("share"));
        return bytes(document);
    }

    private static byte[] caseShare(Consumer<ObjectNode> change) {
        ObjectNode document = readTree(SharePayloads.payload(SharePayloads.largestAttack(), SharingScope.CASE));
        change.accept((ObjectNode) document.get("share"));
        return bytes(document);
    }

    private static byte[] publicShare(Consumer<ObjectNode> change) {
        ObjectNode document = readTree(SharePayloads.payload(SharePayloads.largestAttack(), SharingScope.PUBLIC));
        change.accept((ObjectNode) document.get("share"));
        return bytes(document);
    }

    private static byte[] root(Consumer<ObjectNode> change) {
        ObjectNode document = readTree(SharePayloads.payload(SharePayloads.largestAttack(), SharingScope.STATISTICS));
        change.accept(document);
        return bytes(document);
    }

    private static ObjectNode readTree(byte[] payload) {
        try {
            return (ObjectNode) JSON.readTree(payload);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(JsonNode document) {
        try {
            return JSON.writeValueAsBytes(document);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
