-- A check-out roster is a prompt too, so that every posted roster can be found and redrawn.
alter table group_prompt drop constraint group_prompt_kind_check;
alter table group_prompt add constraint group_prompt_kind_check check (kind in ('roster', 'roster_out', 'hours'));

-- What a prompt shows can change after it was posted (a roster's check-ins, by any path): the feature
-- raises version, and prompts that show an older one are edited to catch up, at most once per gap.
alter table group_prompt add column version bigint not null default 0;
alter table group_prompt add column shown bigint not null default 0;
alter table group_prompt add column edited_at timestamptz;
create index group_prompt_stale on group_prompt (kind, ref) where shown < version;

-- A long roster shows its buttons a page at a time; the page a message shows is kept with it.
alter table group_prompt add column page int not null default 0;
