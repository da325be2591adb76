-- Service certificates (志愿服务证明): what each one states, kept so that /verify/{code} can say it
-- again, and whether it still holds. The code is the key: 100 random bits, base32.
create table certificate (
    code          text primary key,
    volunteer_id  bigint not null references volunteer (id),
    issued_at     timestamptz not null,
    organisation  text not null,
    period_from   date,
    period_to     date,
    minutes       int not null,
    activities    int not null,
    status        text not null default 'valid' check (status in ('valid', 'superseded', 'revoked')),
    changed_at    timestamptz
);
create index certificate_volunteer on certificate (volunteer_id) where status = 'valid';
