package org.muster.recruitment;

/**
 * How a call fills: confirmed and offered places count against the slots.
 *
 * @param confirmed places held, including those marked no-show after the shift (they were enrolled)
 */
public record Counts(int confirmed, int offered, int waitlisted) {

    public int taken() {
        return confirmed + offered;
    }
}
