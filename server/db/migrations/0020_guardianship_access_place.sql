-- guardianship_access() already joins each guardianship to its student's school and owner for the residence rule.
-- It now returns both, so an announcement to a whole school or to every school of an owner takes its audience
-- from them (announcements.repo.ts fanOut) instead of joining students and schools once more beside the function:
-- on a municipality's 170,000 guardianships that second pair of joins was the part of the fan-out above its floor
-- (bench/RESULTS.md, fan-out). The rule itself is unchanged, column for column; guardian_access() reads it by name.
DROP FUNCTION guardianship_access(date);
CREATE FUNCTION guardianship_access(on_date date)
RETURNS TABLE (guardian_id uuid, student_id uuid, parental_responsibility boolean, student_adult boolean, has_access boolean, school_id uuid, owner_id uuid)
LANGUAGE sql STABLE AS $$
  SELECT g.guardian_id, g.student_id, g.parental_responsibility,
         NOT (p.birth_date IS NULL OR p.birth_date > on_date - interval '18 years'),
         g.parental_responsibility
           AND (NOT o.residence_parent_only_until_confirmed OR g.situation_confirmed OR g.lives_with)
           AND (p.birth_date IS NULL OR p.birth_date > on_date - interval '18 years'),
         s.school_id, sc.owner_id
  FROM guardianships g
  JOIN students s ON s.person_id = g.student_id
  JOIN persons p ON p.id = g.student_id
  JOIN schools sc ON sc.id = s.school_id
  JOIN school_owners o ON o.id = sc.owner_id
$$;
