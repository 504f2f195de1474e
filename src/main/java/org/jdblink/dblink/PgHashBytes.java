package org.jdblink.dblink;

/**
 * PostgreSQL's hash_bytes (Bob Jenkins' lookup3 hash, as in src/common/hashfn.c on a
 * little-endian machine): what dynahash uses for string keys, and what hashtext() returns.
 * Needed only so that connection names are listed in the order C dblink lists them.
 */
final class PgHashBytes {
    private PgHashBytes() {}

    static int hash(byte[] k) {
        int len = k.length;
        int a = 0x9e3779b9 + len + 3923095;
        int b = a;
        int c = a;
        int p = 0;
        while (len >= 12) {
            a += word(k, p);
            b += word(k, p + 4);
            c += word(k, p + 8);
            // mix(a, b, c)
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            p += 12;
            len -= 12;
        }
        // the last 0..11 bytes; the lowest byte of c is left alone
        for (int i = len - 1; i >= 0; i--) {
            int v = k[p + i] & 0xff;
            if (i >= 8) {
                c += v << (8 * (i - 7));
            } else if (i >= 4) {
                b += v << (8 * (i - 4));
            } else {
                a += v << (8 * i);
            }
        }
        // final(a, b, c)
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }

    private static int word(byte[] k, int p) {
        return (k[p] & 0xff) | (k[p + 1] & 0xff) << 8 | (k[p + 2] & 0xff) << 16 | (k[p + 3] & 0xff) << 24;
    }
}
