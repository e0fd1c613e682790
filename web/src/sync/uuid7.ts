/**
 * UUIDv7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then random bits. Ids made on the
 * device offline are unique without asking the server and sort by creation time (R-MOB-2).
 * Within one millisecond the 12-bit `rand_a` field counts up, so ids made in a burst stay in
 * order on this device.
 */
let lastMs = -1;
let counter = 0;

export function uuidv7(now: number = Date.now(), random: (bytes: Uint8Array<ArrayBuffer>) => void = fill): string {
  const bytes = new Uint8Array(16);
  random(bytes);
  let ms = Math.max(0, Math.floor(now));
  if (ms <= lastMs) {
    ms = lastMs;
    counter += 1;
    if (counter > 0xfff) {
      // Counter exhausted in this millisecond: borrow the next one (still monotonic).
      ms = lastMs + 1;
      counter = (bytes[6]! & 0x07) << 8 | bytes[7]!;
    }
  } else {
    counter = (bytes[6]! & 0x07) << 8 | bytes[7]!; // random start, room to count up
  }
  lastMs = ms;
  // 48-bit big-endian timestamp (2^48 ms is far beyond any date we meet; split to stay exact).
  const high = Math.floor(ms / 0x1000000);
  const low = ms % 0x1000000;
  bytes[0] = (high >>> 16) & 0xff;
  bytes[1] = (high >>> 8) & 0xff;
  bytes[2] = high & 0xff;
  bytes[3] = (low >>> 16) & 0xff;
  bytes[4] = (low >>> 8) & 0xff;
  bytes[5] = low & 0xff;
  bytes[6] = 0x70 | ((counter >>> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The time an UUIDv7 was made, in Unix milliseconds. */
export function uuidv7Time(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

function fill(bytes: Uint8Array<ArrayBuffer>): void {
  crypto.getRandomValues(bytes);
}
