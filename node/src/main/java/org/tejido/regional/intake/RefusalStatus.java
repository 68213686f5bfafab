package org.tejido.regional.intake;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.LocalizedMessage;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A refusal as the wire protocol sends it (federation.proto, RefusalReason): the gRPC status code the
 * reason always travels with, an English status message, and in the details a google.rpc.ErrorInfo
 * (domain federation.tejido.org, the reason's name, metadata) and a Spanish google.rpc.LocalizedMessage.
 */
final class RefusalStatus {
    static final String DOMAIN = "federation.tejido.org";
    private static final Pattern CODE = Pattern.compile("\\b((?:leaf|chain|merkle|note|proto|content)\\.[a-z_]+)\\b");

    private RefusalStatus() {}

    static StatusRuntimeException of(Refusal reason, String detail, long storedSize) {
        ErrorInfo.Builder info = ErrorInfo.newBuilder().setDomain(DOMAIN).setReason(reason.name());
        if (storedSize >= 0) {
            info.putMetadata("stored_size", Long.toString(storedSize));
        }
        Matcher code = CODE.matcher(detail);
        if (code.find()) {
            info.putMetadata("code", code.group(1));
        }
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(code(reason).getNumber())
                .setMessage(english(reason) + " (" + detail + ")")
                .addDetails(Any.pack(info.build()))
                .addDetails(Any.pack(LocalizedMessage.newBuilder()
                        .setLocale("es")
                        .setMessage(spanish(reason) + " (" + detail + ")")
                        .build()))
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }

    static Code code(Refusal reason) {
        return switch (reason) {
            case TOO_LARGE, TOO_MANY_CALLS, TOO_MANY_CONNECTIONS -> Code.RESOURCE_EXHAUSTED;
            case ORIGIN_NOT_AUTHORIZED -> Code.PERMISSION_DENIED;
            case CHAIN_BROKEN, ROLLBACK, INCONSISTENT_CHECKPOINT, EQUIVOCATION, UNKNOWN_TARGET ->
                Code.FAILED_PRECONDITION;
            case STORAGE_UNAVAILABLE -> Code.UNAVAILABLE;
            case NO_CLIENT_CERTIFICATE -> Code.UNAUTHENTICATED;
            case BATCH_MALFORMED,
                    ORIGIN_MISMATCH,
                    LEAF_MALFORMED,
                    COMMITMENT_MISMATCH,
                    CHECKPOINT_MALFORMED,
                    CHECKPOINT_MISMATCH,
                    SIGNATURE_INVALID,
                    CONTENT_OUT_OF_SCOPE -> Code.INVALID_ARGUMENT;
        };
    }

    private static String english(Refusal reason) {
        return switch (reason) {
            case BATCH_MALFORMED -> "The batch is malformed.";
            case TOO_LARGE -> "The batch exceeds a limit of the protocol.";
            case ORIGIN_NOT_AUTHORIZED -> "This client certificate is not enrolled for that origin.";
            case ORIGIN_MISMATCH -> "An origin differs from the batch's origin.";
            case LEAF_MALFORMED -> "A leaf is not a valid version 1 leaf.";
            case COMMITMENT_MISMATCH -> "A payload and salt do not match their leaf's commitment.";
            case CHAIN_BROKEN -> "The leaves do not continue the stored log.";
            case ROLLBACK -> "A leaf differs from the one stored at its index: the log was rewritten.";
            case CHECKPOINT_MALFORMED -> "The checkpoint note does not parse.";
            case CHECKPOINT_MISMATCH -> "The checkpoint does not describe the stored leaves plus the batch.";
            case SIGNATURE_INVALID -> "The checkpoint is not signed by the enrolled log key.";
            case INCONSISTENT_CHECKPOINT -> "The consistency proof sent does not verify.";
            case EQUIVOCATION ->
                "The log key signed another root for a size already accepted: the log forked, and the"
                        + " evidence is kept.";
            case UNKNOWN_TARGET -> "A retraction names a record this log never shared.";
            case STORAGE_UNAVAILABLE -> "The aggregator could not store the batch; nothing was stored.";
            case NO_CLIENT_CERTIFICATE -> "A client certificate of the federation is required.";
            case CONTENT_OUT_OF_SCOPE -> "A payload is not what its consent scope allows to share.";
            case TOO_MANY_CALLS -> "This client certificate already has as many calls in progress as allowed.";
            case TOO_MANY_CONNECTIONS -> "This client certificate already has as many connections as allowed.";
        };
    }

    private static String spanish(Refusal reason) {
        return switch (reason) {
            case BATCH_MALFORMED -> "El lote está mal formado.";
            case TOO_LARGE -> "El lote supera un límite del protocolo.";
            case ORIGIN_NOT_AUTHORIZED -> "Este certificado de cliente no está inscrito para ese origen.";
            case ORIGIN_MISMATCH -> "Un origen no coincide con el origen del lote.";
            case LEAF_MALFORMED -> "Una hoja no es una hoja válida de la versión 1.";
            case COMMITMENT_MISMATCH -> "Un contenido y su sal no coinciden con el compromiso de su hoja.";
            case CHAIN_BROKEN -> "Las hojas no continúan el registro almacenado.";
            case ROLLBACK -> "Una hoja difiere de la almacenada en su índice: el registro fue reescrito.";
            case CHECKPOINT_MALFORMED -> "La nota del punto de control no se puede leer.";
            case CHECKPOINT_MISMATCH -> "El punto de control no describe las hojas almacenadas más el lote.";
            case SIGNATURE_INVALID -> "El punto de control no está firmado con la clave inscrita del registro.";
            case INCONSISTENT_CHECKPOINT -> "La prueba de coherencia enviada no se verifica.";
            case EQUIVOCATION ->
                "La clave del registro firmó otra raíz para un tamaño ya aceptado: el registro se"
                        + " bifurcó, y se guarda la evidencia.";
            case UNKNOWN_TARGET -> "Una retractación nombra un registro que este registro nunca compartió.";
            case STORAGE_UNAVAILABLE -> "El agregador no pudo guardar el lote; no se guardó nada.";
            case NO_CLIENT_CERTIFICATE -> "Se requiere un certificado de cliente de la federación.";
            case CONTENT_OUT_OF_SCOPE -> "Un contenido no es lo que su alcance de consentimiento permite compartir.";
            case TOO_MANY_CALLS -> "Este certificado de cliente ya tiene en curso tantas llamadas como se permite.";
            case TOO_MANY_CONNECTIONS -> "Este certificado de cliente ya tiene tantas conexiones como se permite.";
        };
    }
}
