package org.muster.broadcast;

/** How far a broadcast got. */
public record BroadcastStatus(long broadcastId, int total, int sent, int failed) {

    public int pending() {
        return total - sent - failed;
    }

    public boolean finished() {
        return pending() == 0;
    }
}
