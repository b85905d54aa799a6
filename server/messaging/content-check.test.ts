import { describe, expect, it } from 'vitest';
import { checkContent, isConfirmed } from './content-check';

const names = [{ givenName: 'Oliver', familyName: 'Johansen' }, { givenName: 'Nora', familyName: 'Strand' }];
const found = (text: string) => checkContent(text, names).map((w) => `${w.kind}: ${w.detail}`);

describe('the content check', () => {
  it('finds health words as Norwegian writes them: inflected and in compounds', () => {
    expect(found('Eleven er allergisk og tar medisinen sin. Diagnosen er kjent, og han var på sykehuset.'))
      .toEqual(['health_information: allergisk, medisinen, diagnosen, sykehuset']);
    expect(found('Husk: ingen nøtter, vi har nøtteallergi i klassen.')).toEqual(['health_information: nøtteallergi']);
    expect(found('Ho vart innlagt på sjukehuset.')).toEqual(['health_information: innlagt, sjukehuset']);
  });

  it('does not cry wolf over ordinary words that only contain a short stem', () => {
    expect(found('En langstrakt tur med alle kreftene vi har, og pptx-filen ligger ved.')).toEqual([]);
    expect(found('Hun har fått time på BUP-klinikken, og PPT kommer.')).toEqual(['health_information: bup-klinikken, ppt']);
  });

  it('names another student in full, but not a given name alone', () => {
    expect(found('Oliver Johansen og Nora var flinke.')).toEqual(['names_other_student: Oliver Johansen']);
  });

  it('leaves health words out where they are the family’s own business', () => {
    expect(checkContent('Emma har vært på sykehuset.', names, { health: false })).toEqual([]);
  });

  it('takes a confirmation for what the sender was shown, not for a text changed afterwards', () => {
    const shown = checkContent('Oliver Johansen har vært syk.', names);
    expect(isConfirmed(shown, shown)).toBe(true);
    expect(isConfirmed(checkContent('Oliver Johansen har ADHD.', names), shown)).toBe(false);
    expect(isConfirmed(checkContent('Nora Strand og Oliver Johansen kranglet.', names), shown)).toBe(false);
    // Fewer than were shown is still confirmed; true confirms anything; false nothing.
    expect(isConfirmed(checkContent('Hei alle.', names), shown)).toBe(true);
    expect(isConfirmed(checkContent('Nora Strand har ADHD.', names), true)).toBe(true);
    expect(isConfirmed(shown, false)).toBe(false);
  });
});
