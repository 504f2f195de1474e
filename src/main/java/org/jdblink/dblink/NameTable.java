package org.jdblink.dblink;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A map from connection name to value that iterates in the order C dblink's hash table
 * (dynahash, created for 16 entries, fill factor 1) does, so dblink_get_connections lists
 * names in the same order: buckets in turn, each bucket's entries in insertion order,
 * with dynahash's linear bucket splits as the table grows.
 */
final class NameTable<V> {
    /** A name bound to its value, with the hash that places it in a bucket. */
    private record Binding<V>(String key, int hash, V value) {}

    private final Charset encoding;
    private final List<List<Binding<V>>> buckets = new ArrayList<>();
    private int maxBucket;
    private int lowMask;
    private int highMask;
    private int count;

    /** {@code encoding}: the database's, in which names are hashed. */
    NameTable(Charset encoding) {
        this.encoding = encoding;
        int initial = 16;
        for (int i = 0; i < initial; i++) {
            buckets.add(new ArrayList<>());
        }
        maxBucket = initial - 1;
        lowMask = initial - 1;
        highMask = (initial << 1) - 1;
    }

    V get(String key) {
        for (Binding<V> e : buckets.get(bucketOf(hash(key)))) {
            if (e.key().equals(key)) {
                return e.value();
            }
        }
        return null;
    }

    /**
     * dynahash's HASH_ENTER: the table may grow first (on every enter, even of a key that
     * is present); a new key is appended to its bucket with a null value. Returns whether
     * the key was already present.
     */
    boolean enter(String key) {
        if (count > maxBucket) {
            expand();
        }
        int hash = hash(key);
        List<Binding<V>> chain = buckets.get(bucketOf(hash));
        for (Binding<V> e : chain) {
            if (e.key().equals(key)) {
                return true;
            }
        }
        chain.add(new Binding<>(key, hash, null));
        count++;
        return false;
    }

    /** Sets the value of a key already entered. */
    void set(String key, V value) {
        List<Binding<V>> chain = buckets.get(bucketOf(hash(key)));
        for (int i = 0; i < chain.size(); i++) {
            Binding<V> e = chain.get(i);
            if (e.key().equals(key)) {
                chain.set(i, new Binding<>(key, e.hash(), value));
                return;
            }
        }
        throw new IllegalStateException("no entry for " + key);
    }

    /** Removes the key; returns its value or null. */
    V remove(String key) {
        Iterator<Binding<V>> it = buckets.get(bucketOf(hash(key))).iterator();
        while (it.hasNext()) {
            Binding<V> e = it.next();
            if (e.key().equals(key)) {
                it.remove();
                count--;
                return e.value();
            }
        }
        return null;
    }

    /** Keys in hash_seq_search order. */
    List<String> keys() {
        List<String> keys = new ArrayList<>(count);
        for (int b = 0; b <= maxBucket; b++) {
            for (Binding<V> e : buckets.get(b)) {
                keys.add(e.key());
            }
        }
        return keys;
    }

    private int hash(String key) {
        return PgHashBytes.hash(key.getBytes(encoding));
    }

    /** dynahash's calc_bucket. */
    private int bucketOf(int hash) {
        int bucket = hash & highMask;
        if (Integer.compareUnsigned(bucket, maxBucket) > 0) {
            bucket &= lowMask;
        }
        return bucket;
    }

    /** dynahash's expand_table: split one bucket into a new one, keeping relative order. */
    private void expand() {
        int newBucket = maxBucket + 1;
        int oldBucket = newBucket & lowMask;
        maxBucket++;
        if (Integer.compareUnsigned(newBucket, highMask) > 0) {
            lowMask = highMask;
            highMask = newBucket | lowMask;
        }
        List<Binding<V>> stay = new ArrayList<>();
        List<Binding<V>> move = new ArrayList<>();
        for (Binding<V> e : buckets.get(oldBucket)) {
            (bucketOf(e.hash()) == oldBucket ? stay : move).add(e);
        }
        buckets.set(oldBucket, stay);
        buckets.add(move);
    }
}
