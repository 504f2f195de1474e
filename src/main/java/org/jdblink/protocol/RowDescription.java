package org.jdblink.protocol;

import java.util.List;

/** The columns of a tuples result: names and type OIDs (text format). */
public record RowDescription(List<String> names, int[] typeOids) {
    public int columnCount() {
        return names.size();
    }
}
