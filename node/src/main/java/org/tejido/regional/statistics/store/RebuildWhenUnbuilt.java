package org.tejido.regional.statistics.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/**
 * Fills {@code regional_statistics} at start when the migration that created it found content already
 * stored (V23): before the aggregator takes any batch, so that the intake never adds rows to a table
 * still missing the earlier ones. Skipped for {@code statistics ...}, which rebuilds by itself.
 */
@Component
class RebuildWhenUnbuilt implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(RebuildWhenUnbuilt.class);

    private final StatisticsRebuild rebuild;
    private final ApplicationArguments arguments;

    RebuildWhenUnbuilt(StatisticsRebuild rebuild, ApplicationArguments arguments) {
        this.rebuild = rebuild;
        this.arguments = arguments;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (StatisticsCli.requested(arguments.getSourceArgs()) || rebuild.built()) {
            return;
        }
        log.info("Statistics store not built yet: rebuilding it from the stored content before taking batches");
        StatisticsRebuild.Result result = rebuild.rebuild();
        log.info(
                "Statistics store rebuilt: {} entries in {} ms, {} entries/s",
                result.entries(),
                result.took().toMillis(),
                Math.round(result.entriesPerSecond()));
    }
}
