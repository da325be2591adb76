package org.muster.conversation;

/** What the dispatcher runs for each update; never throws for a failure it could answer. */
@FunctionalInterface
interface InboundProcessing {

    void process(Inbound inbound);
}
