-- The moderation queues in the order they are shown, so that a page of 50 is read from the front of
-- an index instead of sorting every comment with the status: with 85,000 pending comments the
-- pending queue took 90 ms per page view (4 ms with this index), holding one of the pool's few
-- connections while readers and the comment writer waited (bench/soak.sh p99).
CREATE INDEX comments_pending_order_idx ON comments (status, screen_flagged, screen_score, created_at);
CREATE INDEX comments_decided_order_idx ON comments (status, COALESCE(decided_at, created_at));
