package org.tejido.federation.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The generated stubs compile, carry the log's bytes unchanged, and match docs/federation-protocol.md. */
class FederationContractTest {

    // Leaf 0 and the signed checkpoint of the worked example in docs/log-format.md section 6.
    private static final byte[] LEAF_0 = HexFormat.of()
            .parseHex("01" + "0014" + "6d782e6578616d706c652e6f72672f4d582f7631" + "0000000000000000"
                    + "0000000000000000000000000000000000000000000000000000000000000000"
                    + "00112233445566778899aabbccddeeff" + "01" + "ffeeddccbbaa99887766554433221100" + "00004d4e"
                    + "e13643dbb43e8941e7bdd34945815a039190e1191f364bc47e301934004c301f");
    private static final String CHECKPOINT_NOTE =
            "mx.example.org/MX/v1\n2\nfo7Vi4bjftF6sxMWUltEF2SNW86ltptxprJHzPbmuao=\n\n"
                    + "\u2014 mx.example.org/MX/v1 LrpZuX/Ehladnw19QlV9iTRpibVXCrqusa821SDak85/9jdt7qdRnOpPRomlQAc/B8c6SAoF/ywsVUiw9Lne6Lwa/AA=\n";

    @Test
    void aPushRequestSurvivesSerializationByteForByte() throws InvalidProtocolBufferException {
        byte[] salt = HexFormat.of().parseHex("202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f");
        byte[] payload = "{\"type\":\"threat\",\"country\":\"MX\"}".getBytes(StandardCharsets.UTF_8);
        PushLogRequest request = PushLogRequest.newBuilder()
                .setBatch(LogBatch.newBuilder()
                        .setOrigin("mx.example.org/MX/v1")
                        .addEntries(LogEntry.newBuilder()
                                .setLeaf(ByteString.copyFrom(LEAF_0))
                                .setPayload(ByteString.copyFrom(payload))
                                .setSalt(ByteString.copyFrom(salt)))
                        .addEntries(LogEntry.newBuilder().setLeaf(ByteString.copyFrom(LEAF_0))) // withheld content
                        .setCheckpointNote(ByteString.copyFrom(CHECKPOINT_NOTE, StandardCharsets.UTF_8))
                        .addConsistencyProof(ByteString.copyFrom(new byte[32])))
                .build();

        PushLogRequest parsed = PushLogRequest.parseFrom(request.toByteArray());

        assertEquals(request, parsed);
        LogBatch batch = parsed.getBatch();
        assertEquals("mx.example.org/MX/v1", batch.getOrigin());
        assertEquals(2, batch.getEntriesCount());
        assertEquals(ByteString.copyFrom(LEAF_0), batch.getEntries(0).getLeaf());
        assertEquals(132, batch.getEntries(0).getLeaf().size());
        assertEquals(ByteString.copyFrom(payload), batch.getEntries(0).getPayload());
        assertEquals(ByteString.copyFrom(salt), batch.getEntries(0).getSalt());
        assertTrue(batch.getEntries(1).getPayload().isEmpty());
        assertTrue(batch.getEntries(1).getSalt().isEmpty());
        assertEquals(CHECKPOINT_NOTE, batch.getCheckpointNote().toString(StandardCharsets.UTF_8));
        assertEquals(1, batch.getConsistencyProofCount());
    }

    @Test
    void theServiceHasTheDocumentedNamesAndShapes() {
        assertEquals("tejido.federation.v1.FederationService", FederationServiceGrpc.SERVICE_NAME);
        assertEquals(
                "tejido.federation.v1.FederationService/PushLog",
                FederationServiceGrpc.getPushLogMethod().getFullMethodName());
        assertEquals(
                MethodType.CLIENT_STREAMING,
                FederationServiceGrpc.getPushLogMethod().getType());
        assertEquals(
                "tejido.federation.v1.FederationService/GetLogState",
                FederationServiceGrpc.getGetLogStateMethod().getFullMethodName());
        assertEquals(
                MethodType.UNARY, FederationServiceGrpc.getGetLogStateMethod().getType());
        assertEquals(
                2, FederationServiceGrpc.getServiceDescriptor().getMethods().size());
        assertEquals(
                "tejido.federation.v1.FederationService",
                FederationProto.getDescriptor()
                        .findServiceByName("FederationService")
                        .getFullName());
    }

    @Test
    void aRefusalTravelsAsAStatusWithErrorInfo() {
        com.google.rpc.Status refusal = com.google.rpc.Status.newBuilder()
                .setCode(Code.FAILED_PRECONDITION_VALUE)
                .setMessage("The leaves do not continue the stored log")
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setDomain("federation.tejido.org")
                        .setReason(RefusalReasons.reason(RefusalReason.REFUSAL_REASON_CHAIN_BROKEN))
                        .putMetadata("stored_size", "2")
                        .putMetadata("code", "chain.index_gap")
                        .build()))
                .build();

        com.google.rpc.Status received = StatusProto.fromThrowable(StatusProto.toStatusRuntimeException(refusal));

        assertEquals(Status.Code.FAILED_PRECONDITION.value(), received.getCode());
        assertEquals(refusal, received);
        assertEquals("CHAIN_BROKEN", RefusalReasons.reason(RefusalReason.REFUSAL_REASON_CHAIN_BROKEN));
    }

    /** Each refusal reason of the .proto is in the doc's table, with the status code its comment names. */
    @Test
    void everyRefusalReasonIsDocumentedWithItsStatusCode() throws IOException {
        String proto = Files.readString(Path.of("src/main/proto/tejido/federation/v1/federation.proto"));
        String doc = Files.readString(Path.of("../docs/federation-protocol.md"));
        Map<String, String> codes = new LinkedHashMap<>();
        Matcher value = Pattern.compile("  // ([A-Z_]+)\\. [^=]*?\\n  REFUSAL_REASON_([A-Z_]+) = \\d+;")
                .matcher(proto);
        while (value.find()) {
            codes.put(value.group(2), value.group(1));
        }

        assertEquals(
                RefusalReason.values().length - 2, codes.size(), codes.toString()); // minus UNSPECIFIED, UNRECOGNIZED
        for (RefusalReason reason : RefusalReason.values()) {
            if (reason == RefusalReason.REFUSAL_REASON_UNSPECIFIED || reason == RefusalReason.UNRECOGNIZED) {
                continue;
            }
            String name = RefusalReasons.reason(reason);
            String code = codes.get(name);
            assertEquals(Status.Code.valueOf(code).name(), code);
            assertTrue(
                    doc.contains("| `" + name + "` | `" + code + "` |"),
                    "docs/federation-protocol.md lacks the row for " + name + " (" + code + ")");
        }
    }

    /** The ErrorInfo reason string of an enum value: its name without the enum's prefix. */
    private static final class RefusalReasons {
        static String reason(RefusalReason value) {
            return value.name().substring("REFUSAL_REASON_".length());
        }
    }
}
