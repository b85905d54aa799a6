import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { Audience, AudienceOptions } from '@shared/contracts/messaging';

type AudienceType = Audience['type'];
type School = AudienceOptions['schools'][number];

/** What the teacher has chosen so far; `toAudience` turns it into what the API takes, or null while incomplete. */
export interface AudienceChoice {
  type: AudienceType;
  schoolId: string;
  ownerId: string;
  groupIds: string[];
  levels: string[];
  studentGroupId: string;
  studentIds: string[];
}

/** The kinds of audience this person may use, in the order the form offers them. */
export function availableTypes(o: AudienceOptions): AudienceType[] {
  const types: AudienceType[] = [];
  if (o.schools.some((s) => s.groups.length > 0)) types.push('groups');
  if (o.schools.some((s) => s.wholeSchool && s.levels.length > 0)) types.push('levels');
  if (o.schools.some((s) => s.wholeSchool)) types.push('school');
  if (o.owners.length > 0) types.push('owner');
  if (o.schools.some((s) => s.groups.some((g) => g.students.length > 0))) types.push('students');
  return types;
}

const schoolsFor = (o: AudienceOptions, type: AudienceType): School[] =>
  o.schools.filter((s) => (type === 'groups' || type === 'students' ? s.groups.length > 0 : s.wholeSchool));

/** The first choice: what the link asked for (?group=, ?school=, ?owner=, ?students=), else the first kind offered. */
export function initialChoice(o: AudienceOptions, search: URLSearchParams): AudienceChoice {
  const group = search.get('group');
  const students = (search.get('students') ?? '').split(',').filter(Boolean);
  const schoolOfGroup = o.schools.find((s) => s.groups.some((g) => g.id === group));
  const base: AudienceChoice = {
    type: availableTypes(o)[0] ?? 'groups', schoolId: schoolOfGroup?.id ?? o.schools[0]?.id ?? '', ownerId: o.owners[0]?.id ?? '',
    groupIds: [], levels: [], studentGroupId: group ?? '', studentIds: [],
  };
  if (students.length > 0 && schoolOfGroup) return { ...base, type: 'students', studentIds: students };
  if (schoolOfGroup) return { ...base, type: 'groups', groupIds: [group!] };
  const school = o.schools.find((s) => s.id === search.get('school') && s.wholeSchool);
  if (school) return { ...base, type: 'school', schoolId: school.id };
  const owner = o.owners.find((x) => x.id === search.get('owner'));
  if (owner) return { ...base, type: 'owner', ownerId: owner.id };
  const first = schoolsFor(o, base.type)[0];
  return { ...base, schoolId: first?.id ?? base.schoolId, studentGroupId: first?.groups[0]?.id ?? '' };
}

/**
 * A choice kept in a draft (as JSON), as far as the person may still make it: a school, owner, group, level or
 * student no longer among the options is left out, and a kind no longer offered gives no choice at all.
 */
export function keptChoice(o: AudienceOptions, kept: unknown): AudienceChoice | null {
  let c: Partial<AudienceChoice>;
  try {
    c = typeof kept === 'string' ? (JSON.parse(kept) as Partial<AudienceChoice>) : {};
  } catch {
    return null;
  }
  if (!c.type || !availableTypes(o).includes(c.type)) return null;
  const base = initialChoice(o, new URLSearchParams());
  const school = o.schools.find((s) => s.id === c.schoolId);
  const groups = o.schools.flatMap((s) => s.groups);
  const group = groups.find((g) => g.id === c.studentGroupId);
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    type: c.type,
    schoolId: school?.id ?? base.schoolId,
    ownerId: o.owners.find((x) => x.id === c.ownerId)?.id ?? base.ownerId,
    groupIds: list(c.groupIds).filter((id) => groups.some((g) => g.id === id)),
    levels: list(c.levels).filter((l) => (school?.levels as string[] | undefined)?.includes(l)),
    studentGroupId: group?.id ?? base.studentGroupId,
    studentIds: list(c.studentIds).filter((id) => groups.some((g) => g.students.some((st) => st.id === id))),
  };
}

/**
 * The choice a stored audience stands for, to change a scheduled announcement: the school its groups or students are
 * in, and the group the first chosen student is in (whose students the picker shows first).
 */
export function choiceOf(o: AudienceOptions, audience: Audience): AudienceChoice {
  const base = initialChoice(o, new URLSearchParams());
  switch (audience.type) {
    case 'groups': {
      const school = o.schools.find((s) => s.groups.some((g) => audience.groupIds.includes(g.id)));
      return { ...base, type: 'groups', schoolId: school?.id ?? base.schoolId, groupIds: audience.groupIds };
    }
    case 'levels': return { ...base, type: 'levels', schoolId: audience.schoolId, levels: audience.levels };
    case 'school': return { ...base, type: 'school', schoolId: audience.schoolId };
    case 'owner': return { ...base, type: 'owner', ownerId: audience.ownerId };
    case 'students': {
      const school = o.schools.find((s) => s.groups.some((g) => g.students.some((st) => audience.studentIds.includes(st.id))));
      const group = school?.groups.find((g) => g.students.some((st) => audience.studentIds.includes(st.id)));
      return { ...base, type: 'students', schoolId: school?.id ?? base.schoolId, studentGroupId: group?.id ?? base.studentGroupId, studentIds: audience.studentIds };
    }
  }
}

/** Whether two audiences mean the same people (the same ids, in any order). */
export function sameAudience(a: Audience, b: Audience): boolean {
  const key = (x: Audience) => JSON.stringify(Object.entries(x).sort(([k], [l]) => k.localeCompare(l)).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v]));
  return key(a) === key(b);
}

export function toAudience(c: AudienceChoice): Audience | null {
  switch (c.type) {
    case 'groups': return c.groupIds.length > 0 ? { type: 'groups', groupIds: c.groupIds } : null;
    case 'levels': return c.levels.length > 0 ? { type: 'levels', schoolId: c.schoolId, levels: c.levels as Extract<Audience, { type: 'levels' }>['levels'] } : null;
    case 'school': return c.schoolId ? { type: 'school', schoolId: c.schoolId } : null;
    case 'owner': return c.ownerId ? { type: 'owner', ownerId: c.ownerId } : null;
    case 'students': return c.studentIds.length > 0 ? { type: 'students', studentIds: c.studentIds } : null;
  }
}

const toggle = (list: string[], value: string, on: boolean) => (on ? [...new Set([...list, value])] : list.filter((v) => v !== value));

function Choose({ label, value, items, onChange }: { label: ReactNode; value: string; items: { id: string; name: string }[]; onChange(id: string): void }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {items.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
      </select>
    </label>
  );
}

/** A group of checkboxes, one per item; `chosen` are the values ticked. */
function Checkboxes({ legend, name, items, chosen, onChange }: { legend: ReactNode; name: string; items: { value: string; label: ReactNode }[]; chosen: string[]; onChange(values: string[]): void }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {items.map((i) => (
        <label key={i.value} className="checkbox">
          <input type="checkbox" name={name} value={i.value} checked={chosen.includes(i.value)} onChange={(e) => onChange(toggle(chosen, i.value, e.target.checked))} />
          {i.label}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * Whom an announcement goes to: classes and groups (AKS too), whole years, the whole school, every school of the
 * owner, or chosen students, as far as this person may (the server decides the same way).
 */
export function AudiencePicker({ options, choice, onChange }: { options: AudienceOptions; choice: AudienceChoice; onChange(c: AudienceChoice): void }) {
  const types = availableTypes(options);
  const schools = schoolsFor(options, choice.type);
  const school = schools.find((s) => s.id === choice.schoolId) ?? schools[0];
  const set = (patch: Partial<AudienceChoice>) => onChange({ ...choice, ...patch });
  const chooseType = (type: AudienceType) => {
    const first = schoolsFor(options, type).find((s) => s.id === choice.schoolId) ?? schoolsFor(options, type)[0];
    set({ type, schoolId: first?.id ?? '', studentGroupId: first?.groups.some((g) => g.id === choice.studentGroupId) ? choice.studentGroupId : (first?.groups[0]?.id ?? '') });
  };
  const studentGroup = school?.groups.find((g) => g.id === choice.studentGroupId) ?? school?.groups[0];
  return (
    <fieldset>
      <legend><FormattedMessage id="newAnnouncement.who" /></legend>
      {types.map((type) => (
        <label key={type} className="radio">
          <input type="radio" name="audienceType" value={type} checked={choice.type === type} onChange={() => chooseType(type)} />
          <FormattedMessage id={`newAnnouncement.audience.${type}`} />
        </label>
      ))}
      {choice.type !== 'owner' && schools.length > 1 && (
        <Choose
          label={<FormattedMessage id="newAnnouncement.school" />} value={school?.id ?? ''} items={schools}
          onChange={(id) => set({ schoolId: id, groupIds: [], levels: [], studentIds: [], studentGroupId: schools.find((s) => s.id === id)?.groups[0]?.id ?? '' })}
        />
      )}
      {choice.type === 'groups' && school && (
        <Checkboxes
          legend={<FormattedMessage id="newAnnouncement.groups" />} name="groupIds" chosen={choice.groupIds} onChange={(groupIds) => set({ groupIds })}
          items={school.groups.map((g) => ({ value: g.id, label: g.name }))}
        />
      )}
      {choice.type === 'levels' && school && (
        <Checkboxes
          legend={<FormattedMessage id="newAnnouncement.levels" values={{ school: school.name }} />} name="levels" chosen={choice.levels} onChange={(levels) => set({ levels })}
          items={school.levels.map((level) => ({ value: level, label: <FormattedMessage id="newAnnouncement.level" values={{ level }} /> }))}
        />
      )}
      {choice.type === 'school' && school && schools.length === 1 && <p className="hint">{school.name}</p>}
      {choice.type === 'owner' && (options.owners.length > 1
        ? <Choose label={<FormattedMessage id="newAnnouncement.owner" />} value={choice.ownerId} items={options.owners} onChange={(ownerId) => set({ ownerId })} />
        : <p className="hint">{options.owners[0]?.name}</p>)}
      {choice.type === 'students' && school && studentGroup && (
        <>
          <Choose label={<FormattedMessage id="newAnnouncement.studentGroup" />} value={studentGroup.id} items={school.groups} onChange={(studentGroupId) => set({ studentGroupId })} />
          <Checkboxes
            legend={<FormattedMessage id="newAnnouncement.students" values={{ group: studentGroup.name }} />} name="studentIds" chosen={choice.studentIds}
            onChange={(studentIds) => set({ studentIds })} items={studentGroup.students.map((st) => ({ value: st.id, label: `${st.givenName} ${st.familyName}` }))}
          />
          <p className="hint" aria-live="polite"><FormattedMessage id="newAnnouncement.chosen" values={{ count: choice.studentIds.length }} /></p>
        </>
      )}
    </fieldset>
  );
}
