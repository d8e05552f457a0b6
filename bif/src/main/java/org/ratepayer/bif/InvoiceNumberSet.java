package org.ratepayer.bif;

/**
 * The invoice numbers seen so far in a file, with the line each was first seen on, in 16 bytes a
 * slot whatever the number's length, so that a file of millions of invoices can be checked in one
 * pass without keeping its strings.
 *
 * <p>A slot holds a 64-bit hash of the number (the probe key), a second, independently computed
 * 32-bit hash, and the line as an unsigned 32-bit value. The strings themselves are not kept, so a
 * match cannot be confirmed by comparing them, and the stream cannot be re-read. Both hashes must
 * match for a duplicate to be reported, which makes the chance that any two different numbers of a
 * file are taken for one about n²/2⁹⁷: below 10⁻¹⁵ for ten million invoices, far below the odds of
 * a disk error. That is the price of not keeping the numbers, and it is accepted; the error names
 * both the number and the first line, so a biller can always see what was compared.
 *
 * <p>256 segments, chosen by the top byte of the 64-bit hash, each an open-addressing table with
 * linear probing over one interleaved long array (key, payload), so a probe touches one cache
 * line; a zero key marks an empty slot. Segments grow one at a time, so growing never needs the old
 * and the new copy of the whole set at once: the heap stays at 21 to 43 bytes an invoice (10 million
 * invoices in about 270 MB) instead of briefly tripling when one big table doubles.
 */
final class InvoiceNumberSet {

    /** Returned by {@link #addOrFirstLine} when the number is new. */
    static final long ADDED = -1;
    /** Returned when the number was seen on a line too large to store (beyond 2³²−1). */
    static final long LINE_UNKNOWN = 0;
    /** Returned, without adding, once {@link #CAPACITY} numbers are held. */
    static final long FULL = -2;
    /** Far beyond any real billing run; keeps the set's memory bounded on hostile input. */
    static final int CAPACITY = 100_000_000;

    private static final int SEGMENT_BITS = 8;
    private static final int INITIAL_SLOTS = 1 << 6;
    private static final long MAX_STORED_LINE = 0xFFFF_FFFFL;

    private final Segment[] segments = new Segment[1 << SEGMENT_BITS];
    private int size;

    InvoiceNumberSet() {
        for (int i = 0; i < segments.length; i++) {
            segments[i] = new Segment();
        }
    }

    /**
     * Adds the number unless present.
     *
     * @return {@link #ADDED}, or the line it was first seen on ({@link #LINE_UNKNOWN} if not stored),
     *         or {@link #FULL}
     */
    long addOrFirstLine(String number, long line) {
        long key = hash(number, 0x6A09E667F3BCC909L, 0x9E3779B97F4A7C15L);
        if (key == 0) {
            key = 1;
        }
        long check = hash(number, 0xBB67AE8584CAA73BL, 0xC2B2AE3D27D4EB4FL) >>> 32;
        long payload = check << 32 | (line <= MAX_STORED_LINE ? line : LINE_UNKNOWN);
        long found = segments[(int) (key >>> (64 - SEGMENT_BITS))].addOrFind(key, payload, size < CAPACITY);
        if (found == ADDED) {
            size++;
        }
        return found;
    }

    int size() {
        return size;
    }

    private static final class Segment {
        private long[] table = new long[2 * INITIAL_SLOTS];
        private int mask = INITIAL_SLOTS - 1;
        private int size;

        long addOrFind(long key, long payload, boolean mayAdd) {
            long check = payload >>> 32;
            int slot = (int) key & mask;
            while (table[2 * slot] != 0) {
                if (table[2 * slot] == key && table[2 * slot + 1] >>> 32 == check) {
                    return table[2 * slot + 1] & MAX_STORED_LINE;
                }
                slot = (slot + 1) & mask;
            }
            if (!mayAdd) {
                return FULL;
            }
            table[2 * slot] = key;
            table[2 * slot + 1] = payload;
            if (++size > (mask + 1) / 4 * 3) {
                grow();
            }
            return ADDED;
        }

        private void grow() {
            long[] old = table;
            int slots = 2 * (mask + 1);
            table = new long[2 * slots];
            mask = slots - 1;
            for (int i = 0; i < old.length; i += 2) {
                if (old[i] != 0) {
                    int slot = (int) old[i] & mask;
                    while (table[2 * slot] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    table[2 * slot] = old[i];
                    table[2 * slot + 1] = old[i + 1];
                }
            }
        }
    }

    /**
     * A multiply–xorshift hash. The xorshift after each step makes it non-polynomial, so the
     * classic structured collisions of plain multiplicative string hashes do not apply, and two
     * lanes with different seeds and multipliers behave as independent hashes.
     */
    private static long hash(String s, long seed, long multiplier) {
        long h = seed ^ s.length();
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * multiplier;
            h ^= h >>> 29;
        }
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        return h ^ h >>> 32;
    }
}
