-- dbm:up
create view account_preferences as
select
    a.id as account_id,
    a.settings #>> '{ui,theme}' as theme,
    a.settings
    #>> '{ui,density}' as density,
    coalesce(a.settings ->> 'week_start', 'monday') as week_start,
    a.settings ? 'beta' as beta_opt_in
from accounts as a;

-- dbm:down
drop view account_preferences;
