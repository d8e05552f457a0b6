package org.ratepayer.postings;

/**
 * The outcome of one posting's attempt, as a courier reports it.
 *
 * @param delivered the receiver has it (accepted now, or already had it from an earlier attempt)
 * @param detail    what the receiver said (kept with the posting; the last error of a parked one)
 * @param parkNow   not delivered, and another attempt would get the same answer: parked for staff at once
 *                  instead of retried (docs/postings.md)
 */
public record Delivery(boolean delivered, String detail, boolean parkNow) {

    public Delivery {
        if (delivered && parkNow) {
            throw new IllegalArgumentException("a delivered posting is not parked");
        }
    }

    public Delivery(boolean delivered, String detail) {
        this(delivered, detail, false);
    }

    public static Delivery ok(String detail) {
        return new Delivery(true, detail);
    }

    public static Delivery failed(String detail) {
        return new Delivery(false, detail);
    }

    public static Delivery park(String detail) {
        return new Delivery(false, detail, true);
    }
}
