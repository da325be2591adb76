-- The language a user chose with /lang (overrides the one their Telegram app reports).
create table user_setting (
    user_id    bigint primary key,
    language   text check (language in ('zh', 'en')),
    updated_at timestamptz not null default now()
);

-- Who did what: refused commands and buttons, role changes, corrections. Ids only, no names.
create table audit_log (
    id       bigserial primary key,
    at       timestamptz not null default now(),
    actor_id bigint not null,
    action   text not null,
    chat_id  bigint,
    detail   jsonb not null default '{}'::jsonb
);
create index audit_log_actor on audit_log (actor_id, at);
create index audit_log_action on audit_log (action, at);
