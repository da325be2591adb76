-- Reference data from configuration (config/catalog.yml), synchronised at start-up.
create table area (
    code        text primary key,
    parent_code text references area (code),
    level       smallint not null check (level between 1 and 3),
    name_zh     text not null,
    name_en     text not null,
    sort_order  int not null default 0,
    retired     boolean not null default false
);

create table skill (
    code       text primary key,
    name_zh    text not null,
    name_en    text not null,
    sort_order int not null default 0,
    retired    boolean not null default false
);

-- A signed-up volunteer. telegram_user_id, real_name, phone and telegram_username are personal data:
-- /forgetme sets them to null and keeps the row (its id) so hours and attendance stay counted.
create table volunteer (
    id                bigserial primary key,
    public_id         text not null unique,
    telegram_user_id  bigint unique,
    telegram_username text,
    real_name         text,
    phone             text,
    area_code         text references area (code),
    skills            text[] not null default '{}',
    availability      text[] not null default '{}',
    consent_at        timestamptz,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    forgotten_at      timestamptz,
    check ((forgotten_at is null) = (telegram_user_id is not null))
);
create index volunteer_username on volunteer (lower(telegram_username));

create table team (
    id         bigserial primary key,
    name       text not null,
    area_code  text references area (code),
    join_code  text not null unique,
    created_by bigint not null,
    created_at timestamptz not null default now()
);

create table team_member (
    team_id      bigint not null references team (id) on delete cascade,
    volunteer_id bigint not null references volunteer (id) on delete cascade,
    role         text not null default 'member' check (role in ('member', 'leader')),
    joined_at    timestamptz not null default now(),
    primary key (team_id, volunteer_id)
);
create index team_member_volunteer on team_member (volunteer_id);

-- A group chat the bot is (or was) in. Its records follow it when it becomes a supergroup.
create table group_chat (
    chat_id    bigint primary key,
    title      text,
    kind       text not null,
    team_id    bigint references team (id) on delete set null,
    language   text not null default 'zh' check (language in ('zh', 'en')),
    bot_status text not null,
    added_by   bigint,
    updated_at timestamptz not null default now()
);
create unique index group_chat_team on group_chat (team_id) where team_id is not null;

-- Which recruitment calls a group wants: all of them, or those of some areas or needing some skills.
create table subscription (
    chat_id     bigint primary key references group_chat (chat_id) on update cascade on delete cascade,
    all_calls   boolean not null default false,
    area_codes  text[] not null default '{}',
    skill_codes text[] not null default '{}',
    updated_by  bigint,
    updated_at  timestamptz not null default now()
);

-- The one welcome a newcomer to a bound group gets.
create table group_welcome (
    chat_id bigint not null references group_chat (chat_id) on update cascade on delete cascade,
    user_id bigint not null,
    sent_at timestamptz not null default now(),
    primary key (chat_id, user_id)
);

-- Coordinators granted in the app (those in configuration are coordinators as well).
create table staff_role (
    user_id    bigint not null,
    role       text not null check (role in ('coordinator')),
    granted_by bigint not null,
    granted_at timestamptz not null default now(),
    primary key (user_id, role)
);

-- The language a user's Telegram app reports, for messages Muster sends them outside a conversation.
alter table user_setting add column app_language text check (app_language in ('zh', 'en'));
