package org.tejido.national.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tejido.platform.pki.PkiException;

class AggregatorChannelTest {
    @TempDir
    Path tlsDir;

    @Test
    void withoutATlsIdentityItRefusesToStartRatherThanSendTheLogInClear() {
        assertThatThrownBy(() -> new AggregatorChannel("aggregator.example.org:9443", false, tlsDir))
                .isInstanceOf(PkiException.class);
    }

    @Test
    void clearTextIsRefusedForAnythingButLoopback() {
        assertThatThrownBy(() -> new AggregatorChannel("aggregator.example.org:9443", true, tlsDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("loopback");
    }

    @Test
    void inClearTextForTestsItBuildsAChannelToALoopbackAddress() throws Exception {
        AggregatorChannel channel = new AggregatorChannel("127.0.0.1:9443", true, tlsDir);
        try {
            assertThat(channel.channel().authority()).isEqualTo("127.0.0.1:9443");
        } finally {
            channel.destroy();
        }
    }
}
