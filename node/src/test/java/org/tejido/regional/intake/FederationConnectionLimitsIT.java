package org.tejido.regional.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ConnectivityState;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.federation.v1.FederationServiceGrpc;
import org.tejido.federation.v1.GetLogStateRequest;
import org.tejido.federation.v1.GetLogStateResponse;
import org.tejido.federation.v1.PushLogResponse;
import org.tejido.ledger.merkle.MerkleTree;
import org.tejido.national.push.AggregatorChannel;
import org.tejido.national.push.LogPusher;
import org.tejido.national.push.LogSource;
import org.tejido.national.push.PushEntry;
import org.tejido.national.push.PushSettings;
import org.tejido.platform.pki.FederationCa;
import org.tejido.platform.pki.FederationTls;
import org.tejido.platform.pki.TlsIdentity;
import org.tejido.regional.enrollment.Enrollments;
import org.tejido.support.SecurityLog;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestDirectories;
import org.tejido.support.TestNodes;

/**
 * Slow, idle and greedy clients against a real aggregator (its own PostgreSQL, mutual TLS 1.3 on
 * loopback) with short connection limits: each is cut off within its limit, while a well-behaved node
 * (the real pusher and channel of a national node) goes on pushing and every batch it sends is stored.
 * Each abuse uses a certificate of its own, enrolled like a node's (a stolen key), so that the
 * per-certificate counts of one test do not reach another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FederationConnectionLimitsIT {
    private static final String MX = "mx.example.org/MX/v1";

    // The limits under test (docs/federation-protocol.md section 7), much shorter than the defaults.
    private static final Duration HANDSHAKE = Duration.ofSeconds(2);
    private static final Duration CALL = Duration.ofSeconds(4);
    private static final Duration IDLE = Duration.ofSeconds(2);
    private static final Duration AGE = Duration.ofSeconds(6);
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final int CALLS_PER_CERTIFICATE = 3;
    private static final int CONNECTIONS_PER_CERTIFICATE = 2;
    /** For a loaded machine: what the server's timers may take beyond their nominal time. */
    private static final Duration SLACK = Duration.ofSeconds(3);
    /** How long a connection is watched before it is reported as still open. */
    private static final Duration WATCH = Duration.ofSeconds(30);

    private static final byte[] HTTP2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private ConfigurableApplicationContext aggregator;
    private JdbcTemplate jdbc;
    private FederationCa ca;
    private Path pki;
    private NodeLog nodeLog;
    private AggregatorChannel nodeChannel;
    private LogPusher pusher;
    private final SimpleMeterRegistry nodeMetrics = new SimpleMeterRegistry();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final ExecutorService watchers = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "limits-it-watcher");
        thread.setDaemon(true);
        return thread;
    });
    private int abusers;

    @BeforeAll
    void startAggregatorAndAPushingNode() throws Exception {
        pki = TestDirectories.create("limits-pki-");
        ca = FederationCa.create(Files.createDirectories(pki.resolve("ca")), "Tejido test federation CA");
        Path aggregatorTls = Files.createDirectories(pki.resolve("aggregator"));
        TlsIdentity.create(
                aggregatorTls, ca, "aggregator", FederationCa.Purpose.AGGREGATOR, Duration.ofDays(1), List.of());
        aggregator = TestNodes.startAggregator(
                TestDatabase.fresh(),
                aggregatorTls,
                "--tejido.federation.server.handshake-timeout=" + HANDSHAKE,
                "--tejido.federation.server.max-call-duration=" + CALL,
                "--tejido.federation.server.max-connection-idle=" + IDLE,
                "--tejido.federation.server.max-connection-age=" + AGE,
                "--tejido.federation.server.max-connection-age-grace=" + GRACE,
                "--tejido.federation.server.max-calls-per-certificate=" + CALLS_PER_CERTIFICATE,
                "--tejido.federation.server.max-connections-per-certificate=" + CONNECTIONS_PER_CERTIFICATE);
        jdbc = aggregator.getBean(JdbcTemplate.class);

        // A well-behaved node: the national node's own channel and pusher, its defaults but for shorter
        // pauses and small batches (so that a push is several batches on one stream).
        Path mxTls = Files.createDirectories(pki.resolve("mx"));
        TlsIdentity mxIdentity =
                TlsIdentity.create(mxTls, ca, "mx", FederationCa.Purpose.NODE, Duration.ofDays(1), List.of());
        nodeLog = new NodeLog(new TestLog(MX, 1).append(16, "a"));
        aggregator
                .getBean(Enrollments.class)
                .enroll(
                        MX,
                        mxIdentity.fingerprint(),
                        nodeLog.log.signer.verifierKey().format());
        nodeChannel = new AggregatorChannel("localhost:" + port(), false, mxTls);
        PushSettings defaults = PushSettings.defaults();
        pusher = new LogPusher(
                nodeChannel.channel(),
                MX,
                nodeLog,
                (origin, size, note) -> {},
                new PushSettings(
                        4,
                        defaults.batchesPerStream(),
                        Duration.ofMillis(200),
                        defaults.initialBackoff(),
                        Duration.ofSeconds(2),
                        defaults.pushDeadline(),
                        defaults.stateDeadline()),
                nodeMetrics);
        pusher.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> storedSize() == 16);
    }

    @AfterAll
    void stop() throws Exception {
        if (pusher != null) {
            pusher.stop();
            System.out.println("node's push failures during the test: " + failures("tejido.federation.push.failures")
                    + ", refusals: " + failures("tejido.federation.push.refusals"));
        }
        if (nodeChannel != null) {
            nodeChannel.destroy();
        }
        channels.forEach(ManagedChannel::shutdownNow);
        for (Socket socket : sockets) {
            socket.close();
        }
        watchers.shutdownNow();
        if (aggregator != null) {
            aggregator.close();
        }
    }

    @Test
    void aTcpConnectionThatNeverCompletesTheTlsHandshakeIsClosedWithinTheHandshakeTimeout() throws Exception {
        // given connections that send nothing, and one that drips the start of a TLS ClientHello
        long start = System.nanoTime();
        List<CompletableFuture<Optional<Duration>>> closed = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            closed.add(watchClosing(rawSocket(), start));
        }
        Socket dripping = rawSocket();
        closed.add(watchClosing(dripping, start));
        drip(
                dripping,
                new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03},
                Duration.ofMillis(500));

        // when the node pushes meanwhile, its batches are stored
        theNodesPushGoesOn();

        // then each is closed within the handshake timeout
        assertAllClosedWithin(closed, HANDSHAKE.plus(SLACK), "TCP connections without a TLS handshake");
    }

    @Test
    void aTlsConnectionThatNeverSendsOrDripsTheHttp2PrefaceIsClosedWithinTheHandshakeTimeout() throws Exception {
        // given TLS connections of an enrolled certificate that complete the handshake and send nothing,
        // and one that drips the HTTP/2 preface a byte every half second (each timed from its TCP connect)
        TlsIdentity abuser = enrolledAbuser();
        List<CompletableFuture<Optional<Duration>>> closed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            closed.add(watchClosing(tlsSocket(abuser), start));
        }
        long start = System.nanoTime();
        SSLSocket dripping = tlsSocket(abuser);
        closed.add(watchClosing(dripping, start));
        drip(dripping, HTTP2_PREFACE, Duration.ofMillis(500));

        // when the node pushes meanwhile, its batches are stored
        theNodesPushGoesOn();

        // then each is closed within the handshake timeout (which runs until the client's HTTP/2 settings)
        assertAllClosedWithin(closed, HANDSHAKE.plus(SLACK), "TLS connections without an HTTP/2 preface");
    }

    @Test
    @Refuses(Refusal.TOO_MANY_CALLS)
    void manyIdlePushStreamsOfOneCertificateNeverHoldMoreThanItsLimitAndAllEnd() throws Exception {
        // given an enrolled certificate opening 200 push streams that never send a batch nor end, on two
        // connections
        TlsIdentity abuser = enrolledAbuser();
        ManagedChannel first = channel(abuser);
        ManagedChannel second = channel(abuser);
        long start = System.nanoTime();
        List<CompletableFuture<Ended>> streams = new ArrayList<>();
        int most;
        List<String> events;
        try (SecurityLog security = SecurityLog.capture()) {
            for (int i = 0; i < 200; i++) {
                streams.add(idlePushStream(i % 2 == 0 ? first : second, start));
            }

            // when the node pushes meanwhile, its batches are stored
            theNodesPushGoesOn();

            // then the aggregator never has more than the certificate's limit of them in progress
            CompletableFuture<Void> all = CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new));
            most = 0;
            long watchUntil = System.nanoTime() + WATCH.toNanos();
            while (!all.isDone() && System.nanoTime() < watchUntil) {
                most = Math.max(most, server().callsInProgress(abuser.fingerprint()));
                Thread.sleep(20);
            }
            events = security.events();
        }
        // and every stream has ended: refused as TOO_MANY_CALLS, or, for those the client moved to a new
        // connection while its first two were going away at their age, as TOO_MANY_CONNECTIONS; closed
        // with their connection when it sent more stream resets than allowed (the client resets each
        // stream refused before it half-closed: RESOURCE_EXHAUSTED without ErrorInfo, HTTP/2
        // ENHANCE_YOUR_CALM); or, for the few let in, ended at the maximum call duration (DEADLINE_EXCEEDED)
        // or with their connection at its age (UNAVAILABLE)
        List<Ended> ended = streams.stream()
                .filter(CompletableFuture::isDone)
                .map(CompletableFuture::join)
                .toList();
        Map<String, Long> outcomes = ended.stream()
                .collect(Collectors.groupingBy(
                        e -> e.status().getCode() + (e.reason() == null ? "" : " " + e.reason()),
                        TreeMap::new,
                        Collectors.counting()));
        System.out.println("200 idle push streams of one certificate: " + outcomes + ", the last ended after "
                + ended.stream().map(Ended::after).max(Duration::compareTo).orElse(null));
        assertThat(ended).as("push streams ended within %s", WATCH).hasSize(200);
        // Which of the certificate's two limits refuses a stream depends on when the client opened it: on
        // a loaded machine most streams came after the first connections reached their age, and were
        // refused as the certificate's third connection. Either way the certificate's limits refused them.
        long calls = outcomes.getOrDefault("RESOURCE_EXHAUSTED TOO_MANY_CALLS", 0L);
        long connections = outcomes.getOrDefault("RESOURCE_EXHAUSTED TOO_MANY_CONNECTIONS", 0L);
        assertThat(calls).as("refused as too many calls").isPositive();
        assertThat(calls + connections)
                .as("refused by the certificate's limits")
                .isGreaterThanOrEqualTo(100);
        assertThat(outcomes.keySet())
                .isSubsetOf(
                        "RESOURCE_EXHAUSTED TOO_MANY_CALLS",
                        "RESOURCE_EXHAUSTED TOO_MANY_CONNECTIONS",
                        "RESOURCE_EXHAUSTED",
                        "DEADLINE_EXCEEDED",
                        "UNAVAILABLE");
        assertThat(most)
                .as("calls of the certificate in progress at the aggregator, at most")
                .isEqualTo(CALLS_PER_CERTIFICATE);
        assertThat(events)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("SECURITY federation call refused, too many calls for one certificate")
                        .contains("caller=" + abuser.fingerprint()));
    }

    @Test
    void idlePushStreamsWithinTheLimitAreEndedAtTheMaximumCallDuration() throws Exception {
        // given as many idle push streams as the certificate may have, on one connection, without deadline
        TlsIdentity abuser = enrolledAbuser();
        ManagedChannel channel = channel(abuser);
        long start = System.nanoTime();
        List<CompletableFuture<Ended>> streams = new ArrayList<>();
        for (int i = 0; i < CALLS_PER_CERTIFICATE; i++) {
            streams.add(idlePushStream(channel, start));
        }

        // when the node pushes meanwhile, its batches are stored
        theNodesPushGoesOn();

        // then the aggregator ends them at its maximum call duration
        CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, WATCH.toMillis(), TimeUnit.MILLISECONDS)
                .join();
        System.out.println("idle push streams within the limit: "
                + streams.stream()
                        .map(s -> s.isDone()
                                ? s.join().status() + " after " + s.join().after()
                                : "open")
                        .toList());
        assertThat(streams).allSatisfy(stream -> {
            assertThat(stream)
                    .as("an idle push stream still open after %s", WATCH)
                    .isDone();
            assertThat(stream.join().status().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            assertThat(stream.join().after()).isGreaterThanOrEqualTo(CALL).isLessThanOrEqualTo(CALL.plus(SLACK));
        });
        await().atMost(SLACK).until(() -> server().callsInProgress(abuser.fingerprint()) == 0);
    }

    @Test
    void aBusyConnectionIsReplacedAtItsAgeWhileItsCallsGoOn() throws Exception {
        // given an enrolled certificate calling GetLogState every 200 ms on one channel
        TlsIdentity abuser = enrolledAbuser();
        ManagedChannel channel = channel(abuser);
        Map<SocketAddress, Duration> lastUsed = new java.util.LinkedHashMap<>();
        long start = System.nanoTime();
        Duration watch = AGE.plus(AGE.dividedBy(10)).plus(GRACE).plus(SLACK);
        int calls = 0;
        while (since(start).compareTo(watch) < 0) {
            ClientCall<GetLogStateRequest, GetLogStateResponse> call = channel.newCall(
                    FederationServiceGrpc.getGetLogStateMethod(),
                    CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
            CompletableFuture<Status> closed = new CompletableFuture<>();
            call.start(
                    new ClientCall.Listener<>() {
                        @Override
                        public void onClose(Status status, Metadata trailers) {
                            closed.complete(status);
                        }
                    },
                    new Metadata());
            call.sendMessage(
                    GetLogStateRequest.newBuilder().setOrigin(abuserOrigin()).build());
            call.halfClose();
            call.request(1);
            // then every call succeeds
            assertThat(closed.get(10, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.OK);
            lastUsed.put(call.getAttributes().get(Grpc.TRANSPORT_ATTR_LOCAL_ADDR), since(start));
            calls++;
            Thread.sleep(200);
        }

        // and the first connection is used no longer than its age (gRPC adds up to 10%), then another
        System.out.println(
                calls + " calls on a busy connection; each connection (local address) last used at " + lastUsed);
        assertThat(lastUsed).hasSizeGreaterThanOrEqualTo(2);
        assertThat(lastUsed.values().iterator().next())
                .isLessThanOrEqualTo(AGE.plus(AGE.dividedBy(10)).plus(SLACK));
    }

    @Test
    @Refuses(Refusal.TOO_MANY_CONNECTIONS)
    void aConnectionBeyondTheCertificatesLimitGetsNoCallThroughAndIsClosedOnceIdle() throws Exception {
        // given an enrolled certificate holding two connections (its limit), each kept by an idle push stream
        TlsIdentity abuser = enrolledAbuser();
        for (int i = 0; i < CONNECTIONS_PER_CERTIFICATE; i++) {
            ManagedChannel channel = channel(abuser);
            getLogState(channel);
            idlePushStream(channel, System.nanoTime());
        }

        // when it opens a third
        ManagedChannel third = channel(abuser);
        StatusRuntimeException refused;
        try (SecurityLog security = SecurityLog.capture()) {
            refused = getLogStateFails(third);
            assertThat(security.events())
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("SECURITY federation connection over the per-certificate limit")
                            .contains("caller=" + abuser.fingerprint()));
        }
        long start = System.nanoTime();

        // then its call is refused as TOO_MANY_CONNECTIONS
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(FederationIntakeIT.reason(refused)).isEqualTo("TOO_MANY_CONNECTIONS");

        // and, the node pushing meanwhile, the third connection is closed once idle
        theNodesPushGoesOn();
        awaitNotReady(third, start, IDLE.plus(SLACK), "the connection beyond the limit");
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleLimit() throws Exception {
        // given a connection of an enrolled certificate that made one call and then nothing
        TlsIdentity abuser = enrolledAbuser();
        ManagedChannel idle = channel(abuser);
        getLogState(idle);
        long start = System.nanoTime();

        // when the node pushes meanwhile, its batches are stored
        theNodesPushGoesOn();

        // then the server closes the idle connection (the client's channel leaves READY)
        awaitNotReady(idle, start, IDLE.plus(SLACK), "the idle connection");
    }

    /** Waits until the server has closed the channel's connection (it leaves READY), within the bound. */
    private static void awaitNotReady(ManagedChannel channel, long start, Duration bound, String what) {
        await().atMost(WATCH)
                .untilAsserted(() -> assertThat(channel.getState(false))
                        .as(what + ", still connected")
                        .isNotEqualTo(ConnectivityState.READY));
        Duration after = since(start);
        System.out.println(what + " closed after " + after);
        assertThat(after).isLessThanOrEqualTo(bound);
    }

    // --- the well-behaved node ---

    /** Appends to the node's log and waits until the aggregator has stored all of it. */
    private void theNodesPushGoesOn() {
        long start = System.nanoTime();
        long size = nodeLog.append(12);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedSize() == size);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM regional_payload WHERE origin = ?", Long.class, MX))
                .isEqualTo(size);
        System.out.println("the node's push of 12 entries stored after " + since(start));
    }

    private long storedSize() {
        return jdbc
                .query("SELECT stored_size FROM regional_log_state WHERE origin = ?", (rs, n) -> rs.getLong(1), MX)
                .stream()
                .findFirst()
                .orElse(0L);
    }

    private double failures(String name) {
        return nodeMetrics.find(name).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    /** The node's log in memory, appended to while the pusher reads it. */
    private static final class NodeLog implements LogSource {
        private final TestLog log;
        private final Map<Long, byte[]> notes = new HashMap<>();

        NodeLog(TestLog log) {
            this.log = log;
        }

        synchronized long append(int n) {
            log.append(n, "a");
            return log.entries.size();
        }

        @Override
        public synchronized long size() {
            return log.entries.size();
        }

        @Override
        public synchronized List<PushEntry> entries(long from, int count) {
            return log.entries.subList((int) from, (int) Math.min(log.entries.size(), from + count)).stream()
                    .map(e -> new PushEntry(e.leaf(), e.payload(), e.salt()))
                    .toList();
        }

        @Override
        public synchronized byte[] root(long size) {
            return MerkleTree.root(log.leafHashes.subList(0, Math.toIntExact(size)));
        }

        @Override
        public synchronized byte[] checkpointNote(long size) {
            return notes.computeIfAbsent(size, s -> log.checkpoint(Math.toIntExact(s)))
                    .clone();
        }
    }

    // --- the abusers ---

    /** A new certificate of the federation CA, enrolled for an origin of its own. */
    private TlsIdentity enrolledAbuser() throws Exception {
        String name = "abuser" + ++abusers;
        TlsIdentity identity = TlsIdentity.create(
                Files.createDirectories(pki.resolve(name)),
                ca,
                name,
                FederationCa.Purpose.NODE,
                Duration.ofDays(1),
                List.of());
        aggregator
                .getBean(Enrollments.class)
                .enroll(
                        abuserOrigin(),
                        identity.fingerprint(),
                        new TestLog(abuserOrigin(), 40 + abusers)
                                .signer
                                .verifierKey()
                                .format());
        return identity;
    }

    private String abuserOrigin() {
        return "abuser" + abusers + ".example.org/XX/v1";
    }

    private Socket rawSocket() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port());
        sockets.add(socket);
        return socket;
    }

    /** A TLS 1.3 connection with the certificate, offering h2, whose handshake is complete. */
    private SSLSocket tlsSocket(TlsIdentity identity) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry(
                "tls", identity.key(), new char[0], new Certificate[] {identity.certificate(), identity.trustedCa()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", identity.trustedCa());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance(FederationTls.TLS_1_3);
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port());
        sockets.add(socket);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(new String[] {FederationTls.TLS_1_3});
        parameters.setApplicationProtocols(new String[] {"h2"});
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
        return socket;
    }

    /** Sends {@code bytes} one at a time, {@code pause} apart, until done or the connection fails. */
    private void drip(Socket socket, byte[] bytes, Duration pause) {
        watchers.execute(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                for (byte b : bytes) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(pause.toMillis());
                }
            } catch (IOException | InterruptedException e) {
                // closed by the server, or the test ended
            }
        });
    }

    /** When the server closes the connection (end of stream, reset or TLS alert); empty if still open. */
    private CompletableFuture<Optional<Duration>> watchClosing(Socket socket, long start) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        socket.setSoTimeout(Math.toIntExact(WATCH.toMillis()));
                        InputStream in = socket.getInputStream();
                        byte[] buffer = new byte[4096];
                        while (in.read(buffer) >= 0) {
                            // what the server sends before it closes (its HTTP/2 settings) is ignored
                        }
                        return Optional.of(since(start));
                    } catch (SocketTimeoutException e) {
                        return Optional.empty();
                    } catch (IOException e) {
                        return Optional.of(since(start));
                    }
                },
                watchers);
    }

    private static void assertAllClosedWithin(
            List<CompletableFuture<Optional<Duration>>> closed, Duration bound, String what) {
        List<Optional<Duration>> times =
                closed.stream().map(CompletableFuture::join).toList();
        System.out.println(what + ": closed after "
                + times.stream()
                        .map(t -> t.map(Duration::toString).orElse("never (still open after " + WATCH + ")"))
                        .toList());
        assertThat(times)
                .allSatisfy(t -> assertThat(t)
                        .as("closed by the server within %s", bound)
                        .hasValueSatisfying(after -> assertThat(after).isLessThanOrEqualTo(bound)));
    }

    private ManagedChannel channel(TlsIdentity identity) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", port())
                .sslContext(FederationTls.clientContext(identity))
                .build();
        channels.add(channel);
        return channel;
    }

    /** How a call ended: its status, reason and when. */
    private record Ended(Status status, String reason, Duration after) {}

    /** A PushLog stream that never sends a batch nor half-closes, without a deadline. */
    private CompletableFuture<Ended> idlePushStream(ManagedChannel channel, long start) {
        CompletableFuture<Ended> ended = new CompletableFuture<>();
        FederationServiceGrpc.newStub(channel).pushLog(new StreamObserver<>() {
            @Override
            public void onNext(PushLogResponse value) {}

            @Override
            public void onError(Throwable t) {
                ended.complete(new Ended(
                        Status.fromThrowable(t),
                        t instanceof StatusRuntimeException e ? FederationIntakeIT.reason(e) : null,
                        since(start)));
            }

            @Override
            public void onCompleted() {
                ended.complete(new Ended(Status.OK, null, since(start)));
            }
        });
        return ended;
    }

    private void getLogState(ManagedChannel channel) {
        FederationServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .getLogState(GetLogStateRequest.newBuilder()
                        .setOrigin(abuserOrigin())
                        .build());
    }

    private StatusRuntimeException getLogStateFails(ManagedChannel channel) {
        try {
            FederationServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getLogState(GetLogStateRequest.newBuilder()
                            .setOrigin(abuserOrigin())
                            .build());
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("the call went through");
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private int port() {
        return server().port();
    }

    private FederationServer server() {
        return aggregator.getBean(FederationServer.class);
    }
}
