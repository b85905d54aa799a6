-- Domain 1.4: where the school owner lets only the registered-residence parent in until the family situation is
-- confirmed, a guardianship is unconfirmed until someone at the school confirms it (classes.service.ts). 0001 gave
-- the column the default true, so a guardianship written without saying (an import, a seed) counted as confirmed
-- and the rule let the other parent in unasked. New rows now start unconfirmed; where the owner has the rule off
-- (the default) this changes no one's access. Existing rows keep their value: setting them false would close
-- access that people have today without anyone at the school having decided so.
ALTER TABLE guardianships ALTER COLUMN situation_confirmed SET DEFAULT false;
