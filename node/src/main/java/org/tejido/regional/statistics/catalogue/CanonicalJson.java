package org.tejido.regional.statistics.catalogue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The canonical byte form of a release: JSON with object members sorted by key (UTF-16 code units),
 * no whitespace, integers only, strings escaped as RFC 8785 (JCS) does, UTF-8. Written by hand so that
 * the bytes depend on nothing but this class (they will be signed).
 */
final class CanonicalJson {
    private CanonicalJson() {}

    static byte[] of(ProtectedRelease release) {
        Map<String, Object> root = new TreeMap<>();
        root.put("catalogue", release.catalogue());
        root.put("year", release.year());
        root.put("vocabulary", release.vocabulary());
        root.put("algorithm", release.algorithm());
        Map<String, Object> parameters = new TreeMap<>();
        parameters.put("threshold", release.parameters().threshold());
        parameters.put("minWidth", release.parameters().minWidth());
        root.put("parameters", parameters);
        Map<String, Object> selection = new TreeMap<>();
        for (String dimension : List.of("tables", "countries", "periods", "categories")) {
            release.selection().dimension(dimension).ifPresent(keys -> selection.put(dimension, list(keys)));
        }
        root.put("selection", selection);
        List<Object> tables = new ArrayList<>();
        for (ReleasedTable table : release.tables()) {
            tables.add(table(table));
        }
        root.put("tables", tables);
        List<Object> listings = new ArrayList<>();
        for (PublicListing l : release.publicRecords()) {
            Map<String, Object> m = new TreeMap<>();
            l.publicName().ifPresent(name -> m.put("publicName", name));
            m.put("country", l.country());
            m.put("period", l.period());
            m.put("aggressionTypes", new ArrayList<Object>(l.aggressionTypes()));
            listings.add(m);
        }
        root.put("publicRecords", listings);
        StringBuilder out = new StringBuilder(1 << 16);
        write(root, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> table(ReleasedTable table) {
        TableLayout layout = table.layout();
        Map<String, Object> m = new TreeMap<>();
        m.put("id", layout.id());
        m.put("es", layout.es());
        m.put("en", layout.en());
        m.put("multiValuedColumns", layout.multiValuedColumns());
        m.put("rows", headers(layout.rows()));
        m.put("columns", headers(layout.columns()));
        List<Object> cells = new ArrayList<>();
        for (ReleasedCell cell : table.cells()) {
            Map<String, Object> c = new TreeMap<>();
            c.put("id", cell.id());
            c.put("row", cell.row());
            c.put("column", cell.column());
            if (cell.figure() instanceof Figure.Published p) {
                c.put("value", p.value());
            } else {
                c.put("suppressed", true);
            }
            cells.add(c);
        }
        m.put("cells", cells);
        return m;
    }

    private static List<Object> headers(List<Header> headers) {
        List<Object> out = new ArrayList<>();
        for (Header h : headers) {
            Map<String, Object> m = new TreeMap<>();
            m.put("key", h.key());
            m.put("level", h.level());
            h.parent().ifPresent(p -> m.put("parent", p));
            m.put("es", h.es());
            m.put("en", h.en());
            if (h.retired()) {
                m.put("retired", true);
            }
            out.add(m);
        }
        return out;
    }

    private static List<Object> list(SortedSet<String> keys) {
        return new ArrayList<>(keys);
    }

    private static void write(Object value, StringBuilder out) {
        if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Integer || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string((String) e.getKey(), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not in the canonical form: " + value.getClass());
        }
    }

    /**
     * As RFC 8785: the short escapes, other controls as \\u00xx, everything else as is; a lone
     * surrogate (not valid UTF-16, which RFC 8785 refuses) is escaped too, so that no text is lost or
     * turned into a replacement character.
     */
    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || lone(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean lone(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }
}
