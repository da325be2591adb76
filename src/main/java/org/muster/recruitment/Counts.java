package org.muster.recruitment;

/** How a call fills: confirmed and offered places count against the slots. */
public record Counts(int confirmed, int offered, int waitlisted) {

    public int taken() {
        return confirmed + offered;
    }
}
