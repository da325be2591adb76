-- The team that runs a call's shift: its group gets the roster, its leaders check people in.
alter table activity add column team_id bigint references team (id) on delete set null;

-- The Telegram display name (what the group already sees), for rosters in groups: never the real name.
alter table volunteer add column display_name text;
-- A volunteer's own reminder offsets in minutes before a shift (null: the organisation's default).
alter table volunteer add column reminder_offsets int[];

-- Reminders are outbox deliveries that are due at a time and useless after a deadline (the shift's
-- start). Workers take due deliveries earliest deadline first; a planner moves them earlier when
-- so many are queued that the rate limit would otherwise make some late.
alter table broadcast_delivery add column deadline timestamptz;
create index broadcast_delivery_pending_order on broadcast_delivery (deadline nulls last, id) where status = 'pending';
alter table broadcast drop constraint broadcast_kind_check;
alter table broadcast add constraint broadcast_kind_check
    check (kind in ('call', 'notice', 'repush', 'call_update', 'reminder', 'roster', 'attendance'));
create unique index broadcast_reminder_once on broadcast (activity_id, kind, text) where kind in ('reminder', 'roster');

-- Who was there: checked in and out, by whom and how. One row per volunteer and call.
create table attendance (
    id              bigserial primary key,
    activity_id     bigint not null references activity (id),
    volunteer_id    bigint not null references volunteer (id),
    checked_in_at   timestamptz,
    checked_in_by   bigint,
    check_in_how    text check (check_in_how in ('roster', 'reply', 'mention', 'location', 'coordinator')),
    checked_out_at  timestamptz,
    checked_out_by  bigint,
    check_out_how   text check (check_out_how in ('roster', 'reply', 'mention', 'location', 'automatic', 'coordinator')),
    minutes         int,
    updated_at      timestamptz not null default now(),
    unique (activity_id, volunteer_id)
);
create index attendance_open on attendance (activity_id) where checked_in_at is not null and checked_out_at is null;

-- Service hours (服务时长). Attendance writes records here; the hours feature adds self-reports.
create table hours_report (
    id              bigserial primary key,
    volunteer_id    bigint not null references volunteer (id),
    activity_id     bigint references activity (id),
    source          text not null check (source in ('attendance', 'self')),
    activity_date   date not null,
    minutes         int not null check (minutes > 0 and minutes <= 1440),
    description     text,
    note            text,
    status          text not null check (status in ('pending', 'approved', 'rejected')),
    reviewed_by     bigint,
    reviewed_at     timestamptz,
    reject_reason   text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create unique index hours_report_once_per_shift on hours_report (volunteer_id, activity_id)
    where activity_id is not null and status <> 'rejected';
create index hours_report_volunteer on hours_report (volunteer_id, activity_date);
