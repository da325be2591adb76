-- Messages with buttons in private chats that must be redrawn when what they show changes (a review
-- card sent to every leader of a team: one leader's decision redraws all of them). Group prompts
-- live in group_prompt, whose chat is a recorded group.
create table private_card (
    chat_id    bigint not null,
    message_id int not null,
    kind       text not null check (kind in ('hours_review', 'enrolment')),
    ref        bigint not null,
    primary key (chat_id, message_id)
);
create index private_card_ref on private_card (kind, ref);
