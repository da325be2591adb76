-- A long conversation's draft (a recruitment call being written), kept beyond the conversation's
-- Redis state: giving up after wrong answers, /cancel or running idle leaves it here, and the next
-- start of that flow offers to resume it. One row per (chat, user, flow), so the table stays as
-- small as the number of people writing; a row past expires_at (set from the application's clock)
-- is never offered and is replaced by the next draft.
create table conversation_draft (
    chat_id        bigint not null,
    user_id        bigint not null,
    flow           text not null,
    step           text not null,
    schema_version int not null,
    data           jsonb not null,
    expires_at     timestamptz not null,
    primary key (chat_id, user_id, flow)
);
create index conversation_draft_user on conversation_draft (user_id);
