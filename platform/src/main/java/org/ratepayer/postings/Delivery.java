package org.ratepayer.postings;

/**
 * The outcome of one posting's attempt, as a courier reports it.
 *
 * @param delivered the receiver has it (accepted now, or already had it from an earlier attempt)
 * @param detail    what the receiver said (kept with the posting; the last error of a parked one)
 */
public record Delivery(boolean delivered, String detail) {

    public static Delivery ok(String detail) {
        return new Delivery(true, detail);
    }

    public static Delivery failed(String detail) {
        return new Delivery(false, detail);
    }
}
