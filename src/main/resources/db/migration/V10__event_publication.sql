-- Spring Modulith's event publication registry (schema v2 of spring-modulith-events-jdbc): an event
-- whose loss would lose a follow-up (reminders after an enrolment, a review request, a deep-link
-- enrolment, a join) is written here in the transaction that published it, and marked done when its
-- listener has finished; a crash in between leaves it here, and it is published again.
create table if not exists event_publication (
    id                     uuid not null,
    listener_id            text not null,
    event_type             text not null,
    serialized_event       text not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamp with time zone,
    primary key (id)
);
create index if not exists event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index if not exists event_publication_by_completion_date_idx on event_publication (completion_date);
