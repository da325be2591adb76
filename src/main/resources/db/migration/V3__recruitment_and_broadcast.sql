-- A recruitment call (招募): one shift at one site, with a number of places.
create table activity (
    id              bigserial primary key,
    title           text not null,
    description     text not null,
    site_name       text not null,
    site_address    text,
    site_latitude   double precision,
    site_longitude  double precision,
    area_code       text not null references area (code),
    starts_at       timestamptz not null,
    ends_at         timestamptz not null check (ends_at > starts_at),
    slots           int not null check (slots between 1 and 10000),
    skills          text[] not null default '{}',
    status          text not null default 'open' check (status in ('open', 'closed', 'cancelled')),
    target_all      boolean not null default false,
    target_by_area  boolean not null default true,
    target_by_skill boolean not null default false,
    target_direct   boolean not null default false,
    created_by      bigint not null,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    -- bumped on every change of what the call's message shows; copies catch up with it
    shown_version   bigint not null default 0
);
create index activity_creator on activity (created_by, starts_at);

-- A volunteer's place on a call: confirmed, on the waitlist (in position order), offered a freed
-- place (until offered_until), or no longer going.
create table enrollment (
    id            bigserial primary key,
    activity_id   bigint not null references activity (id),
    volunteer_id  bigint not null references volunteer (id),
    status        text not null check (status in ('confirmed', 'waitlisted', 'offered', 'cancelled', 'no_show')),
    position      bigint not null,
    offered_until timestamptz,
    enrolled_at   timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    unique (activity_id, volunteer_id)
);
create index enrollment_volunteer on enrollment (volunteer_id, status);
create index enrollment_waitlist on enrollment (activity_id, status, position);
create sequence enrollment_position;

-- Every posted copy of a call's message, so the counter can be kept current in each of them.
create table call_copy (
    activity_id  bigint not null references activity (id),
    chat_id      bigint not null,
    message_id   int not null,
    shown        bigint not null default 0,
    edited_at    timestamptz,
    primary key (activity_id, chat_id, message_id)
);
create index call_copy_stale on call_copy (activity_id, shown);

-- The outbox: a broadcast and one delivery row per target chat. Workers claim rows with
-- FOR UPDATE SKIP LOCKED, so instances share the work and a restart resumes where it stopped.
create table broadcast (
    id                  bigserial primary key,
    kind                text not null check (kind in ('call', 'notice', 'repush', 'call_update')),
    activity_id         bigint references activity (id),
    text                text,
    created_by          bigint not null,
    created_at          timestamptz not null default now(),
    progress_chat_id    bigint,
    progress_message_id int,
    progress_shown      int not null default -1,
    language            text not null default 'zh'
);

create table broadcast_delivery (
    id              bigserial primary key,
    broadcast_id    bigint not null references broadcast (id),
    chat_id         bigint not null,
    to_volunteer    boolean not null default false,
    status          text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
    attempts        int not null default 0,
    next_attempt_at timestamptz not null default now(),
    claimed_by      text,
    claimed_at      timestamptz,
    sent_at         timestamptz,
    message_id      int,
    last_error      text,
    unique (broadcast_id, chat_id)
);
create index broadcast_delivery_due on broadcast_delivery (next_attempt_at) where status = 'pending';
create index broadcast_delivery_claimed on broadcast_delivery (claimed_at) where status = 'sending';

-- Volunteers may ask for matching calls in their private chat; a blocked bot makes them unreachable.
alter table volunteer add column direct_calls boolean not null default false;
alter table volunteer add column unreachable_at timestamptz;
