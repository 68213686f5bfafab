package org.tejido.national.push;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.tejido.federation.v1.PushLogRequest;
import org.tejido.federation.v1.PushLogResponse;

/**
 * One PushLog client stream, driven from the pusher's own thread: each batch waits until gRPC's flow
 * control is ready for it (so at most a window of batches sits in memory, not 64 of up to 2 MB), and
 * sending stops as soon as the aggregator has ended the call (a refusal ends it at the refused batch).
 */
final class PushCall implements ClientResponseObserver<PushLogRequest, PushLogResponse> {
    private static final long READY_POLL_MILLIS = 100;

    private final CompletableFuture<PushLogResponse> result = new CompletableFuture<>();
    private final Object readiness = new Object();
    private volatile ClientCallStreamObserver<PushLogRequest> requests;

    @Override
    public void beforeStart(ClientCallStreamObserver<PushLogRequest> requestStream) {
        this.requests = requestStream;
        requestStream.setOnReadyHandler(this::wake);
    }

    /** Sends one batch once the transport can take it; false when the call has already ended. */
    boolean send(PushLogRequest request) throws InterruptedException {
        synchronized (readiness) {
            while (!requests.isReady() && !result.isDone()) {
                readiness.wait(READY_POLL_MILLIS);
            }
        }
        if (result.isDone()) {
            return false;
        }
        requests.onNext(request);
        return true;
    }

    /** Half-closes the stream and waits for the single answer (or the refusal). */
    PushLogResponse finish(long timeoutMillis) throws InterruptedException, ExecutionException, TimeoutException {
        if (!result.isDone()) {
            requests.onCompleted();
        }
        return result.get(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Abandons the call (the pusher is stopping, or failed while reading its own log). */
    void cancel(String why, Throwable cause) {
        if (!result.isDone()) {
            requests.cancel(why, cause);
        }
    }

    @Override
    public void onNext(PushLogResponse response) {
        result.complete(response);
    }

    @Override
    public void onError(Throwable failure) {
        result.completeExceptionally(failure);
        wake();
    }

    @Override
    public void onCompleted() {
        result.completeExceptionally(Status.INTERNAL
                .withDescription("PushLog ended without a response")
                .asRuntimeException());
        wake();
    }

    private void wake() {
        synchronized (readiness) {
            readiness.notifyAll();
        }
    }
}
