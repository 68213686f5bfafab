package org.tejido.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

        assertThat(TestDirectories.finished(gone)).isTrue();
        assertThat(TestDirectories.finished(running)).isFalse();
        assertThat(TestDirectories.finished(other)).isFalse();
        assertThat(TestDirectories.finished(file)).isFalse();
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
