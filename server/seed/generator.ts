// A realistic, deterministic municipality: the same seed gives the same rows, ids included.
// Distributions from the foundation issue: schools of ~234 pupils on average (skewed), classes of 20–28,
// ~1.7 guardians per student, ~15 % split households, ~3 % protected addresses, ~20 % of guardians
// preferring another language, ~25 % of households with siblings at the same school.
import type { AddressProtection, SchoolKind, StaffRole } from '../db/schema';
import { createRandom, FAMILY_NAMES_NO, GIVEN_NAMES_NO, OTHER_LANGUAGE_NAMES, STREETS, type Random } from './names';

export interface PersonRow {
  id: string; given_name: string; family_name: string; birth_date: string | null; email: string | null; phone: string | null;
  street_address: string | null; postal_code: string | null; city: string | null;
  address_protection: AddressProtection; preferred_language: string; interpreter_needed: boolean;
}
export interface Municipality {
  owner: { id: string; name: string };
  schools: { id: string; owner_id: string; name: string; kind: SchoolKind; org_number: string; office_phone: string; office_email: string }[];
  schoolYears: { id: string; school_id: string; name: string; starts_on: string; ends_on: string }[];
  groups: { id: string; school_id: string; school_year_id: string; kind: 'class' | 'aks'; name: string; level: string | null }[];
  persons: PersonRow[];
  students: { person_id: string; school_id: string }[];
  enrolments: { student_id: string; group_id: string }[];
  guardianships: { guardian_id: string; student_id: string; parental_responsibility: boolean; lives_with: boolean }[];
  staffRoles: { id: string; person_id: string; school_id: string; role: StaffRole; group_id: string | null; designated_for_protected: boolean }[];
  ownerAdmins: { person_id: string; owner_id: string }[];
}

const OTHER_LANGUAGES = ['pl', 'lt', 'so', 'ar', 'ti', 'uk', 'ur', 'en'] as const;
const CITY = { name: 'Eksempelby', postal: 4000 };

/** A v4-shaped UUID from the generator, so ids are the same for the same seed. */
function uuid(rnd: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rnd.next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Box–Muller: a normal deviate, for the skewed (log-normal) school sizes. */
function normal(rnd: Random): number {
  return Math.sqrt(-2 * Math.log(1 - rnd.next())) * Math.cos(2 * Math.PI * rnd.next());
}

function schoolSizes(rnd: Random, students: number): number[] {
  if (students <= 400) return [students];
  const sizes: number[] = [];
  let left = students;
  while (left > 0) {
    // Median 200, mean ≈ 234: many small schools, a few large ones.
    const size = Math.min(900, Math.max(40, Math.round(Math.exp(Math.log(200) + 0.56 * normal(rnd)))));
    sizes.push(Math.min(size, left));
    left -= size;
  }
  if (sizes.length > 1 && sizes.at(-1)! < 40) sizes[sizes.length - 2]! += sizes.pop()!;
  return sizes;
}

type Plan = { kind: SchoolKind; levels: string[]; suffix: string };
function schoolPlan(rnd: Random, size: number): Plan {
  const r = rnd.next();
  if (size >= 300 && r < 0.12) return { kind: 'videregaende', levels: ['Vg1', 'Vg2', 'Vg3'], suffix: 'videregående skole' };
  if (r < 0.6) return { kind: 'grunnskole', levels: ['1', '2', '3', '4', '5', '6', '7'], suffix: 'skole' };
  if (r < 0.85) return { kind: 'grunnskole', levels: ['8', '9', '10'], suffix: 'ungdomsskole' };
  return { kind: 'grunnskole', levels: Array.from({ length: 10 }, (_, i) => String(i + 1)), suffix: 'skole' };
}

const PLACE_NAMES = ['Solbakken', 'Fjellvang', 'Bjørkelia', 'Granly', 'Sjøskogen', 'Haugen', 'Vestli', 'Nordby', 'Åsen', 'Lunden', 'Furuset', 'Kvernhus', 'Steinerud', 'Lia', 'Holmen', 'Elvebakken'];

export function generateMunicipality(options: { students: number; seed: number; ownerName?: string; startYear: number }): Municipality {
  const rnd = createRandom(options.seed);
  const m: Municipality = {
    owner: { id: uuid(rnd), name: options.ownerName ?? `Generert kommune ${options.seed}` },
    schools: [], schoolYears: [], groups: [], persons: [], students: [], enrolments: [], guardianships: [], staffRoles: [], ownerAdmins: [],
  };
  const { startYear } = options;
  const address = () => ({ street_address: `${rnd.pick(STREETS)} ${rnd.int(1, 120)}`, postal_code: String(CITY.postal + rnd.int(0, 99)).padStart(4, '0'), city: CITY.name });
  const person = (p: Partial<PersonRow> & Pick<PersonRow, 'given_name' | 'family_name'>): PersonRow => {
    const row: PersonRow = {
      id: uuid(rnd), birth_date: null, email: null, phone: null, street_address: null, postal_code: null, city: null,
      address_protection: 'none', preferred_language: 'nb', interpreter_needed: false, ...p,
    };
    m.persons.push(row);
    return row;
  };
  const staff = (schoolId: string, role: StaffRole, groupId: string | null = null, designated = false) => {
    const given = rnd.pick(GIVEN_NAMES_NO);
    const family = rnd.pick(FAMILY_NAMES_NO);
    const p = person({ given_name: given, family_name: family, email: `${given}.${family}.${m.staffRoles.length}@skole.example.no`.toLowerCase() });
    m.staffRoles.push({ id: uuid(rnd), person_id: p.id, school_id: schoolId, role, group_id: groupId, designated_for_protected: designated });
    return p;
  };

  for (const [index, size] of schoolSizes(rnd, options.students).entries()) {
    const plan = schoolPlan(rnd, size);
    const place = `${PLACE_NAMES[index % PLACE_NAMES.length]}${index >= PLACE_NAMES.length ? ` ${Math.floor(index / PLACE_NAMES.length) + 1}` : ''}`;
    const school = {
      id: uuid(rnd), owner_id: m.owner.id, name: `${place} ${plan.suffix}`, kind: plan.kind, org_number: String(970_000_000 + index),
      office_phone: `22 ${String(10 + (index % 90))} ${String(1000 + index).slice(-4)}`, office_email: `post${index}@skole.example.no`,
    };
    m.schools.push(school);
    const year = { id: uuid(rnd), school_id: school.id, name: `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`, starts_on: `${startYear}-08-15`, ends_on: `${startYear + 1}-06-20` };
    m.schoolYears.push(year);
    staff(school.id, 'rektor', null, true);
    for (let i = 0; i < Math.max(1, Math.round(size / 150)); i++) staff(school.id, 'avdelingsleder');
    for (const role of ['sosiallaerer', 'miljoarbeider', 'helsesykepleier'] as const) staff(school.id, role);
    staff(school.id, 'kontor', null, true);
    if (size > 300) staff(school.id, 'kontor');

    // Students per level, then classes of at most 28 (small schools keep small classes).
    const perLevel = plan.levels.map((_, i) => Math.floor(size / plan.levels.length) + (i < size % plan.levels.length ? 1 : 0));
    const seats: { level: string; groupId: string }[] = [];
    for (const [li, level] of plan.levels.entries()) {
      const n = perLevel[li]!;
      const classes = Math.max(1, Math.ceil(n / 28));
      for (let c = 0; c < classes; c++) {
        const group = { id: uuid(rnd), school_id: school.id, school_year_id: year.id, kind: 'class' as const, name: `${level}${String.fromCharCode(65 + c)}`, level };
        m.groups.push(group);
        staff(school.id, 'kontaktlaerer', group.id);
        if (rnd.chance(0.5)) staff(school.id, 'faglaerer', group.id);
        const inClass = Math.floor(n / classes) + (c < n % classes ? 1 : 0);
        for (let s = 0; s < inClass; s++) seats.push({ level, groupId: group.id });
      }
    }
    const aksGroups: string[] = [];
    const youngest = seats.filter((s) => ['1', '2', '3', '4'].includes(s.level)).length;
    for (let a = 0; a < Math.ceil((youngest * 0.6) / 60); a++) {
      const group = { id: uuid(rnd), school_id: school.id, school_year_id: year.id, kind: 'aks' as const, name: `AKS ${a + 1}`, level: null };
      m.groups.push(group);
      aksGroups.push(group.id);
      staff(school.id, 'aks_baseleder', group.id);
    }

    // Households fill the seats: a quarter have two or three children at this school.
    for (let i = 0; i < seats.length;) {
      const children = rnd.chance(0.25) ? Math.min(rnd.int(2, 3), seats.length - i) : 1;
      const kids = Array.from({ length: children }, () => seats.splice(rnd.int(i, seats.length - 1), 1)[0]!);
      seats.splice(i, 0, ...kids);
      household(kids, school.id, aksGroups);
      i += children;
    }
  }

  function household(kids: { level: string; groupId: string }[], schoolId: string, aksGroups: string[]) {
    const language = rnd.chance(0.2) ? rnd.pick(OTHER_LANGUAGES) : 'nb';
    const names = language === 'nb' ? { given: GIVEN_NAMES_NO, family: FAMILY_NAMES_NO } : OTHER_LANGUAGE_NAMES[language]!;
    const family = rnd.pick(names.family);
    const protection: AddressProtection = rnd.chance(0.03) ? (rnd.chance(0.3) ? 'strengt_fortrolig' : 'fortrolig') : 'none';
    const home = address();
    const split = rnd.chance(0.15);
    // 70 % of households have two guardians: every split one, and 55/85 of the others.
    const guardianCount = split || rnd.chance(0.55 / 0.85) ? 2 : 1;
    const interpreter = language !== 'nb' && rnd.chance(0.4);
    const adult = (lives: boolean) => {
      const given = rnd.pick(names.given);
      return person({
        given_name: given, family_name: family, email: `${given}.${family}.${m.persons.length}@example.no`.toLowerCase(),
        phone: `+47 9${rnd.int(10, 99)} ${rnd.int(10, 99)} ${rnd.int(100, 999)}`,
        ...(lives ? home : address()), address_protection: lives ? protection : 'none',
        preferred_language: language, interpreter_needed: interpreter,
      });
    };
    const guardians = [{ p: adult(true), lives: true, pr: true }];
    if (guardianCount === 2) guardians.push({ p: adult(!split), lives: !split, pr: !split || rnd.chance(0.9) });
    for (const kid of kids) {
      const level = kid.level.startsWith('Vg') ? 10 + Number(kid.level.slice(2)) : Number(kid.level);
      const birth = `${startYear - 5 - level}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
      const child = person({ given_name: rnd.pick(names.given), family_name: family, birth_date: birth, ...home, address_protection: protection });
      m.students.push({ person_id: child.id, school_id: schoolId });
      m.enrolments.push({ student_id: child.id, group_id: kid.groupId });
      if (aksGroups.length > 0 && level <= 4 && rnd.chance(0.6)) m.enrolments.push({ student_id: child.id, group_id: rnd.pick(aksGroups) });
      for (const g of guardians) m.guardianships.push({ guardian_id: g.p.id, student_id: child.id, parental_responsibility: g.pr, lives_with: g.lives });
    }
  }

  const admin = person({ given_name: 'Kommune', family_name: 'Administrator', email: `admin.${options.seed}@kommune.example.no` });
  m.ownerAdmins.push({ person_id: admin.id, owner_id: m.owner.id });
  return m;
}
