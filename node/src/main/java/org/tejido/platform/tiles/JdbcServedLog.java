package org.tejido.platform.tiles;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.ledger.tiles.LevelCache;
import org.tejido.ledger.tiles.TreeHashes;

/**
 * A log served from a table of leaves with columns {@code log_index}, {@code leaf} and {@code leaf_hash}
 * (the node's {@code federation_entry}, the aggregator's {@code regional_tile_leaf}), optionally narrowed
 * to one log by a column ({@code origin}), up to the size of its served checkpoint.
 */
public final class JdbcServedLog implements ServedLog {
    private final JdbcTemplate jdbc;
    private final String from;
    private final List<Object> key;
    private final long size;
    private final String checkpoint;
    private final TreeHashes tree;

    /**
     * @param table the table of leaves (a constant of the caller, never input)
     * @param keyColumn the column that names one log in it, or null when the table holds one log
     * @param keyValue that column's value for this log
     * @param cacheName the name this log's hashes are kept under in {@code cache}
     */
    public JdbcServedLog(
            JdbcTemplate jdbc,
            String table,
            String keyColumn,
            Object keyValue,
            long size,
            String checkpoint,
            String cacheName,
            LevelCache cache) {
        this.jdbc = jdbc;
        this.from = " FROM " + table + " WHERE " + (keyColumn == null ? "" : keyColumn + " = ? AND ");
        this.key = keyColumn == null ? List.of() : List.of(keyValue);
        this.size = size;
        this.checkpoint = checkpoint;
        this.tree = new TreeHashes(cacheName, (start, end) -> range("leaf_hash", start, end), cache);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public String checkpoint() {
        return checkpoint;
    }

    @Override
    public TreeHashes tree() {
        return tree;
    }

    @Override
    public List<byte[]> leaves(long start, long end) {
        return range("leaf", start, end);
    }

    @Override
    public OptionalLong indexOf(byte[] leafHash, long below) {
        List<Long> found = jdbc.queryForList(
                "SELECT min(log_index)" + from + "leaf_hash = ? AND log_index < ?",
                Long.class,
                arguments(leafHash, below));
        return found.isEmpty() || found.get(0) == null ? OptionalLong.empty() : OptionalLong.of(found.get(0));
    }

    private List<byte[]> range(String column, long start, long end) {
        return jdbc.query(
                "SELECT " + column + from + "log_index >= ? AND log_index < ? ORDER BY log_index",
                (rs, n) -> rs.getBytes(1),
                arguments(start, end));
    }

    private Object[] arguments(Object a, Object b) {
        List<Object> all = new ArrayList<>(key);
        all.add(a);
        all.add(b);
        return all.toArray();
    }
}
