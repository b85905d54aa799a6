import { describe, expect, it } from 'vitest';
import { baseInstance, withHousehold } from './fixtures';
import { parseInstance } from './validate';

function issuesOf(input: unknown) {
  const parsed = parseInstance(input);
  if (parsed.ok) throw new Error('expected the instance to be refused');
  return parsed.issues;
}

const valid = () => withHousehold(baseInstance(), 'h1', ['anna', 'bjorn']);

describe('validating an instance', () => {
  it('accepts a well-formed instance', () => {
    expect(parseInstance(valid()).ok).toBe(true);
  });

  it('names the window that overlaps another of the same teacher', () => {
    const input = valid();
    input.teachers[0]!.windows.push({ day: 'fri', from: '17:00', to: '19:00' });
    expect(issuesOf(input)).toContainEqual(expect.objectContaining({ path: 'teachers.0.windows.2', message: 'overlaps window 0 on day "fri"' }));
  });

  it('names an overlapping household window and an overlapping break alike', () => {
    const input = withHousehold(valid(), 'h2', ['anna'], { windows: [{ day: 'mon', from: '14:00', to: '16:00' }, { day: 'mon', from: '15:00', to: '17:00' }] });
    input.teachers[1]!.breaks = [{ day: 'fri', from: '15:00', to: '15:30' }, { day: 'fri', from: '15:20', to: '15:40' }];
    const paths = issuesOf(input).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['households.1.windows.1', 'teachers.1.breaks.1']));
  });

  it('names an unknown teacher, second teacher, household and interpreter by their fields', () => {
    const input = valid();
    input.requests[0]!.teacherId = 'nobody';
    input.requests[1]!.secondTeacherId = 'ghost';
    input.requests[1]!.householdIds = ['h1', 'h404'];
    input.fixed = [{ requestId: 'h1-bjorn', day: 'fri', start: '14:00', interpreterIds: ['i-none'] }];
    const issues = issuesOf(input);
    expect(issues).toContainEqual(expect.objectContaining({ path: 'requests.0.teacherId', message: 'unknown teacher "nobody"' }));
    expect(issues).toContainEqual(expect.objectContaining({ path: 'requests.1.secondTeacherId', message: 'unknown teacher "ghost"' }));
    expect(issues).toContainEqual(expect.objectContaining({ path: 'requests.1.householdIds.1', message: 'unknown household "h404"' }));
    expect(issues).toContainEqual(expect.objectContaining({ path: 'fixed.0.interpreterIds.0', message: 'unknown interpreter "i-none"' }));
  });

  it('refuses negative and zero durations, naming the request', () => {
    const input = valid();
    input.requests[0]!.durationSlots = -2;
    input.requests[1]!.durationSlots = 0;
    const issues = issuesOf(input);
    expect(issues.map((i) => i.path)).toEqual(['requests.0.durationSlots', 'requests.1.durationSlots']);
    expect(issues[0]!.message).toBe('a conversation lasts at least one slot');
  });

  it('refuses times off the slot grid, windows that end before they start and windows outside the day', () => {
    const input = valid();
    input.teachers[0]!.windows[0] = { day: 'fri', from: '14:05', to: '15:00' };
    input.teachers[1]!.windows[0] = { day: 'fri', from: '16:00', to: '15:00' };
    input.teachers[1]!.windows[1] = { day: 'mon', from: '19:00', to: '21:00' };
    const issues = issuesOf(input);
    expect(issues).toContainEqual(expect.objectContaining({ path: 'teachers.0.windows.0.from', message: 'not on the 10-minute slot grid' }));
    expect(issues).toContainEqual(expect.objectContaining({ path: 'teachers.1.windows.0.to', message: 'the window ends before it starts' }));
    expect(issues).toContainEqual(expect.objectContaining({ path: 'teachers.1.windows.1', message: `outside the round's hours on day "mon"` }));
  });

  it('refuses duplicate ids, a day given twice and an unknown day', () => {
    const input = valid();
    input.households.push({ id: 'h1' });
    input.round.days.push({ id: 'fri2', date: '2026-10-23', from: '17:00', to: '20:00' });
    input.teachers[0]!.windows.push({ day: 'sun', from: '12:00', to: '13:00' });
    const paths = issuesOf(input).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['households.1.id', 'round.days.2.date', 'teachers.0.windows.2.day']));
  });

  it('refuses a fixed booking outside the teacher’s windows, telling whose', () => {
    const input = valid();
    input.fixed = [{ requestId: 'h1-anna', day: 'fri', start: '12:00' }];
    expect(issuesOf(input)).toEqual([expect.objectContaining({ path: 'fixed.0.start', message: 'teacher "anna" is not available then (windows and breaks)' })]);
  });

  it('refuses two fixed bookings that put a household in two places at once', () => {
    const input = valid();
    input.fixed = [
      { requestId: 'h1-anna', day: 'fri', start: '14:00' },
      { requestId: 'h1-bjorn', day: 'fri', start: '14:10' },
    ];
    expect(issuesOf(input)).toEqual([expect.objectContaining({ path: 'fixed.1.start', message: 'overlaps fixed.0 (the same person in two places)' })]);
  });

  it('refuses a fixed booking that needs an interpreter but names none', () => {
    const input = withHousehold(baseInstance(), 'h1', ['anna'], { interpreterLanguage: 'so' });
    input.interpreters = [{ id: 'i-so', languages: ['so'], windows: [{ day: 'fri', from: '12:00', to: '20:00' }] }];
    input.fixed = [{ requestId: 'h1-anna', day: 'fri', start: '14:00' }];
    expect(issuesOf(input)).toEqual([expect.objectContaining({ path: 'fixed.0.interpreterIds', message: 'an interpreter is needed for so' })]);
  });

  it('reports a broken shape with the path of the field', () => {
    const issues = issuesOf({ ...valid(), round: { ...valid().round, slotMinutes: 7 } });
    expect(issues).toEqual([expect.objectContaining({ path: 'round.slotMinutes', message: 'must divide 1440 (a whole day)' })]);
  });
});
