package org.tejido.national.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.tejido.ledger.note.Checkpoint;
import org.tejido.ledger.note.NoteVerifier;
import org.tejido.ledger.note.SignedNote;
import org.tejido.ledger.note.VerifiedNote;
import org.tejido.national.push.LogPusher.Outcome;
import org.tejido.regional.intake.IncomingEntry;

/**
 * The pusher against an in-process aggregator that runs the real regional BatchVerifier: whatever fails
 * in between, the aggregator ends with exactly the node's leaves, none skipped, none stored twice.
 */
class LogPusherTest {
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final RecordedStates states = new RecordedStates();
    private InProcessAggregator aggregator;
    private LogPusher pusher;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (pusher != null) {
            pusher.stop();
        }
        if (aggregator != null) {
            aggregator.close();
        }
    }

    @Test
    void pushesTheWholeLogInBatchesEachWithTheCheckpointOfItsSize() throws Exception {
        // given
        MemoryLog node = MemoryLog.withEntries(10);
        FakeAggregator fake = runningAggregatorFor(node);
        pusher = pusher(node, settings().batchSize(4));

        // when
        Outcome outcome = pusher.pushOnce();

        // then
        assertThat(outcome).isEqualTo(Outcome.PUSHED);
        assertThat(fake.storedSize()).isEqualTo(10);
        assertThat(FakeAggregator.sameLeaves(fake.leaves(), node.leaves())).isTrue();
        assertThat(node.checkpointSizes()).containsExactly(4L, 8L, 10L);
        assertThat(fake.batchesAccepted).hasValue(3);
        assertThat(fake.streams).hasValue(1);
        assertThat(fake.proofsReceived)
                .as("no consistency proofs: the aggregator recomputes the tree from the leaves it holds")
                .hasValue(0);
        assertThat(pusher.lag()).isZero();

        RecordedStates.Recorded state = states.last();
        assertThat(state.storedSize()).isEqualTo(10);
        VerifiedNote cosigned = new NoteVerifier(List.of(node.signer.verifierKey(), fake.witness.verifierKey()))
                .verify(SignedNote.parse(state.cosignedNote().getBytes(StandardCharsets.UTF_8)));
        assertThat(cosigned.signers()).hasSize(2);
        assertThat(Checkpoint.parse(cosigned.text()).size()).isEqualTo(10);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void stoppingWhileTheLogIsReadEndsWithoutAWarning(CapturedOutput output) throws Exception {
        // given a pusher reading a log whose read ends, as a JDBC read does, when its thread is interrupted
        MemoryLog node = MemoryLog.withEntries(3);
        runningAggregatorFor(node);
        CountDownLatch reading = new CountDownLatch(1);
        LogSource slowRead = new LogSource() {
            @Override
            public long size() {
                return node.size();
            }

            @Override
            public List<PushEntry> entries(long from, int count) {
                reading.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException("read interrupted");
                }
                return node.entries(from, count);
            }

            @Override
            public byte[] root(long size) {
                return node.root(size);
            }

            @Override
            public byte[] checkpointNote(long size) {
                return node.checkpointNote(size);
            }
        };
        pusher = new LogPusher(
                aggregator.channel(), node.origin, slowRead, states, settings().build(), meters, new Random(1));
        pusher.start();
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();

        // when the node stops
        pusher.stop();

        // then the interrupted read is not reported as a failure of the node's database
        assertThat(pusher.isRunning()).isFalse();
        assertThat(output).doesNotContain("Cannot read the federation log");
    }

    @Test
    void whenTheAggregatorHoldsTheWholeLogItIdlesAndRecordsTheStateOnce() {
        // given
        MemoryLog node = MemoryLog.withEntries(5);
        FakeAggregator fake = runningAggregatorFor(node);
        pusher = pusher(node, settings());
        pusher.pushOnce();

        // when
        Outcome second = pusher.pushOnce();
        Outcome third = pusher.pushOnce();

        // then
        assertThat(second).isEqualTo(Outcome.UP_TO_DATE);
        assertThat(third).isEqualTo(Outcome.UP_TO_DATE);
        assertThat(fake.streams).hasValue(1);
        assertThat(states.all()).hasSize(1);
    }

    @Test
    void aStreamCarriesAtMostTheConfiguredNumberOfBatches() {
        // given
        MemoryLog node = MemoryLog.withEntries(9);
        FakeAggregator fake = runningAggregatorFor(node);
        pusher = pusher(node, settings().batchSize(2).batchesPerStream(2));

        // when
        Outcome first = pusher.pushOnce();

        // then
        assertThat(first).isEqualTo(Outcome.PUSHED);
        assertThat(fake.storedSize()).isEqualTo(4);
        assertThat(pushUntilUpToDate()).isEqualTo(Outcome.UP_TO_DATE);
        assertThat(fake.streams).hasValue(3);
        assertThat(FakeAggregator.sameLeaves(fake.leaves(), node.leaves())).isTrue();
    }

    @Test
    void resumesAtTheStoredSizeWhenTheAggregatorLostTheEndOfAStream() {
        // given an aggregator that stores one batch, then fails the stream
        MemoryLog node = MemoryLog.withEntries(10);
        FakeAggregator fake = runningAggregatorFor(node).failNextStreamAfterStoring(1);
        pusher = pusher(node, settings().batchSize(3));

        // when
        Outcome failed = pusher.pushOnce();
        java.util.Optional<LogPusher.Problem> problem = pusher.problem();
        Outcome resumed = pusher.pushOnce();

        // then
        assertThat(failed).isEqualTo(Outcome.RETRY);
        assertThat(failureCount("UNAVAILABLE")).isEqualTo(1);
        // The status page's "last failure": the code while it fails, nothing once a round gets through.
        assertThat(problem.map(LogPusher.Problem::label)).hasValue("UNAVAILABLE");
        assertThat(pusher.problem()).isEmpty();
        assertThat(resumed).isEqualTo(Outcome.PUSHED);
        assertThat(fake.storedSize()).isEqualTo(10);
        assertThat(FakeAggregator.sameLeaves(fake.leaves(), node.leaves())).isTrue();
        assertThat(fake.resends).as("no batch sent again").hasValue(0);
        assertThat(fake.batchesAccepted).hasValue(4);
    }

    @Test
    void refusedAsChainBrokenItResumesFromTheAggregatorsStoredSize() {
        // given an aggregator that lost its last batch (restored from a backup) while the node pushes
        MemoryLog node = MemoryLog.withEntries(12);
        FakeAggregator fake = runningAggregatorFor(node);
        pusher = pusher(node, settings().batchSize(4));
        pusher.pushOnce();
        node.append(4);
        fake.onNextBatch(() -> fake.loseTailAfter(8));

        // when
        Outcome refused = pusher.pushOnce();
        Outcome resumed = pusher.pushOnce();

        // then
        assertThat(refused).isEqualTo(Outcome.RESUME);
        assertThat(refusalCount("CHAIN_BROKEN")).isEqualTo(1);
        assertThat(resumed).isEqualTo(Outcome.PUSHED);
        assertThat(fake.storedSize()).isEqualTo(16);
        assertThat(FakeAggregator.sameLeaves(fake.leaves(), node.leaves())).isTrue();
    }

    @Test
    void entriesAppendedWhilePushingGoInTheNextStream() {
        // given
        MemoryLog node = MemoryLog.withEntries(6);
        FakeAggregator fake = runningAggregatorFor(node);
        pusher = pusher(node, settings().batchSize(2));
        fake.onNextBatch(() -> node.append(5));

        // when
        Outcome first = pusher.pushOnce();
        Outcome second = pusher.pushOnce();

        // then
        assertThat(first).isEqualTo(Outcome.PUSHED);
        assertThat(second).isEqualTo(Outcome.PUSHED);
        assertThat(pusher.pushOnce()).isEqualTo(Outcome.UP_TO_DATE);
        assertThat(fake.storedSize()).isEqualTo(11);
        assertThat(FakeAggregator.sameLeaves(fake.leaves(), node.leaves())).isTrue();
    }

    @Test
    void erasedEntriesTravelWithoutTheirContent() {
        // given
        MemoryLog node = MemoryLog.withEntries(3).erase(1);
        FakeAggregator fake = runningAggregatorFor(node);
        pusher = pusher(node, settings());

        // when
        pusher.pushOnce();

        // then
        List<IncomingEntry> received = fake.contents();
        assertThat(received.get(1).payload()).isEmpty();
        assertThat(received.get(1).salt()).isEmpty();
        assertThat(received.get(0).payload()).isNotEmpty();
    }

    @Test
    void aRefusalTheNodeCannotFixStoresNothingAndIsCountedByReason() {
        // given an aggregator that enrolled another key for this origin
        MemoryLog node = MemoryLog.withEntries(4);
        MemoryLog impostor = new MemoryLog(node.origin, 9);
        aggregator = InProcessAggregator.running(FakeAggregator.enrolling(impostor));
        pusher = pusher(node, settings());

        // when
        Outcome outcome = pusher.pushOnce();

        // then
        assertThat(outcome).isEqualTo(Outcome.HALTED);
        assertThat(refusalCount("SIGNATURE_INVALID")).isEqualTo(1);
        assertThat(aggregator.service.storedSize()).isZero();
        assertThat(pusher.lag()).isEqualTo(4);
    }

    @Test
    void anAggregatorAheadOfTheNodeGetsNothing() {
        // given an aggregator holding 6 entries of a log the node (restored from a backup) has 4 of
        MemoryLog before = MemoryLog.withEntries(6);
        FakeAggregator fake = runningAggregatorFor(before);
        pusher = pusher(before, settings());
        pusher.pushOnce();
        MemoryLog restored = MemoryLog.withEntries(4);
        LogPusher afterRestore = pusher(restored, settings());

        // when
        Outcome outcome = afterRestore.pushOnce();

        // then
        assertThat(outcome).isEqualTo(Outcome.DIVERGED);
        assertThat(fake.streams).hasValue(1);
        assertThat(meters.counter("tejido.federation.push.divergences").count()).isEqualTo(1);
    }

    @Test
    void anAggregatorDownAtStartIsRetriedWithBackOffAndCaughtUpWithWhileTheLogGrows() throws Exception {
        // given
        MemoryLog node = MemoryLog.withEntries(7);
        FakeAggregator fake = FakeAggregator.enrolling(node);
        aggregator = InProcessAggregator.down(fake);
        pusher = pusher(node, settings().batchSize(3));

        // when the pusher runs on its own thread while the aggregator is down
        pusher.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> failureCount("UNAVAILABLE") >= 2);
        node.append(2);
        aggregator.start();

        // then it catches up, and keeps up with what the node records next
        await().atMost(Duration.ofSeconds(20)).until(() -> fake.storedSize() == 9);
        node.append(4);
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.storedSize() == 13);
        assertThat(FakeAggregator.sameLeaves(fake.leaves(), node.leaves())).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> pusher.lag() == 0);
        assertThat(meters.get("tejido.federation.push.lag").gauge().value()).isZero();
    }

    // ---- given helpers ----

    private FakeAggregator runningAggregatorFor(MemoryLog node) {
        aggregator = InProcessAggregator.running(FakeAggregator.enrolling(node));
        return aggregator.service;
    }

    private LogPusher pusher(LogSource log, SettingsBuilder settings) {
        String origin = ((MemoryLog) log).origin;
        return new LogPusher(aggregator.channel(), origin, log, states, settings.build(), meters, new Random(1));
    }

    private Outcome pushUntilUpToDate() {
        Outcome outcome;
        int rounds = 0;
        do {
            outcome = pusher.pushOnce();
        } while (outcome == Outcome.PUSHED && ++rounds < 100);
        return outcome;
    }

    private double refusalCount(String reason) {
        return meters.counter("tejido.federation.push.refusals", "reason", reason)
                .count();
    }

    private double failureCount(String status) {
        return meters.counter("tejido.federation.push.failures", "status", status)
                .count();
    }

    static SettingsBuilder settings() {
        return new SettingsBuilder();
    }

    /** Push settings for tests: short pauses so the loop tests run in seconds. */
    static final class SettingsBuilder {
        private int batchSize = 256;
        private int batchesPerStream = 64;

        SettingsBuilder batchSize(int n) {
            this.batchSize = n;
            return this;
        }

        SettingsBuilder batchesPerStream(int n) {
            this.batchesPerStream = n;
            return this;
        }

        PushSettings build() {
            return new PushSettings(
                    batchSize,
                    batchesPerStream,
                    Duration.ofMillis(50),
                    Duration.ofMillis(20),
                    Duration.ofMillis(200),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(5));
        }
    }
}
