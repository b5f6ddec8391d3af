// What the app cannot know by itself: the site's time zone, in which publish and expiry times are written.
let timeZone = 'Asia/Ho_Chi_Minh';

export async function loadSettings(): Promise<void> {
  try {
    const response = await fetch('settings.json', { cache: 'no-store' });
    if (response.ok) {
      timeZone = ((await response.json()) as { timeZone: string }).timeZone;
    }
  } catch {
    // The default zone stands.
  }
}

export const siteTimeZone = (): string => timeZone;

/** The wall-clock parts of an instant in the site's zone. */
function partsIn(instant: Date): Record<string, number> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(instant);
  const out: Record<string, number> = {};
  for (const part of parts) {
    if (part.type !== 'literal') {
      out[part.type] = Number(part.value);
    }
  }

  return out;
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(instant: number): number {
  const p = partsIn(new Date(instant));
  return Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0) - Math.floor(instant / 1000) * 1000;
}

/** An ISO instant as the value of a datetime-local input, in the site's zone ("" for null). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) {
    return '';
  }

  const p = partsIn(new Date(iso));
  const pad = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  // Seconds only when there are some (a time set by a script or another app): the input shows what is stored.
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}${p.second ? `:${pad(p.second)}` : ''}`;
}

/** A datetime-local value read as the site's wall clock, as an ISO instant in UTC (null for ""). */
export function fromLocalInput(value: string): string | null {
  const match = value.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/);
  if (!match) {
    return null;
  }

  const [, y, mo, d, hh, mm, ss] = match.map((part) => Number(part ?? 0)) as [number, number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, hh, mm, ss);
  // Twice: the offset at the guessed instant may differ from the offset at the answer (a DST change in between).
  let instant = wall - offsetAt(wall);
  instant = wall - offsetAt(instant);
  return new Date(instant).toISOString().replace('.000Z', 'Z');
}

/** An instant as people read it here: "Thứ ba, 10/10/2017 14:00" in the site's zone. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) {
    return '';
  }

  return new Intl.DateTimeFormat('vi-VN', {
    timeZone, weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(new Date(iso));
}
