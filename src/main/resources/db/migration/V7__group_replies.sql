-- Messages in groups that people answer by replying (rosters, questions about hours).
create table group_prompt (
    chat_id    bigint not null references group_chat (chat_id) on update cascade on delete cascade,
    message_id int not null,
    kind       text not null check (kind in ('roster', 'hours')),
    ref        bigint not null,
    open       boolean not null default false,
    created_at timestamptz not null default now(),
    primary key (chat_id, message_id)
);
create index group_prompt_ref on group_prompt (kind, ref);

-- Who was told once that a prompt is not for them (then they are not told again).
create table group_prompt_refusal (
    chat_id    bigint not null,
    message_id int not null,
    user_id    bigint not null,
    primary key (chat_id, message_id, user_id)
);

-- A member who answered 到 to a roster checked themselves in.
alter table attendance drop constraint attendance_check_in_how_check;
alter table attendance add constraint attendance_check_in_how_check
    check (check_in_how in ('roster', 'reply', 'mention', 'location', 'coordinator', 'self_reply'));

-- An unfilled call is pushed again once per configured offset ("12h", "3h").
create unique index broadcast_repush_once on broadcast (activity_id, text) where kind = 'repush' and text is not null;

-- A shift's group is asked for hours once, by one instance.
create table hours_prompt (
    activity_id bigint primary key references activity (id),
    asked_at    timestamptz not null default now()
);
