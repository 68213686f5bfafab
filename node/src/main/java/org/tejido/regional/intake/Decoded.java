package org.tejido.regional.intake;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Predicate;

/**
 * A request message as the aggregator received it: parsed strictly, or malformed. gRPC's own marshaller
 * throws on bytes that do not parse, which ends the call as {@code UNKNOWN} before the service sees it;
 * this one hands the failure to the service, which refuses it as {@code BATCH_MALFORMED} with the Tejido
 * ErrorInfo. Strict means more than protobuf's parse: a field of an unknown number, or of a known number
 * with the wrong wire type (which protobuf keeps aside as an unknown field, leaving the field empty), is
 * malformed too, so that such bytes never read as an empty batch.
 */
sealed interface Decoded<T> {

    record Message<T>(T message) implements Decoded<T> {}

    /** @param code {@code proto.malformed} (does not parse) or {@code proto.unknown_field} */
    record Malformed<T>(String code) implements Decoded<T> {}

    /**
     * @param hasUnknownFields whether the message or any message in it kept unknown fields
     */
    static <T extends MessageLite> MethodDescriptor.Marshaller<Decoded<T>> marshaller(
            Parser<T> parser, Predicate<T> hasUnknownFields) {
        return new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(Decoded<T> value) {
                // Only requests are decoded this way, on the server: it never sends one.
                if (value instanceof Message<T> message) {
                    return new ByteArrayInputStream(message.message().toByteArray());
                }
                throw new IllegalArgumentException("a malformed message cannot be sent");
            }

            @Override
            public Decoded<T> parse(InputStream stream) {
                T message;
                try {
                    // Bounded by the server's maximum inbound message size before this is called.
                    message = parser.parseFrom(stream.readAllBytes());
                } catch (InvalidProtocolBufferException e) {
                    return new Malformed<>("proto.malformed");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return hasUnknownFields.test(message) ? new Malformed<>("proto.unknown_field") : new Message<>(message);
            }
        };
    }
}
