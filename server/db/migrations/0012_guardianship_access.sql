-- Every guardianship with what the access rule says about it on a date, so work that needs more than "those with
-- access" reads the guardianships once. The fan-out of an announcement also reaches parents without parental
-- responsibility of under-18 students (unless the sender chose otherwise): it used to read every guardianship
-- twice, once for the audience and once more through guardian_access() in a LEFT JOIN, and on a municipality's
-- 170,000 guardianships that second pass was a third of the statement's time (bench/RESULTS.md, fan-out).
-- guardian_access() keeps its meaning and is now written with this function, so the rule is written once
-- (access/guardian-access.test.ts keeps it equal to the Actor's form). Both are plain SQL functions the planner
-- inlines into the statement that calls them.
CREATE FUNCTION guardianship_access(on_date date)
RETURNS TABLE (guardian_id uuid, student_id uuid, parental_responsibility boolean, student_adult boolean, has_access boolean)
LANGUAGE sql STABLE AS $$
  SELECT g.guardian_id, g.student_id, g.parental_responsibility,
         NOT (p.birth_date IS NULL OR p.birth_date > on_date - interval '18 years'),
         g.parental_responsibility
           AND (NOT o.residence_parent_only_until_confirmed OR g.situation_confirmed OR g.lives_with)
           AND (p.birth_date IS NULL OR p.birth_date > on_date - interval '18 years')
  FROM guardianships g
  JOIN students s ON s.person_id = g.student_id
  JOIN persons p ON p.id = g.student_id
  JOIN schools sc ON sc.id = s.school_id
  JOIN school_owners o ON o.id = sc.owner_id
$$;

CREATE OR REPLACE FUNCTION guardian_access(on_date date)
RETURNS TABLE (guardian_id uuid, student_id uuid)
LANGUAGE sql STABLE AS $$
  SELECT ga.guardian_id, ga.student_id FROM guardianship_access(on_date) ga WHERE ga.has_access
$$;
