-- A leader or coordinator checked someone in or out from the coordination console (the Mini App).
-- Dropping and adding a check constraint validates the table once: a scan, no rewrite.
alter table attendance drop constraint attendance_check_in_how_check;
alter table attendance add constraint attendance_check_in_how_check
    check (check_in_how in ('roster', 'reply', 'mention', 'location', 'coordinator', 'self_reply', 'app'));
alter table attendance drop constraint attendance_check_out_how_check;
alter table attendance add constraint attendance_check_out_how_check
    check (check_out_how in ('roster', 'reply', 'mention', 'location', 'automatic', 'coordinator', 'app'));
