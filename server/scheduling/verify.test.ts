import { describe, expect, it } from 'vitest';
import type { ScheduleResult } from '@shared/contracts/scheduling';
import { baseInstance, modelOf, withHousehold } from './fixtures';
import { minutesOfDay } from '@shared/oslo-time';
import { solveSchedule } from './solve';
import { wallTime } from './time';
import { verifySchedule } from './verify';

// The property tests trust this checker, so it must bite: each broken schedule below is one it has to catch.
function solved() {
  let input = withHousehold(withHousehold(baseInstance(), 'h1', ['anna', 'bjorn'], { interpreterLanguage: 'so' }), 'h2', ['anna']);
  input = { ...input, interpreters: [{ id: 'i-so', languages: ['so'], travelMinutes: 10, windows: [{ day: 'fri', from: '12:00', to: '20:00' }, { day: 'mon', from: '12:00', to: '20:00' }] }] };
  input.teachers[0]!.maxPerDay = 2;
  const { instance, model } = modelOf(input);
  return { instance, result: solveSchedule(model, { maxIterations: 100 }) };
}

function broken(change: (r: ScheduleResult) => void): string[] {
  const { instance, result } = solved();
  change(result);
  return verifySchedule(instance, result).violations;
}

describe('the independent schedule checker', () => {
  it('finds nothing wrong with the engine’s schedule', () => {
    const { instance, result } = solved();
    expect(verifySchedule(instance, result).violations).toEqual([]);
  });

  it('catches a teacher in two conversations at once', () => {
    const v = broken((r) => {
      const [a, b] = r.placements.filter((p) => p.teacherId === 'anna');
      Object.assign(b!, { day: a!.day, date: a!.date, start: a!.start, end: a!.end, startsAt: a!.startsAt, endsAt: a!.endsAt });
    });
    expect(v.some((x) => x.startsWith('teacher anna:') && x.includes('overlap'))).toBe(true);
  });

  it('catches a conversation outside the household’s windows and instants that are not the Oslo time', () => {
    const v = broken((r) => {
      Object.assign(r.placements[0]!, { start: '12:00', end: '12:20' });
    });
    expect(v).toEqual(expect.arrayContaining([expect.stringContaining('is not available'), expect.stringContaining('are not that Oslo time')]));
  });

  it('catches a missing interpreter, and an interpreter with no time to change rooms', () => {
    expect(broken((r) => (r.placements.find((p) => p.interpreterIds.length > 0)!.interpreterIds = []))).toEqual(expect.arrayContaining([expect.stringContaining('needs 1 interpreter(s), has 0')]));
    const v = broken((r) => {
      const [a, b] = r.placements.filter((p) => p.interpreterIds.length > 0);
      // Right after the other one, in the other teacher's room: no travel time.
      Object.assign(b!, { day: a!.day, date: a!.date, start: a!.end, end: wallTime(minutesOfDay(a!.end) + 20) });
    });
    expect(v.some((x) => x.includes('leave no travel time'))).toBe(true);
  });

  it('counts a family left without any conversation, whatever the report claims', () => {
    const { instance, result } = solved();
    const i = result.placements.findIndex((p) => p.householdIds.join() === 'h2');
    const [dropped] = result.placements.splice(i, 1);
    result.report.unplaced.push({ requestId: dropped!.requestId, reason: 'no_free_time', message: '' });
    const verdict = verifySchedule(instance, result);
    expect(verdict.objective).toMatchObject({ unplaced: 1, householdsWithoutConversation: 1 });
    expect(verdict.violations).toEqual(expect.arrayContaining([expect.stringContaining('objective householdsWithoutConversation: the report says 0, the schedule has 1')]));
  });

  it('catches a request that is neither placed nor reported, and a report that claims a better objective', () => {
    const v = broken((r) => {
      r.placements.pop();
      r.report.objective.teacherIdleMinutes -= 10;
    });
    expect(v).toEqual(expect.arrayContaining([expect.stringContaining('neither placed nor reported unplaced'), expect.stringContaining('objective teacherIdleMinutes')]));
  });
});
