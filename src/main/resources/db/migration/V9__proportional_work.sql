-- Periodic scans read only live rows, through indexes.

-- calls ending or starting in a window (sweeps, re-push, hours prompts)
create index if not exists activity_ends_at on activity (ends_at);
create index if not exists activity_status_starts on activity (status, starts_at);
-- a call's broadcasts (its reminders, its roster, its re-pushes)
create index if not exists broadcast_activity on broadcast (activity_id, kind);
-- a volunteer's own deliveries (their reminders, an erasure)
create index if not exists broadcast_delivery_chat on broadcast_delivery (chat_id);

-- A copy of a call is marked behind when the call changes (only that call's copies), so the counter
-- refresh reads the few copies behind instead of every copy ever posted.
alter table call_copy add column stale boolean not null default false;
update call_copy c set stale = true from activity a where a.id = c.activity_id and c.shown < a.shown_version;
create index call_copy_behind on call_copy (edited_at) where stale;

-- A broadcast whose progress message shows the end is not looked at again.
alter table broadcast add column progress_finished boolean not null default false;
update broadcast b set progress_finished = true where progress_chat_id is not null
    and not exists (select 1 from broadcast_delivery d where d.broadcast_id = b.id and d.status in ('pending', 'sending'));
create index broadcast_progress_live on broadcast (id) where progress_chat_id is not null and not progress_finished;
