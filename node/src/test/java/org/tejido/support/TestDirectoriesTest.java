package org.tejido.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestDirectoriesTest {
    @TempDir
    Path root;

    @Test
    void aRunWhoseProcessIsGoneIsFinishedAndOnlyThat() throws IOException {
        Path gone = Files.createDirectory(root.resolve("999999999"));
        Path running = Files.createDirectory(
                root.resolve(Long.toString(ProcessHandle.current().pid())));
        Path other = Files.createDirectory(root.resolve("notes"));
        Path file = Files.createFile(root.resolve("12345678"));
        Path suffixed = Files.createDirectory(root.resolve("999999999-notes"));
        Path abandonedClaim = Files.createDirectory(root.resolve("deleting-999999999-888888888"));
        Path liveClaim = Files.createDirectory(
                root.resolve("deleting-" + ProcessHandle.current().pid() + "-888888887"));

        assertThat(TestDirectories.finished(gone)).isTrue();
        assertThat(TestDirectories.finished(running)).isFalse();
        assertThat(TestDirectories.finished(other)).isFalse();
        assertThat(TestDirectories.finished(file)).isFalse();
        assertThat(TestDirectories.finished(suffixed)).isFalse();
        assertThat(TestDirectories.finished(abandonedClaim)).isTrue();
        assertThat(TestDirectories.finished(liveClaim)).isFalse();
    }

    @Test
    void finishedRunsAreClaimedOnceThenDeleted() throws IOException {
        Path gone = Files.createDirectories(root.resolve("999999999/node-1/pgdata"));
        Files.writeString(gone.resolve("PG_VERSION"), "17");
        Path abandonedClaim = Files.createDirectory(root.resolve("deleting-999999998-777777777"));
        Path running = Files.createDirectory(
                root.resolve(Long.toString(ProcessHandle.current().pid())));

        List<Path> claimed = TestDirectories.claimFinishedRuns(root, 42);
        List<Path> claimedAgain = TestDirectories.claimFinishedRuns(root, 43);

        assertThat(claimed)
                .containsExactlyInAnyOrder(
                        root.resolve("deleting-42-999999999"),
                        root.resolve("deleting-42-deleting-999999998-777777777"));
        assertThat(root.resolve("999999999")).doesNotExist();
        assertThat(abandonedClaim).doesNotExist();
        assertThat(claimedAgain)
                .as("claimed by a live process (42 stands for one)")
                .isEmpty();
        assertThat(running).isDirectory();

        TestDirectories.deleteAll(claimed);

        assertThat(claimed).allSatisfy(claim -> assertThat(claim).doesNotExist());
        assertThat(running).isDirectory();
    }

    @Test
    void directoriesAreCreatedUnderThisJvmsRun() {
        Path created = TestDirectories.create("node-");

        assertThat(created).isDirectory().startsWith(TestDirectories.run());
        assertThat(TestDirectories.run().getFileName().toString())
                .isEqualTo(Long.toString(ProcessHandle.current().pid()));
    }

    @Test
    void deletingRemovesTheTreeAndToleratesAbsence() throws IOException {
        Path tree = Files.createDirectories(root.resolve("a/b/c"));
        Files.writeString(tree.resolve("f"), "x");

        TestDirectories.deleteRecursively(root.resolve("a"));
        TestDirectories.deleteRecursively(root.resolve("a"));

        assertThat(root.resolve("a")).doesNotExist();
    }
}
