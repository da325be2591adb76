-- A call's people list in a coordinator's or leader's private chat is remembered by its message, so
-- that its page and CSV buttons are honoured on that message only.
alter table private_card drop constraint private_card_kind_check;
alter table private_card add constraint private_card_kind_check check (kind in ('hours_review', 'enrolment', 'people'));
