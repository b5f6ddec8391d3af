// The newsroom's only door to Cms: fetch against /api/v1, typed by the types generated from the OpenAPI document
// (openapi/cms.v1.d.ts). Whatever this app does, a frontend team can do with the same calls.
import type { components } from 'cms-api';

export type Schemas = components['schemas'];
export type Article = Schemas['ArticleResponse'];
export type ArticleListItem = Schemas['ArticleListItem'];
export type ArticlePage = Schemas['PagedListOfArticleResponse'];
export type ArticleRequest = Schemas['ArticleRequest'];
export type ArticleStatus = Schemas['ArticleStatus'];
export type Category = Schemas['CategoryResponse'];
export type Author = Schemas['AuthorResponse'];
export type Media = Schemas['MediaResponse'];
export type Session = Schemas['SessionResponse'];
export type SessionEnvelope = Schemas['SessionEnvelope'];
export type SignInResponse = Schemas['SignInResponse'];
export type Revision = Schemas['RevisionSummary'];
export type Problem = Schemas['ProblemDetails'];
export type Role = Schemas['UserRole'];

const base = '/api/v1';
const tokenKey = 'cms.admin.token';

/** An answer that was not 2xx, with the problem+json the service sent (its `code` is stable). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem;
  readonly retryAfterSeconds: number | null;

  constructor(status: number, problem: Problem, retryAfterSeconds: number | null) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.code = typeof problem.code === 'string' ? problem.code : '';
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The session token lives in this tab only (sessionStorage): never in a URL, a cookie or a log. */
export const token = {
  get: (): string | null => sessionStorage.getItem(tokenKey),
  set: (value: string): void => sessionStorage.setItem(tokenKey, value),
  clear: (): void => sessionStorage.removeItem(tokenKey),
};

export interface CallOptions {
  method?: string;
  body?: unknown;
  /** The version read: sent as If-Match, so a save over someone else's answers 412 instead of overwriting. */
  ifMatch?: number;
  /** application/json unless a merge patch is sent. */
  contentType?: string;
  signedIn?: boolean;
}

/** Every 401 that means "signed out" (dead or expired session) is told here, whoever made the call. */
export const signedOutEvent = 'cms:signed-out';

export async function call<T>(path: string, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const bearer = options.signedIn === false ? null : token.get();
  if (bearer) {
    headers.Authorization = `Bearer ${bearer}`;
  }

  if (options.ifMatch !== undefined) {
    headers['If-Match'] = `"${options.ifMatch}"`;
  }

  const init: RequestInit = { method: options.method ?? 'GET', headers, cache: 'no-store' };
  if (options.body !== undefined) {
    headers['Content-Type'] = options.contentType ?? 'application/json';
    init.body = JSON.stringify(options.body);
  }

  const response = await fetch(base + path, init);
  if (!response.ok) {
    throw await errorOf(response, bearer !== null);
  }

  if (bearer && !path.startsWith('/sessions')) {
    // A signed-in request slides the session's idle deadline; whoever shows it should read the new one.
    window.dispatchEvent(new Event('cms:activity'));
  }

  return (response.status === 202 || response.status === 204 ? undefined : await response.json()) as T;
}

async function errorOf(response: Response, signedIn: boolean): Promise<ApiError> {
  let problem: Problem = { title: response.statusText } as Problem;
  if ((response.headers.get('Content-Type') ?? '').includes('json')) {
    problem = (await response.json()) as Problem;
  }

  const retryAfter = response.headers.get('Retry-After');
  const error = new ApiError(response.status, problem, retryAfter === null ? null : Number(retryAfter));
  if (signedIn && response.status === 401) {
    window.dispatchEvent(new CustomEvent(signedOutEvent, { detail: error.code }));
  }

  return error;
}

/** A multipart upload with progress (fetch cannot report it): POST /media with the file and its texts. */
export function upload(file: File, fields: Record<string, string>, progress: (fraction: number) => void): Promise<Media> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `${base}/media`);
    const bearer = token.get();
    if (bearer) {
      request.setRequestHeader('Authorization', `Bearer ${bearer}`);
    }

    request.setRequestHeader('Accept', 'application/json');
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) {
        progress(event.loaded / event.total);
      }
    });
    request.addEventListener('load', () => {
      const json = request.responseText ? (JSON.parse(request.responseText) as unknown) : {};
      if (request.status >= 200 && request.status < 300) {
        progress(1);
        window.dispatchEvent(new Event('cms:activity'));
        resolve(json as Media);
      } else {
        reject(new ApiError(request.status, json as Problem, null));
      }
    });
    request.addEventListener('error', () => reject(new ApiError(0, { title: 'Mất kết nối' } as Problem, null)));
    const form = new FormData();
    form.append('file', file, file.name);
    for (const [name, value] of Object.entries(fields)) {
      if (value) {
        form.append(name, value);
      }
    }

    request.send(form);
  });
}

const pictures = new Map<string, Promise<string>>();

/**
 * Shows a picture from the media library in an <img>. The photos of a story nobody can read yet are not public, and the
 * browser's own request for an <img> carries no token (nor should the token go in its URL), so they are fetched with the
 * session and shown from memory (a blob: URL); anything else is shown as is.
 */
export function showPicture(img: HTMLImageElement, src: string): void {
  const bearer = token.get();
  if (!src.startsWith('/media/') || !bearer) {
    img.src = src;
    return;
  }

  let shown = pictures.get(src);
  if (!shown) {
    // WebP or JPEG, which encode fast: a picture in the editor need not wait for AVIF.
    shown = fetch(src, { headers: { Authorization: `Bearer ${bearer}`, Accept: 'image/webp,image/jpeg;q=0.8' } })
      .then((response) => (response.ok ? response.blob() : Promise.reject(new Error(String(response.status)))))
      .then((blob) => URL.createObjectURL(blob));
    shown.catch(() => pictures.delete(src));
    pictures.set(src, shown);
  }

  shown.then((url) => (img.src = url), () => (img.src = src));
}

/** A query string (with its "?"), leaving out empty values. */
export function query(values: Record<string, string | number | boolean | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== null && value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }

  const text = params.toString();
  return text ? `?${text}` : '';
}

/** What to tell a person about a failed call, in Vietnamese; validation messages name the fields. */
export function describe(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return 'Đã có lỗi, xin thử lại.';
  }

  switch (error.code) {
    case 'forbidden':
      return 'Bạn không có quyền làm việc này.';
    case 'slug_taken':
      return 'Đường dẫn (slug) đã có bài khác dùng.';
    case 'version_mismatch':
      return 'Người khác vừa lưu bài này.';
    case 'not_found':
      return 'Không tìm thấy.';
    case 'media_in_use':
      return 'Ảnh đang được dùng trong bài viết, không xóa được.';
    case 'last_admin':
      return 'Đây là quản trị viên cuối cùng: hãy cho một người khác làm quản trị trước, để luôn có người quản lý người dùng.';
    case 'own_password_reset':
      return 'Không tự đặt lại mật khẩu của mình ở đây: nhờ một quản trị viên khác, hoặc dùng lệnh users reset-password trên máy chủ.';
    case 'unsupported_media_type':
      return 'Chỉ nhận ảnh JPEG, PNG, WebP, AVIF hoặc GIF.';
    case 'validation_failed': {
      const errors = (error.problem as { errors?: Record<string, string[]> }).errors ?? {};
      const lines = Object.entries(errors).map(([field, messages]) => `${field}: ${messages.join(' ')}`);
      return lines.length ? `Dữ liệu chưa hợp lệ: ${lines.join('; ')}` : 'Dữ liệu chưa hợp lệ.';
    }
    default:
      return error.status === 0 ? 'Mất kết nối tới máy chủ.' : `Lỗi ${error.status}: ${error.message}`;
  }
}
