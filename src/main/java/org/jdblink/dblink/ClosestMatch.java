package org.jdblink.dblink;

import java.nio.charset.Charset;

/**
 * The "Perhaps you meant …" search PostgreSQL runs over candidate names (its closest-match
 * helpers in varlena.c, used by dblink_fdw_validator from 16 on): the candidate with the
 * smallest Levenshtein distance to the source wins, provided that distance is at most the
 * limit and at most half the source's length; on a tie the candidate offered first stays.
 *
 * <p>As in PostgreSQL, the distance counts characters (insertions, deletions and
 * substitutions all cost 1) while the lengths count bytes in the database encoding: the
 * "half the source" bound, and the 255-byte length above which a name is not compared
 * at all.
 */
final class ClosestMatch {
    /** Longer names (in bytes) are skipped, as PostgreSQL's Levenshtein refuses them. */
    static final int MAX_NAME_BYTES = 255;

    private final int[] source;
    private final int sourceBytes;
    private final int maxDistance;
    private final Charset encoding;
    private String match;
    private int matchDistance;

    /**
     * @param source      the name to find a match for
     * @param maxDistance the largest distance that still counts as a match
     * @param encoding    the database encoding, in which lengths are measured
     */
    ClosestMatch(String source, int maxDistance, Charset encoding) {
        this.source = source.codePoints().toArray();
        this.sourceBytes = source.getBytes(encoding).length;
        this.maxDistance = maxDistance;
        this.encoding = encoding;
    }

    /** Offers a candidate; it becomes the match if it is closer than every earlier one. */
    void consider(String candidate) {
        if (source.length == 0 || candidate.isEmpty() || sourceBytes > MAX_NAME_BYTES
                || candidate.getBytes(encoding).length > MAX_NAME_BYTES) {
            return;
        }
        int distance = distanceAtMost(source, candidate.codePoints().toArray(), maxDistance);
        if (distance <= maxDistance && distance <= sourceBytes / 2 && (match == null || distance < matchDistance)) {
            match = candidate;
            matchDistance = distance;
        }
    }

    /** The closest candidate offered, or null when none was close enough. */
    String match() {
        return match;
    }

    /**
     * The Levenshtein distance between {@code a} and {@code b} when it is at most
     * {@code max}, else {@code max + 1}: rows of the usual table are computed only while
     * some cell can still lead to a distance within the limit.
     */
    static int distanceAtMost(int[] a, int[] b, int max) {
        if (Math.abs(a.length - b.length) > max) {
            return max + 1;
        }
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            current[0] = i;
            int rowMinimum = current[0];
            for (int j = 1; j <= b.length; j++) {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
                rowMinimum = Math.min(rowMinimum, current[j]);
            }
            if (rowMinimum > max) {
                return max + 1;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return Math.min(previous[b.length], max + 1);
    }
}
