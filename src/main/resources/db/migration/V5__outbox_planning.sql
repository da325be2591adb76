-- Deadline planning runs only when something was scheduled or moved since the last plan: sending
-- and cancelling only loosen a plan, so a queue of 100,000 reminders is not re-sorted every 10 s.
alter table broadcast_delivery add column planned boolean not null default true;
create index broadcast_delivery_unplanned on broadcast_delivery (id) where status = 'pending' and not planned;
