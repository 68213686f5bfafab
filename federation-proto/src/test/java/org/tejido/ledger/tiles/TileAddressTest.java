package org.tejido.ledger.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TileAddressTest {

    @Test
    void indicesAreWrittenInZeroPaddedGroupsOfThreeAllButTheLastPrefixedWithX() {
        assertThat(TileAddress.encodeIndex(0)).isEqualTo("000");
        assertThat(TileAddress.encodeIndex(5)).isEqualTo("005");
        assertThat(TileAddress.encodeIndex(999)).isEqualTo("999");
        assertThat(TileAddress.encodeIndex(1000)).isEqualTo("x001/000");
        assertThat(TileAddress.encodeIndex(1234067)).isEqualTo("x001/x234/067");
        assertThat(TileAddress.encodeIndex(Long.MAX_VALUE)).isEqualTo("x009/x223/x372/x036/x854/x775/807");
    }

    @Test
    void pathsOfTilesAndBundlesFollowTheSpecification() {
        assertThat(TileAddress.tile(0, 0, 256).path()).isEqualTo("tile/0/000");
        assertThat(TileAddress.tile(1, 1234067, 17).path()).isEqualTo("tile/1/x001/x234/067.p/17");
        assertThat(TileAddress.bundle(273, 112).path()).isEqualTo("tile/entries/273.p/112");
        assertThat(TileAddress.bundle(1000, 256).path()).isEqualTo("tile/entries/x001/000");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "tile/0/000",
                "tile/63/x009/x223/x372/x036/x854/x775/807",
                "tile/2/x001/x234/067.p/255",
                "tile/entries/005.p/1",
                "tile/entries/x001/000"
            })
    void everyCanonicalPathParsesAndIsWrittenBackTheSame(String path) throws TilePathException {
        assertThat(TileAddress.parse(path).path()).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "tile/",
                "tile/0",
                "tile/0/",
                "tile/00/000",
                "tile/64/000",
                "tile/-1/000",
                "tile/0/5",
                "tile/0/0005",
                "tile/0/x000/005",
                "tile/0/001/002",
                "tile/0/x001/x002",
                "tile/0/X001/002",
                "tile/0/00a",
                "tile/0/000.p/0",
                "tile/0/000.p/256",
                "tile/0/000.p/07",
                "tile/0/000.p/",
                "tile/0/000.p",
                "tile/0/000/",
                "tile/0/x009/x223/x372/x036/x854/x775/808",
                "tile/0/x001/x001/x001/x001/x001/x001/x001/000",
                "tile/entries/",
                "tile/entry/000",
                "tiles/0/000",
                "/tile/0/000",
                "tile/0/+12"
            })
    void anythingElseIsRefusedWithOneCode(String path) {
        assertThatThrownBy(() -> TileAddress.parse(path))
                .isInstanceOf(TilePathException.class)
                .hasMessage("tiles.malformed-path");
    }
}
