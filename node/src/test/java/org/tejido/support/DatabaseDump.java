package org.tejido.support;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Everything a node's database holds, as a dump would show it: every table of the public schema
 * through {@code COPY ... TO STDOUT} (what pg_dump does for data; the embedded PostgreSQL has no
 * pg_dump beside it). {@link #searchable()} also decodes every bytea value, since event payloads are
 * stored as bytes and would hide plain text behind their hex form.
 */
public final class DatabaseDump {
    private static final Pattern BYTEA = Pattern.compile("\\\\\\\\x([0-9a-f]+)");

    private final String text;

    private DatabaseDump(String text) {
        this.text = text;
    }

    public static DatabaseDump of(DataSource dataSource) throws Exception {
        List<String> tables = new JdbcTemplate(dataSource)
                .queryForList(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", String.class);
        StringWriter out = new StringWriter();
        try (Connection c = dataSource.getConnection()) {
            PGConnection pg = c.unwrap(PGConnection.class);
            for (String table : tables) {
                out.write("-- table " + table + "\n");
                pg.getCopyAPI().copyOut("COPY \"" + table + "\" TO STDOUT", out);
            }
        }
        return new DatabaseDump(out.toString());
    }

    public static DatabaseDump ofText(String text) {
        return new DatabaseDump(text);
    }

    public String text() {
        return text;
    }

    /** The dump, plus the decoded contents of every bytea value in it. */
    public String searchable() {
        StringBuilder all = new StringBuilder(text);
        Matcher m = BYTEA.matcher(text);
        while (m.find()) {
            all.append('\n').append(new String(HexFormat.of().parseHex(m.group(1)), StandardCharsets.UTF_8));
        }
        return all.toString();
    }

    /** The rows of one table as COPY wrote them (tab-separated columns). */
    public List<String[]> rows(String table) {
        String marker = "-- table " + table + "\n";
        int start = text.indexOf(marker);
        if (start < 0) {
            return List.of();
        }
        int end = text.indexOf("-- table ", start + marker.length());
        String block = text.substring(start + marker.length(), end < 0 ? text.length() : end);
        return block.lines()
                .filter(l -> !l.isEmpty())
                .map(l -> l.split("\t", -1))
                .toList();
    }
}
