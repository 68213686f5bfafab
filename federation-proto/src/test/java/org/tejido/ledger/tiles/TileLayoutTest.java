package org.tejido.ledger.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tiles of trees whose sizes straddle the 256 and 65,536 boundaries, path by path. */
class TileLayoutTest {

    private static List<String> paths(long size) {
        return TileLayout.tilesOf(size, true).stream().map(TileAddress::path).toList();
    }

    @Test
    void anEmptyTreeHasNoTile() {
        assertThat(paths(0)).isEmpty();
    }

    @Test
    void belowTheFirstFullTileEverythingIsPartial() {
        assertThat(paths(1)).containsExactly("tile/0/000.p/1", "tile/entries/000.p/1");
        assertThat(paths(255)).containsExactly("tile/0/000.p/255", "tile/entries/000.p/255");
    }

    @Test
    void atTwoHundredFiftySixTheFirstTileIsFullAndLevelOneHasOneHash() {
        assertThat(paths(256)).containsExactly("tile/0/000", "tile/entries/000", "tile/1/000.p/1");
        assertThat(paths(257))
                .containsExactly(
                        "tile/0/000", "tile/0/001.p/1", "tile/entries/000", "tile/entries/001.p/1", "tile/1/000.p/1");
    }

    @Test
    void aroundSixtyFiveThousandFiveHundredThirtySixLevelOneFillsAndLevelTwoStarts() {
        List<String> below = paths(65_535);
        assertThat(below).contains("tile/0/254", "tile/0/255.p/255", "tile/entries/255.p/255", "tile/1/000.p/255");
        assertThat(below).doesNotContain("tile/0/255", "tile/1/000", "tile/2/000.p/1");
        assertThat(below).hasSize(255 + 1 + 255 + 1 + 1);

        List<String> at = paths(65_536);
        assertThat(at).contains("tile/0/255", "tile/entries/255", "tile/1/000", "tile/2/000.p/1");
        assertThat(at).doesNotContain("tile/0/256.p/1", "tile/1/001.p/1");
        assertThat(at).hasSize(256 + 256 + 1 + 1);

        List<String> above = paths(65_537);
        assertThat(above).contains("tile/0/256.p/1", "tile/entries/256.p/1", "tile/1/000", "tile/2/000.p/1");
        assertThat(above).hasSize(256 + 1 + 256 + 1 + 1 + 1);
    }

    @Test
    void theSpecificationsExampleOfSeventyThousandEntries() {
        // c2sp.org/tlog-tiles: 273 full level 0 tiles, one partial of width 112, one full level 1 tile, one
        // partial level 1 tile of width 17 and one partial level 2 tile of width 1.
        List<TileAddress> tiles = TileLayout.tilesOf(70_000, false);
        assertThat(tiles.stream().filter(t -> t.level() == 0 && t.full())).hasSize(273);
        assertThat(tiles).contains(TileAddress.tile(0, 273, 112));
        assertThat(tiles.stream().filter(t -> t.level() == 1).map(TileAddress::path))
                .containsExactly("tile/1/000", "tile/1/001.p/17");
        assertThat(tiles.stream().filter(t -> t.level() == 2).map(TileAddress::path))
                .containsExactly("tile/2/000.p/1");
        assertThat(tiles).hasSize(273 + 1 + 2 + 1);
    }

    @Test
    void aTileCanBeServedOnceEveryHashItHoldsExists() {
        assertThat(TileLayout.within(TileAddress.tile(0, 0, 256), 255)).isFalse();
        assertThat(TileLayout.within(TileAddress.tile(0, 0, 255), 255)).isTrue();
        assertThat(TileLayout.within(TileAddress.tile(0, 0, 100), 256)).isTrue();
        assertThat(TileLayout.within(TileAddress.tile(0, 1, 1), 256)).isFalse();
        assertThat(TileLayout.within(TileAddress.tile(1, 0, 1), 65_535)).isTrue();
        assertThat(TileLayout.within(TileAddress.tile(1, 0, 256), 65_535)).isFalse();
        assertThat(TileLayout.within(TileAddress.tile(1, 0, 256), 65_536)).isTrue();
        assertThat(TileLayout.within(TileAddress.tile(2, 0, 1), 65_536)).isTrue();
        assertThat(TileLayout.within(TileAddress.tile(63, Long.MAX_VALUE, 256), Long.MAX_VALUE))
                .isFalse();
        assertThat(TileLayout.within(TileAddress.bundle(Long.MAX_VALUE / 256, 1), Long.MAX_VALUE))
                .isTrue();
    }
}
