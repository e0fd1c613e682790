/**
 * The IIN as the server checks it (fito-core `Iin::parse` and `require_adult_on`, R-USER-3): 12
 * digits, the two-pass weighted check digit, a real birth date (century from the 7th digit), and
 * an age of 18 or more on today's date in Kazakhstan (UTC+5). The answer is the server's error
 * code, so the form shows the same message before sending.
 */
export type IinProblem = 'iin-format' | 'iin-checksum' | 'iin-birth-date' | 'iin-underage';

function checkDigit(d: number[]): number | null {
  const sum = (weights: number[]) => weights.reduce((s, w, i) => s + (d[i] as number) * w, 0);
  const first = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) % 11;
  if (first !== 10) return first;
  const second = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]) % 11;
  return second === 10 ? null : second;
}

/** The birth date an IIN encodes, as [year, month, day], or null when it is not a real date. */
export function iinBirthDate(iin: string): [number, number, number] | null {
  const d = [...iin].map(Number);
  const century = ({ 1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000 } as Record<number, number>)[d[6] as number];
  if (century === undefined) return null;
  const year = century + (d[0] as number) * 10 + (d[1] as number);
  const month = (d[2] as number) * 10 + (d[3] as number);
  const day = (d[4] as number) * 10 + (d[5] as number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return [year, month, day];
}

/** Today in Kazakhstan (UTC+5 across the country). */
export function todayInKazakhstan(now = new Date()): [number, number, number] {
  const kz = new Date(now.getTime() + 5 * 3600_000);
  return [kz.getUTCFullYear(), kz.getUTCMonth() + 1, kz.getUTCDate()];
}

/** What is wrong with the IIN for a person registering on `today`, or null when it is fine. */
export function iinProblem(input: string, today: [number, number, number] = todayInKazakhstan()): IinProblem | null {
  const iin = input.trim();
  if (!/^\d{12}$/.test(iin)) return 'iin-format';
  const d = [...iin].map(Number);
  if (checkDigit(d) !== d[11]) return 'iin-checksum';
  const born = iinBirthDate(iin);
  if (!born) return 'iin-birth-date';
  const [y, m, day] = today;
  let age = y - born[0];
  if (m < born[1] || (m === born[1] && day < born[2])) age -= 1;
  return age >= 18 ? null : 'iin-underage';
}
