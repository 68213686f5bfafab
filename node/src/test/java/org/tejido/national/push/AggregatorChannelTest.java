package org.tejido.national.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AggregatorChannelTest {
    @Test
    void withoutTlsWiredItRefusesToStartRatherThanSendTheLogInClear() {
        assertThatThrownBy(() -> new AggregatorChannel("127.0.0.1:9443", false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("plaintext");
    }

    @Test
    void inPlaintextForTestsItBuildsAChannelToTheAddress() throws Exception {
        AggregatorChannel channel = new AggregatorChannel("127.0.0.1:9443", true);
        try {
            assertThat(channel.channel().authority()).isEqualTo("127.0.0.1:9443");
        } finally {
            channel.destroy();
        }
    }
}
