-- A volunteer's personal calendar subscription (GET /calendar/{token}.ics). The token is the only
-- key to it: 128 random bits; /calendar reset replaces it, /forgetme deletes it.
create table calendar_feed (
    volunteer_id bigint primary key references volunteer (id) on delete cascade,
    token        text not null unique,
    created_at   timestamptz not null
);
