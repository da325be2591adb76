-- When an instance began sending a broadcast's first progress message (progress_message_id -1): one
-- that died meanwhile left it so for good, and the coordinator never heard how the broadcast went.
-- A claim older than muster.broadcast.claim-timeout is now taken over.
alter table broadcast add column progress_claimed_at timestamptz;
