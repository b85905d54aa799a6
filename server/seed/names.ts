// Name lists for generated people: common Norwegian names, and names common among families
// whose preferred language is another one, so generated schools look like real ones.
export const GIVEN_NAMES_NO = [
  'Emma', 'Nora', 'Olivia', 'Ella', 'Sofie', 'Leah', 'Frida', 'Ingrid', 'Sara', 'Maja', 'Astrid', 'Selma', 'Hedda', 'Ida', 'Tiril',
  'Jakob', 'Noah', 'Emil', 'Lucas', 'Oliver', 'Isak', 'William', 'Filip', 'Aksel', 'Theodor', 'Magnus', 'Johannes', 'Henrik', 'Ludvig', 'Sander',
  'Kari', 'Anne', 'Marit', 'Hilde', 'Silje', 'Kristin', 'Ole', 'Lars', 'Per', 'Knut', 'Jon', 'Anders', 'Trond', 'Geir', 'Eirik',
] as const;

export const FAMILY_NAMES_NO = [
  'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen', 'Johnsen', 'Pettersen',
  'Eriksen', 'Berg', 'Haugen', 'Hagen', 'Johannessen', 'Andreassen', 'Jacobsen', 'Dahl', 'Jørgensen', 'Halvorsen', 'Henriksen', 'Lund',
  'Sørensen', 'Jakobsen', 'Moen', 'Gundersen', 'Iversen', 'Strand', 'Solberg', 'Svendsen', 'Eide', 'Knutsen', 'Martinsen', 'Paulsen', 'Bakken', 'Kristoffersen', 'Mathisen', 'Lie',
] as const;

/** Languages guardians prefer other than Norwegian, with a few names each (issue 2: pl, lt, so, ar, ti, uk, ur, en). */
export const OTHER_LANGUAGE_NAMES: Record<string, { given: readonly string[]; family: readonly string[] }> = {
  pl: { given: ['Anna', 'Piotr', 'Katarzyna', 'Tomasz', 'Zofia', 'Jan'], family: ['Nowak', 'Kowalski', 'Wiśniewska', 'Wójcik'] },
  lt: { given: ['Rūta', 'Tomas', 'Greta', 'Lukas'], family: ['Kazlauskas', 'Petrauskaitė', 'Jankauskas'] },
  so: { given: ['Hodan', 'Abdi', 'Fadumo', 'Mohamed', 'Amina'], family: ['Warsame', 'Hassan', 'Abdullahi', 'Farah'] },
  ar: { given: ['Sara', 'Ali', 'Layla', 'Omar', 'Yasmin', 'Khaled'], family: ['Ahmed', 'Haddad', 'Nasser', 'Khalil'] },
  ti: { given: ['Senait', 'Yonas', 'Helen', 'Daniel'], family: ['Tesfaye', 'Gebremedhin', 'Haile'] },
  uk: { given: ['Olena', 'Andrii', 'Iryna', 'Dmytro', 'Sofiia'], family: ['Shevchenko', 'Kovalenko', 'Bondarenko'] },
  ur: { given: ['Ayesha', 'Bilal', 'Fatima', 'Usman'], family: ['Khan', 'Malik', 'Hussain', 'Iqbal'] },
  en: { given: ['Emily', 'James', 'Charlotte', 'Thomas'], family: ['Smith', 'Brown', 'Taylor', 'Wilson'] },
};

export const STREETS = ['Skolegata', 'Bjørkeveien', 'Granlia', 'Fjordveien', 'Solbakken', 'Furuveien', 'Kirkegata', 'Storgata', 'Lindeveien', 'Åsveien'] as const;

/** A small deterministic PRNG (mulberry32): the same seed gives the same municipality. */
export function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number): number => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number): boolean => next() < p,
  };
}
export type Random = ReturnType<typeof createRandom>;
