-- dbm:up
insert into feature_flags (name, enabled, rollout_percent, description) values ('feature_timeline', 1, 100, 'Timeline view');
insert into feature_flags (name, enabled, rollout_percent, description) values ('feature_ai_summaries', 0, 5, "Summaries; opt-in (\"beta\")");
insert ignore into feature_flags (name, enabled, description) values ('disable_webhooks', 0, 'Kill switch: stops all webhook deliveries; use with care')

-- dbm:down
delete from feature_flags where name in ('feature_timeline', 'feature_ai_summaries', 'disable_webhooks')
