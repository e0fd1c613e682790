/**
 * Reading the position (R-MOB-3): ONLY when the user presses "record point" or "place
 * object here", one reading with `getCurrentPosition`. Never `watchPosition`, never in the
 * background. A refusal or no fix is an answer the screen turns into "place it by hand".
 */
export interface Fix {
  lat: number;
  lon: number;
  /** metres */
  accuracy_m: number | null;
  fixed_at: string;
}

export type FixFailure = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

export class FixError extends Error {
  constructor(readonly reason: FixFailure) {
    super(`position ${reason}`);
  }
}

export function readPosition(timeoutMs = 20_000): Promise<Fix> {
  const geo = typeof navigator !== 'undefined' ? navigator.geolocation : undefined;
  if (!geo) return Promise.reject(new FixError('unsupported'));
  return new Promise((resolve, reject) => {
    geo.getCurrentPosition(
      (p) =>
        resolve({
          lat: round(p.coords.latitude),
          lon: round(p.coords.longitude),
          accuracy_m: Number.isFinite(p.coords.accuracy) ? Math.round(p.coords.accuracy * 10) / 10 : null,
          fixed_at: new Date(p.timestamp || Date.now()).toISOString(),
        }),
      (e) => reject(new FixError(e.code === 1 ? 'denied' : e.code === 3 ? 'timeout' : 'unavailable')),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 0 },
    );
  });
}

/** 7 decimals ≈ 1 cm: more is noise. */
function round(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}

/** Parses typed coordinates: "43.2389, 76.8897" (lat, lon; comma, space or semicolon). */
export function parseCoordinates(text: string): { lat: number; lon: number } | null {
  const parts = text.trim().split(/[\s,;]+/).filter(Boolean).map((p) => Number(p.replace(',', '.')));
  if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n))) return null;
  const [lat, lon] = parts as [number, number];
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180) return null;
  return { lat, lon };
}
