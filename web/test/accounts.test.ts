// Accounts in the portal (issue 15, R-USER-2, R-USER-3, R-PD-1): the IIN checked before sending
// exactly as the server does, and an administrator's correction sending only what changed.
import { describe, expect, it } from 'vitest';
import { iinBirthDate, iinProblem, todayInKazakhstan } from '../src/portal/iin.js';
import { changedFields } from '../src/portal/user-actions.js';
import type { User } from '../src/app/session.js';

/** A valid IIN for a birth date YYMMDD, century digit and serial (the check digit computed). */
function make(yymmdd: string, century: number, serial: string): string | null {
  const first11 = `${yymmdd}${century}${serial}`;
  const d = [...first11].map(Number);
  const sum = (w: number[]) => w.reduce((s, x, i) => s + (d[i] as number) * x, 0);
  let c = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) % 11;
  if (c === 10) c = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]) % 11;
  return c === 10 ? null : `${first11}${c}`;
}

describe('the IIN as the server checks it (R-USER-3)', () => {
  it('accepts the known valid IIN of fito-core and refuses its wrong check digit', () => {
    expect(iinProblem('900101300007', [2026, 12, 3])).toBeNull();
    expect(iinProblem(' 900101300007 ', [2026, 12, 3])).toBeNull();
    expect(iinProblem('900101300008', [2026, 12, 3])).toBe('iin-checksum');
  });
  it('refuses anything but 12 ASCII digits', () => {
    for (const bad of ['', '90010130000', '9001013000071', '90010130000a', '９００１０１３００００７']) {
      expect(iinProblem(bad, [2026, 12, 3])).toBe('iin-format');
    }
  });
  it('refuses a date that does not exist and an unknown century digit', () => {
    const feb30 = make('900230', 3, '0001');
    if (feb30) expect(iinProblem(feb30, [2026, 12, 3])).toBe('iin-birth-date');
    const century0 = make('900101', 0, '0001');
    if (century0) expect(iinProblem(century0, [2026, 12, 3])).toBe('iin-birth-date');
    expect(iinBirthDate('900101300007')).toEqual([1990, 1, 1]);
    expect(iinBirthDate('000229500017'.slice(0, 12))).toEqual([2000, 2, 29]);
  });
  it('counts 18 years on the day in Kazakhstan: refused the day before the birthday, accepted on it', () => {
    const iin = make('081125', 5, '0042') ?? (make('081125', 5, '0043') as string);
    expect(iinProblem(iin, [2026, 11, 24])).toBe('iin-underage');
    expect(iinProblem(iin, [2026, 11, 25])).toBeNull();
    // 20:00 UTC on 24 November is already 25 November in Kazakhstan (UTC+5).
    expect(todayInKazakhstan(new Date(Date.UTC(2026, 10, 24, 20)))).toEqual([2026, 11, 25]);
  });
});

describe("an administrator's correction (R-PD-1, policy §14)", () => {
  const x = { id: 'u1', surname: 'Серікова', first_name: 'Айгүл', patronymic: null, iin: '900101300007', email: 'a@b.kz', phone: '+77011234567', position: 'Агроном' } as unknown as User;
  it('sends only the fields that differ, trimmed', () => {
    expect(changedFields(x, {})).toEqual({});
    expect(changedFields(x, { surname: ' Серікқызы ', position: 'Агроном' })).toEqual({ surname: 'Серікқызы' });
    expect(changedFields(x, { patronymic: 'Ерланқызы' })).toEqual({ patronymic: 'Ерланқызы' });
  });
});

describe('reference data for administrators (R-OBJ-2, issue 15)', async () => {
  const { FIELDS, putBody } = await import('../src/portal/reference-admin.js');
  it('sends every field, empty optional ones as null, and the entry in use or retired', () => {
    expect(putBody('crops', { name_kk: ' Тары ', name_ru: 'Просо', name_en: '', eppo_code: '' }, false)).toEqual({
      active: false,
      eppo_code: null,
      name_la: null,
      name_kk: 'Тары',
      name_ru: 'Просо',
      name_en: null,
    });
  });
  it('offers the server\'s allowed values for the coded fields', () => {
    expect(FIELDS.organisms.find((f) => f.name === 'category')?.options).toEqual(['absent', 'limited', 'regulated_non_quarantine', 'other']);
    expect(FIELDS['object-types'].find((f) => f.name === 'geometry')?.options).toEqual(['point', 'polygon', 'any']);
  });
});
