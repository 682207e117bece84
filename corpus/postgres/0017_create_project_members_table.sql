-- dbm:up
create table project_members (
  project_id bigint not null references projects(id) on delete cascade,
  user_id bigint not null references users(id) on delete cascade,
  role member_role not null default 'member',
  notify boolean not null default true,
  added_at timestamptz not null default now(),
  primary key (project_id, user_id)
);
create index project_members_user_id_idx on project_members (user_id);

-- dbm:down
drop table project_members;
