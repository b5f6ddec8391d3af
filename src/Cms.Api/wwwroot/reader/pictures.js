// Pictures from the media library in the size a screen needs: /media/{id}/{fileName} takes w, h and fit and never
// makes a picture larger than its original. External covers (mediaId null) are served by their own host, as they are.

import { make } from './dom.js';

/** @typedef {import('./api.js').CoverImage} CoverImage */

/** The cover's widths on the article page; the body column is at most 44rem (704 px), so 1200 and 1600 serve dense screens. */
const coverWidths = [480, 800, 1200, 1600];

/**
 * The picture at `url` in a given size.
 * @param {string} url a media library url
 * @param {Record<string, string | number>} size w, h, fit
 */
export function rendition(url, size) {
  const params = new URLSearchParams(Object.entries(size).map(([key, value]) => [key, String(value)]));
  return `${url}${url.includes('?') ? '&' : '?'}${params}`;
}

/**
 * An img for the cover, with its alt; `loading`, sizes and sources are the caller's.
 * @param {CoverImage} cover
 * @param {string} className
 */
function coverImg(cover, className) {
  const img = /** @type {HTMLImageElement} */ (make('img', undefined, className));
  img.alt = cover.alt ?? '';
  return img;
}

/**
 * A list's thumbnail: a 320 × 180 crop (640 × 360 on a dense screen), loaded only when scrolled near.
 * @param {CoverImage} cover
 */
export function thumbnail(cover) {
  const img = coverImg(cover, 'thumb');
  // The box is 320 × 180 for every cover (CSS crops external ones to it), so the list never shifts as they arrive.
  img.width = 320;
  img.height = 180;
  img.loading = 'lazy';
  if (cover.mediaId) {
    img.src = rendition(cover.url, { w: 320, h: 180, fit: 'cover' });
    img.srcset = `${rendition(cover.url, { w: 640, h: 360, fit: 'cover' })} 2x`;
  } else {
    img.src = cover.url;
  }

  return img;
}

/**
 * The article's cover, as wide as the column on any screen: candidates up to the original's width only, since a
 * rendition asked wider comes back at the original's size and would be drawn too small for its w descriptor.
 * @param {CoverImage} cover
 */
export function coverPicture(cover) {
  const img = coverImg(cover, 'cover-img');
  if (!cover.mediaId || !cover.width || !cover.height) {
    img.src = cover.url;
    return img;
  }

  const original = cover.width;
  const widths = coverWidths.filter((w) => w <= original);
  img.width = cover.width;
  img.height = cover.height;
  // The column: the page less its 1rem padding each side, up to main's 46rem.
  img.sizes = '(max-width: 46rem) calc(100vw - 2rem), 44rem';
  img.srcset = (widths.length > 0 ? widths : [original]).map((w) => `${rendition(cover.url, { w })} ${w}w`).join(', ');
  img.src = rendition(cover.url, { w: Math.min(800, original) });
  return img;
}

/**
 * Whether a body picture's src is the cover: the same media item (any file name spelling or rendition) or the same
 * external URL.
 * @param {string} src as written in the body
 * @param {CoverImage} cover
 */
export function showsCover(src, cover) {
  const url = new URL(src, location.href);
  if (cover.mediaId) {
    // Ids are compared as UUIDs are: letter case does not matter.
    return url.origin === location.origin && url.pathname.toLowerCase().startsWith(`/media/${cover.mediaId.toLowerCase()}/`);
  }

  return url.href === new URL(cover.url, location.href).href;
}
