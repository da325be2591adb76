-- Service hours: what the volunteer reported (a leader may approve less, a coordinator correct it),
-- and who corrected an approved record last (the audit log keeps every correction).
alter table hours_report add column reported_minutes int check (reported_minutes > 0 and reported_minutes <= 1440);
alter table hours_report add column corrected_by bigint;
alter table hours_report add column corrected_at timestamptz;
alter table hours_report add constraint hours_report_description_length check (char_length(description) <= 200);
alter table hours_report add constraint hours_report_note_length check (char_length(note) <= 500);
alter table hours_report add constraint hours_report_other_described check (activity_id is not null or description is not null);

create index hours_report_pending on hours_report (created_at) where status = 'pending';
create index hours_report_approved_date on hours_report (activity_date) where status = 'approved';
