// Times as the old portal printed them: "Thứ ba - 10/10/2017 14:00", in the site's time zone.

// Vietnamese writes the weekday as "Thứ" + ordinal, lower case after it, with Sunday named "Chủ nhật".
// (The browser's own vi-VN names capitalise the ordinal, "Thứ Ba", which is not how the portal writes it.)
const weekdays = ['Chủ nhật', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu', 'Thứ bảy'];
const weekdayIndex = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/**
 * @param {string} iso a UTC time from the API
 * @param {string} timeZone an IANA zone, e.g. Asia/Ho_Chi_Minh
 */
function partsOf(iso, timeZone) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  /** @param {Intl.DateTimeFormatPartTypes} type */
  const part = (type) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    weekday: weekdays[weekdayIndex[/** @type {keyof typeof weekdayIndex} */ (part('weekday'))]],
    date: `${part('day')}/${part('month')}/${part('year')}`,
    time: `${part('hour')}:${part('minute')}`,
  };
}

/**
 * @param {string} iso a UTC time from the API
 * @param {string} timeZone an IANA zone, e.g. Asia/Ho_Chi_Minh
 * @returns {string} "Thứ ba - 10/10/2017 14:00"
 */
export function publishTime(iso, timeZone) {
  const { weekday, date, time } = partsOf(iso, timeZone);
  return `${weekday} - ${date} ${time}`;
}

/**
 * @param {string} iso
 * @param {string} timeZone
 * @returns {string} "10/10/2017"
 */
export const publishDate = (iso, timeZone) => partsOf(iso, timeZone).date;

/** @param {number} value */
export const count = (value) => new Intl.NumberFormat('vi-VN').format(value);

/**
 * "Hồng Phái - BTG": the name, then the unit the author writes for.
 * @param {{ name: string, organization: string | null }[]} authors
 */
export const byline = (authors) =>
  authors.map((a) => (a.organization ? `${a.name} - ${a.organization}` : a.name)).join(', ');

/** @type {Promise<{ timeZone: string }> | null} */
let settings = null;

/** The site's settings, fetched once per page. */
export function siteSettings() {
  settings ??= fetch('/reader/settings.json').then((r) => r.json());
  return settings;
}
