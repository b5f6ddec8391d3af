// The article editor. Text is never lost: every change is copied to this browser (localStorage) at once and saved to
// the server a few seconds after typing stops (within the revision merge window, so autosaves read as one revision);
// the local copy goes only once the server has that text. A save over someone else's (412) shows both versions and
// lets the journalist choose: nothing is overwritten silently.
import {
  ApiError, call, describe, query, showPicture, type Article, type ArticlePage, type ArticleRequest, type ArticleStatus, type Author, type Revision,
} from './api';
import { field, h, show, toast } from './dom';
import { slugOf, toStoredHtml } from './html';
import { allCategories, statusNames } from './list';
import { pickPicture } from './media';
import { createRichText, type RichText } from './richtext';
import { guardLeaving, replaceAddress } from './router';
import { atLeast } from './session';
import { formatTime, fromLocalInput, siteTimeZone, toLocalInput } from './settings';

/** Seconds after the last keystroke before an autosave; well inside the server's merge window (300 s by default). */
const autosaveSeconds = 3;

type Cover = NonNullable<ArticleRequest['coverImage']>;

/** What the form holds: a PUT body, plus what the editor needs to know about where it came from. */
interface LocalCopy {
  request: ArticleRequest;
  /** The version the text was based on: a different version on the server means someone else saved since. */
  baseVersion: number | null;
  savedAt: string;
}

const localKey = (id: string | null) => `cms.admin.draft.${id ?? 'new'}`;

function readLocal(id: string | null): LocalCopy | null {
  const text = localStorage.getItem(localKey(id));
  return text ? (JSON.parse(text) as LocalCopy) : null;
}

/** Tags to suggest: the API has no tag index, so the tags of the newest 100 articles, which are what the newsroom uses now. */
async function suggestions(): Promise<string[]> {
  return [...new Set((await call<ArticlePage>(`/articles${query({ fields: 'tags', pageSize: 100 })}`)).items.flatMap((a) => a.tags ?? []))].sort();
}

const allAuthors = async (): Promise<Author[]> => (await call<{ items: Author[] }>('/authors?pageSize=100')).items;

function requestOf(article: Article): ArticleRequest {
  return {
    title: article.title,
    slug: article.slug,
    summary: article.summary,
    body: article.body,
    coverImage: article.coverImage
      ? { mediaId: article.coverImage.mediaId, url: article.coverImage.mediaId ? null : article.coverImage.url, alt: article.coverImage.alt, caption: article.coverImage.caption }
      : null,
    status: article.status,
    publishAt: article.publishAt,
    expiresAt: article.expiresAt,
    source: article.source,
    authorIds: article.authors.map((a) => a.id),
    categoryIds: article.categories.map((c) => c.id),
    tags: article.tags,
    allowRating: article.allowRating,
    seo: { title: article.seo.title, description: article.seo.description, canonicalUrl: article.seo.canonicalUrl, noIndex: article.seo.noIndex },
  };
}

/** The content compared for "unsaved": the body as the server keeps it, so the editor's own markup does not count. */
const sameContent = (a: ArticleRequest, b: ArticleRequest) =>
  JSON.stringify({ ...a, body: toStoredHtml(a.body ?? ''), status: null }) === JSON.stringify({ ...b, body: toStoredHtml(b.body ?? ''), status: null });

export async function articleEditor(id: string | null): Promise<void> {
  show(id ? 'Sửa bài' : 'Viết bài', h('p', {}, 'Đang tải…'));
  let article: Article | null = null;
  /** The version of the row readers see: deletes and status changes name it. Saves name `version` (pending changes' when there are some). */
  let liveVersion: number | null = null;
  let version: number | null = null;
  let pending = false;
  try {
    if (id) {
      const live = await call<Article>(`/articles/${id}`);
      liveVersion = live.version;
      article = live.hasPendingChanges ? await call<Article>(`/articles/${id}/pending`) : live;
      article.status = live.status;
      pending = live.hasPendingChanges === true;
      version = article.version;
    }
  } catch (error) {
    show('Sửa bài', h('p', { class: 'notice', role: 'alert' }, describe(error)));
    return;
  }

  const [categories, authorList, tags] = await Promise.all([allCategories(), allAuthors(), suggestions().catch(() => [])]);
  const server: ArticleRequest | null = article ? requestOf(article) : null;
  let status: ArticleStatus = article?.status ?? 'draft';
  const editorRole = atLeast('editor');
  /** A draft's slug follows its title until someone sets it by hand or it is published. */
  let slugByHand = article !== null && (article.status !== 'draft' || article.slug !== slugOf(article.title));

  // Local copy: restored when it holds text the server lacks; a copy based on an older version is a conflict.
  const local = readLocal(id);
  let start = server ?? {
    title: '', authorIds: authorList[0] ? [authorList[0].id] : [], slug: null, summary: null, body: '', coverImage: null, status: 'draft',
    publishAt: null, expiresAt: null, source: null, categoryIds: [], tags: [], allowRating: true, seo: { title: null, description: null, canonicalUrl: null, noIndex: false },
  };
  let restoredNotice = '';
  let staleLocal: LocalCopy | null = null;
  if (local && (!server || !sameContent(local.request, server))) {
    if (local.baseVersion === version) {
      start = local.request;
      restoredNotice = 'Đã khôi phục nội dung chưa lưu từ trình duyệt này.';
    } else {
      staleLocal = local;
    }
  }

  // The form.
  const title = h('input', { id: 'title', class: 'title-input', value: start.title, required: true, maxlength: 300 });
  const slugText = h('span', { id: 'slug', class: 'slug' });
  const slugInput = h('input', { id: 'slug-input', value: start.slug ?? '', hidden: true, 'aria-label': 'Đường dẫn (slug)' });
  const slugEdit = h('button', { type: 'button', class: 'secondary', id: 'slug-edit' }, 'Sửa đường dẫn');
  const summary = h('textarea', { id: 'summary', rows: 3 }, start.summary ?? '');
  const source = h('input', { id: 'source', value: start.source ?? '' });
  const allowRating = h('input', { id: 'allow-rating', type: 'checkbox', checked: start.allowRating !== false });
  const publishAt = h('input', { id: 'publish-at', type: 'datetime-local', value: toLocalInput(start.publishAt) });
  const expiresAt = h('input', { id: 'expires-at', type: 'datetime-local', value: toLocalInput(start.expiresAt) });
  const seoTitle = h('input', { id: 'seo-title', value: start.seo?.title ?? '' });
  const seoDescription = h('textarea', { id: 'seo-description', rows: 2 }, start.seo?.description ?? '');
  const seoCanonical = h('input', { id: 'seo-canonical', type: 'url', value: start.seo?.canonicalUrl ?? '' });
  const seoNoIndex = h('input', { id: 'seo-noindex', type: 'checkbox', checked: start.seo?.noIndex === true });
  const categoryBoxes = categories.map((c) => h('input', { type: 'checkbox', value: c.id, checked: (start.categoryIds ?? []).includes(c.id) }));
  const authorBoxes = authorList.map((a) => h('input', { type: 'checkbox', value: a.id, checked: (start.authorIds ?? []).includes(a.id) }));
  let tagValues = [...(start.tags ?? [])];
  const tagList = h('ul', { class: 'chips', id: 'tags', 'aria-label': 'Thẻ đã chọn' });
  const tagInput = h('input', { id: 'tag-input', list: 'tag-suggestions', autocomplete: 'off' });
  const tagData = h('datalist', { id: 'tag-suggestions' }, ...tags.map((t) => h('option', { value: t })));
  let cover: Cover | null = start.coverImage ?? null;
  const coverBox = h('div', { id: 'cover' });
  const saveState = h('span', { class: 'save-state', id: 'save-state', role: 'status' }, restoredNotice);
  const statusBadge = h('span', { id: 'status', class: `badge ${status}` });
  const pendingBadge = h('span', { id: 'pending', class: 'badge pending', hidden: !pending }, 'Có thay đổi chờ đăng');
  const actions = h('div', { class: 'actions', id: 'actions' });
  const conflictBox = h('div', { id: 'conflict-box' });
  const previewBox = h('p', { id: 'preview-box' });
  const historyBox = h('section', { id: 'history', 'aria-labelledby': 'history-title' }, h('h2', { id: 'history-title' }, 'Lịch sử sửa'));

  const body: RichText = createRichText(start.body ?? '', 'Nội dung bài', () => changed(), () => void addBodyPicture());

  function request(nextStatus: ArticleStatus = status): ArticleRequest {
    const typedSlug = slugInput.value.trim();
    return {
      title: title.value.trim(),
      slug: slugByHand ? (typedSlug || null) : (slugOf(title.value) || null),
      summary: summary.value.trim() || null,
      body: body.html(),
      coverImage: cover,
      status: nextStatus,
      publishAt: fromLocalInput(publishAt.value),
      expiresAt: fromLocalInput(expiresAt.value),
      source: source.value.trim() || null,
      authorIds: authorBoxes.filter((b) => b.checked).map((b) => b.value),
      categoryIds: categoryBoxes.filter((b) => b.checked).map((b) => b.value),
      tags: tagValues,
      allowRating: allowRating.checked,
      seo: { title: seoTitle.value.trim() || null, description: seoDescription.value.trim() || null, canonicalUrl: seoCanonical.value.trim() || null, noIndex: seoNoIndex.checked },
    };
  }

  let saved: ArticleRequest | null = server;
  let timer = 0;
  let saving: Promise<boolean> | null = null;
  let conflict = false;
  const dirty = () => saved === null ? title.value.trim() !== '' || !body.editor.isEmpty : !sameContent(request(), saved);

  function keepLocally(): void {
    localStorage.setItem(localKey(id), JSON.stringify({ request: request(), baseVersion: version, savedAt: new Date().toISOString() } satisfies LocalCopy));
  }

  function changed(): void {
    renderSlug();
    if (!dirty()) {
      return;
    }

    keepLocally();
    saveState.textContent = 'Chưa lưu (đã giữ trong trình duyệt)';
    clearTimeout(timer);
    if (!conflict) {
      timer = window.setTimeout(() => void save(), autosaveSeconds * 1000);
    }
  }

  function renderSlug(): void {
    slugText.textContent = slugByHand ? (slugInput.value.trim() || article?.slug || '') : (slugOf(title.value) || article?.slug || '…');
  }

  function renderTags(): void {
    tagList.replaceChildren(...tagValues.map((tag) => h('li', {}, tag,
      h('button', { type: 'button', 'aria-label': `Bỏ thẻ ${tag}`, onclick: () => { tagValues = tagValues.filter((t) => t !== tag); renderTags(); changed(); } }, '×'))));
  }

  function addTag(): void {
    const tag = tagInput.value.trim();
    if (tag && !tagValues.includes(tag)) {
      tagValues.push(tag);
      renderTags();
      changed();
    }

    tagInput.value = '';
  }

  function renderCover(): void {
    coverBox.replaceChildren(
      cover ? h('figure', {}, coverImage(), h('figcaption', {}, cover.caption ?? '')) : h('p', { class: 'hint' }, 'Chưa có ảnh đại diện.'),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', id: 'choose-cover', onclick: () => void chooseCover() }, cover ? 'Đổi ảnh đại diện' : 'Chọn ảnh đại diện'),
        cover ? h('button', { type: 'button', class: 'secondary', onclick: () => { cover = null; renderCover(); changed(); } }, 'Bỏ ảnh') : null));
  }

  let coverSrc: string | null = article?.coverImage?.url ?? null;
  const coverImage = () => {
    const img = h('img', { alt: cover?.alt ?? '', width: 280 });
    showPicture(img, coverSrc && !coverSrc.includes('?') ? `${coverSrc}?w=560` : coverSrc ?? '');
    return img;
  };

  async function chooseCover(): Promise<void> {
    const picked = await pickPicture('Ảnh đại diện');
    if (picked) {
      cover = { mediaId: picked.media.id, url: null, alt: picked.alt, caption: picked.caption || null };
      coverSrc = picked.media.url;
      renderCover();
      changed();
    }
  }

  async function addBodyPicture(): Promise<void> {
    const picked = await pickPicture('Ảnh trong bài');
    if (picked) {
      body.insertFigure(`${picked.media.url}?w=1200`, picked.alt, picked.caption, picked.media.width, picked.media.height);
    }
  }

  function renderStatus(): void {
    statusBadge.className = `badge ${status}`;
    statusBadge.textContent = statusNames[status] ?? status;
    pendingBadge.hidden = !pending;
    const buttons: HTMLElement[] = [];
    const live = status === 'published';
    buttons.push(h('button', { type: 'button', id: 'save', onclick: () => void save() }, live ? 'Lưu thay đổi (chờ đăng)' : 'Lưu'));
    if (editorRole) {
      if (pending) {
        buttons.push(h('button', { type: 'button', id: 'publish-pending', onclick: () => void publishPending() }, 'Đăng thay đổi'));
        buttons.push(h('button', { type: 'button', class: 'secondary', id: 'drop-pending', onclick: () => void dropPending() }, 'Bỏ thay đổi chờ đăng'));
      }

      if (status !== 'published') {
        buttons.push(h('button', { type: 'button', id: 'publish-now', onclick: () => void changeStatus('published', true) }, 'Đăng ngay'));
        buttons.push(h('button', { type: 'button', class: 'secondary', id: 'schedule', onclick: () => void changeStatus('scheduled') }, 'Hẹn giờ đăng'));
      }

      if (status === 'published' || status === 'scheduled') {
        buttons.push(h('button', { type: 'button', class: 'secondary', id: 'unpublish', disabled: pending, onclick: () => void changeStatus('draft') }, status === 'scheduled' ? 'Hủy hẹn giờ' : 'Gỡ bài'));
      }

      if (status !== 'archived') {
        buttons.push(h('button', { type: 'button', class: 'secondary', id: 'archive', disabled: pending, onclick: () => void changeStatus('archived') }, 'Lưu trữ'));
      }
    } else {
      buttons.push(h('p', { class: 'hint', id: 'author-hint' }, 'Phóng viên lưu bài ở dạng nháp; biên tập viên duyệt và đăng.'));
    }

    if (id) {
      buttons.push(h('button', { type: 'button', class: 'secondary', id: 'preview', onclick: () => void preview() }, 'Xem trước'));
      buttons.push(h('button', { type: 'button', class: 'secondary', id: 'show-history', onclick: () => void loadHistory() }, 'Lịch sử'));
      if (editorRole) {
        buttons.push(h('button', { type: 'button', class: 'danger', id: 'delete', onclick: () => void remove() }, 'Xóa bài'));
      }
    }

    actions.replaceChildren(...buttons);
  }

  /** Takes the server's answer as the new starting point; the local copy goes unless the text moved on meanwhile. */
  function accepted(answer: Article, sent: ArticleRequest, isPending: boolean): void {
    const isNew = id === null;
    article = answer;
    version = answer.version;
    pending = isPending;
    if (!isPending) {
      liveVersion = answer.version;
      status = answer.status;
    }

    saved = { ...sent, slug: answer.slug, status };
    if (!slugByHand && answer.slug !== slugOf(sent.title)) {
      // The server made it unique (a suffix): from now on it is this article's slug, whatever the title.
      slugByHand = true;
      slugInput.value = answer.slug;
    }
    if (isNew) {
      id = answer.id;
      localStorage.removeItem(localKey(null));
      replaceAddress(`#/articles/${answer.id}`);
    }

    if (dirty()) {
      keepLocally();
    } else {
      localStorage.removeItem(localKey(id));
      saveState.textContent = `Đã lưu lúc ${new Date().toLocaleTimeString('vi-VN', { timeZone: siteTimeZone(), hour12: false })}`;
    }

    slugText.textContent = slugByHand ? answer.slug : (slugOf(title.value) === slugOf(sent.title) ? answer.slug : slugOf(title.value));
    renderStatus();
  }

  /** Saves the form: a new article is created as a draft; a live one saves pending changes; the rest is replaced. */
  async function save(nextStatus: ArticleStatus = status, force = false): Promise<boolean> {
    clearTimeout(timer);
    if (saving) {
      await saving;
    }

    if (conflict && !force) {
      return false;
    }

    if (!dirty() && nextStatus === status && id !== null) {
      return true;
    }

    if (title.value.trim() === '') {
      saveState.textContent = 'Cần có tiêu đề để lưu lên máy chủ (nội dung vẫn được giữ trong trình duyệt).';
      return false;
    }

    const sent = request(nextStatus);
    saveState.textContent = 'Đang lưu…';
    saving = (async () => {
      try {
        if (id === null) {
          accepted(await call<Article>('/articles', { method: 'POST', body: { ...sent, status: 'draft' } }), sent, false);
        } else if (status === 'published' && nextStatus === 'published') {
          accepted(await call<Article>(`/articles/${id}/pending`, { method: 'PUT', body: sent, ifMatch: version ?? undefined }), sent, true);
        } else {
          accepted(await call<Article>(`/articles/${id}`, { method: 'PUT', body: sent, ifMatch: version ?? undefined }), sent, false);
        }

        return true;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'slug_taken' && !slugByHand) {
          // The title's slug is another article's: keep the one this article has.
          slugByHand = true;
          slugInput.value = article?.slug ?? '';
          saveState.textContent = 'Đường dẫn theo tiêu đề đã có bài khác dùng; giữ đường dẫn cũ.';
          return false;
        }

        if (error instanceof ApiError && error.code === 'version_mismatch') {
          await showConflict();
          return false;
        }

        saveState.textContent = `Chưa lưu được: ${describe(error)} Nội dung vẫn được giữ trong trình duyệt.`;
        return false;
      } finally {
        saving = null;
      }
    })();
    return saving;
  }

  /** 412: someone else saved. Both versions side by side; the journalist keeps theirs (saved over) or takes the other. */
  async function showConflict(mine: ArticleRequest = request(), theirsKnown?: Article): Promise<void> {
    conflict = true;
    clearTimeout(timer);
    keepLocally();
    const live = await call<Article>(`/articles/${id}`);
    const theirs = theirsKnown ?? (live.hasPendingChanges ? await call<Article>(`/articles/${id}/pending`) : live);
    const version_ = (text: string, t: string, b: string, testId: string) => {
      const content = h('div', { class: 'version', id: testId }, h('h3', {}, text), h('p', {}, h('strong', {}, t)));
      const bodyView = h('div', {});
      bodyView.innerHTML = toStoredHtml(b);
      content.append(bodyView);
      return content;
    };
    saveState.textContent = 'Người khác vừa lưu bài này: hãy chọn bản giữ lại.';
    conflictBox.replaceChildren(h('section', { class: 'conflict', role: 'alert', 'aria-labelledby': 'conflict-title' },
      h('h2', { id: 'conflict-title' }, 'Có người vừa lưu bài này'),
      h('p', {}, `${theirs.title} — bản số ${theirs.version}, lưu ${formatTime(theirs.updatedAt)}. Bản của bạn chưa được lưu lên máy chủ và vẫn được giữ trong trình duyệt.`),
      h('div', { class: 'versions' }, version_('Bản của bạn', mine.title, mine.body ?? '', 'mine'), version_('Bản vừa được lưu', theirs.title, theirs.body, 'theirs')),
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'keep-mine', onclick: () => void resolve(theirs, live, true) }, 'Giữ bản của tôi'),
        h('button', { type: 'button', class: 'secondary', id: 'take-theirs', onclick: () => void resolve(theirs, live, false) }, 'Dùng bản vừa được lưu'))));
  }

  async function resolve(theirs: Article, live: Article, keepMine: boolean): Promise<void> {
    version = theirs.version;
    liveVersion = live.version;
    pending = live.hasPendingChanges === true;
    status = live.status;
    conflictBox.replaceChildren();
    if (keepMine) {
      conflict = false;
      saved = requestOf(theirs);
      await save(status, true);
    } else {
      conflict = false;
      load(requestOf(theirs));
      saved = requestOf(theirs);
      localStorage.removeItem(localKey(id));
      saveState.textContent = 'Đã lấy bản vừa được lưu.';
      renderStatus();
    }
  }

  /** Puts a version's content into the form. */
  function load(content: ArticleRequest): void {
    title.value = content.title;
    slugInput.value = content.slug ?? '';
    summary.value = content.summary ?? '';
    source.value = content.source ?? '';
    allowRating.checked = content.allowRating !== false;
    publishAt.value = toLocalInput(content.publishAt);
    expiresAt.value = toLocalInput(content.expiresAt);
    seoTitle.value = content.seo?.title ?? '';
    seoDescription.value = content.seo?.description ?? '';
    seoCanonical.value = content.seo?.canonicalUrl ?? '';
    seoNoIndex.checked = content.seo?.noIndex === true;
    categoryBoxes.forEach((b) => (b.checked = (content.categoryIds ?? []).includes(b.value)));
    authorBoxes.forEach((b) => (b.checked = (content.authorIds ?? []).includes(b.value)));
    tagValues = [...(content.tags ?? [])];
    cover = content.coverImage ?? null;
    body.editor.commands.setContent(content.body ?? '', { emitUpdate: false });
    renderTags();
    renderCover();
    renderSlug();
  }

  async function changeStatus(next: ArticleStatus, now = false): Promise<void> {
    if (next === 'scheduled') {
      const at = fromLocalInput(publishAt.value);
      if (!at || Date.parse(at) <= Date.now()) {
        saveState.textContent = `Chọn thời điểm đăng trong tương lai (giờ ${siteTimeZone()}) rồi bấm Hẹn giờ đăng.`;
        publishAt.focus();
        return;
      }
    }

    if (now) {
      publishAt.value = '';
    }

    if (await save(next)) {
      toast(`Đã chuyển sang: ${statusNames[status] ?? status}`);
    }
  }

  async function publishPending(): Promise<void> {
    if (dirty() && !(await save())) {
      return;
    }

    try {
      const answer = await call<Article>(`/articles/${id}/pending/publish`, { method: 'POST', ifMatch: version ?? undefined });
      pending = false;
      accepted(answer, request(), false);
      toast('Đã đăng các thay đổi.');
    } catch (error) {
      saveState.textContent = describe(error);
    }
  }

  async function dropPending(): Promise<void> {
    if (!window.confirm('Bỏ các thay đổi chờ đăng? Bài sẽ trở lại như bạn đọc đang thấy.')) {
      return;
    }

    try {
      await call(`/articles/${id}/pending`, { method: 'DELETE', ifMatch: version ?? undefined });
      localStorage.removeItem(localKey(id));
      await articleEditor(id);
    } catch (error) {
      saveState.textContent = describe(error);
    }
  }

  async function preview(): Promise<void> {
    if (dirty() && !(await save())) {
      return;
    }

    try {
      const link = await call<{ url: string; expiresAt: string }>(`/articles/${id}/preview-links`, { method: 'POST' });
      previewBox.replaceChildren(h('a', { href: link.url, target: '_blank', rel: 'noopener', id: 'preview-link' }, 'Mở bản xem trước'),
        ` (hết hạn ${formatTime(link.expiresAt)})`);
    } catch (error) {
      previewBox.textContent = describe(error);
    }
  }

  async function loadHistory(): Promise<void> {
    try {
      const list = await call<{ items: Revision[] }>(`/articles/${id}/revisions?pageSize=50`);
      historyBox.replaceChildren(h('h2', { id: 'history-title' }, 'Lịch sử sửa'),
        h('ol', { class: 'revisions', id: 'revisions', reversed: true }, ...list.items.map((r) => h('li', { 'data-version': r.version },
          `Bản ${r.version} · ${formatTime(r.savedAt)} · ${r.savedBy?.displayName ?? 'người đã bị xóa'}`,
          r.live ? ' · bạn đọc đã thấy' : '', r.pending ? ' · chờ đăng' : '',
          r.changed.length ? ` · sửa: ${r.changed.join(', ')}` : '', ' ',
          r.version === version ? h('strong', {}, '(bản hiện tại)') : h('button', { type: 'button', class: 'secondary', onclick: () => void restore(r.version) }, `Khôi phục bản ${r.version}`)))));
      historyBox.querySelector('h2')?.scrollIntoView();
    } catch (error) {
      historyBox.append(h('p', { class: 'notice' }, describe(error)));
    }
  }

  async function restore(revision: number): Promise<void> {
    if (dirty() && !window.confirm('Nội dung đang sửa chưa lưu sẽ được thay bằng bản cũ. Tiếp tục?')) {
      return;
    }

    try {
      await call(`/articles/${id}/revisions/${revision}/restore`, { method: 'POST', ifMatch: version ?? undefined });
      localStorage.removeItem(localKey(id));
      toast(`Đã khôi phục bản ${revision}.`);
      await articleEditor(id);
    } catch (error) {
      saveState.textContent = describe(error);
    }
  }

  async function remove(): Promise<void> {
    if (!window.confirm('Xóa bài này? Có thể khôi phục trong mục Bài đã xóa.')) {
      return;
    }

    try {
      await call(`/articles/${id}`, { method: 'DELETE', ifMatch: liveVersion ?? undefined });
      localStorage.removeItem(localKey(id));
      guardLeaving(null);
      toast('Đã xóa bài. Có thể khôi phục trong mục Bài đã xóa.');
      location.hash = '#/articles';
    } catch (error) {
      saveState.textContent = describe(error);
    }
  }

  // Events.
  for (const input of [title, summary, source, publishAt, expiresAt, seoTitle, seoDescription, seoCanonical, slugInput]) {
    input.addEventListener('input', changed);
  }

  for (const box of [allowRating, seoNoIndex, ...categoryBoxes, ...authorBoxes]) {
    box.addEventListener('change', changed);
  }

  slugEdit.addEventListener('click', () => {
    slugByHand = true;
    slugInput.value = slugText.textContent ?? '';
    slugInput.hidden = false;
    slugEdit.hidden = true;
    slugInput.focus();
  });
  tagInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      addTag();
    }
  });
  tagInput.addEventListener('change', addTag);

  const zone = siteTimeZone();
  const checklist = (legend: string, boxes: HTMLInputElement[], names: string[], listId: string) =>
    h('fieldset', { class: 'checklist', id: listId }, h('legend', {}, legend),
      ...boxes.map((box, i) => h('label', { class: 'inline' }, box, names[i] ?? '')));

  show(id ? 'Sửa bài' : 'Viết bài',
    conflictBox,
    h('div', { class: 'editor-grid' },
      h('section', { 'aria-label': 'Nội dung' },
        field('Tiêu đề', title),
        h('p', { class: 'hint' }, 'Đường dẫn: ', slugText, ' ', slugEdit, slugInput),
        field('Tóm tắt (sapo)', summary),
        h('div', { class: 'field' }, h('span', { class: 'label', id: 'body-label' }, h('strong', {}, 'Nội dung')), body.element),
        h('div', { class: 'status-line' }, statusBadge, pendingBadge, saveState),
        actions, previewBox),
      h('aside', { 'aria-label': 'Thông tin bài' },
        h('div', { class: 'card' }, h('h2', {}, 'Đăng bài'),
          field('Thời điểm đăng', publishAt, `Giờ ${zone}. Để trống khi đăng ngay.`),
          field('Hết hạn', expiresAt, `Giờ ${zone}. Để trống nếu không hết hạn.`)),
        h('div', { class: 'card' }, h('h2', {}, 'Ảnh đại diện'), coverBox),
        h('div', { class: 'card' },
          checklist('Chuyên mục', categoryBoxes, categories.map((c) => c.name), 'categories'),
          checklist('Tác giả', authorBoxes, authorList.map((a) => a.organization ? `${a.name} - ${a.organization}` : a.name), 'authors'),
          field('Thêm thẻ', tagInput, 'Gõ rồi bấm Enter; gợi ý từ các thẻ đang dùng.'), tagData, tagList,
          field('Nguồn', source),
          h('label', { class: 'inline' }, allowRating, 'Cho phép bạn đọc chấm điểm')),
        h('details', { class: 'card' }, h('summary', {}, 'SEO'),
          field('Tiêu đề SEO', seoTitle), field('Mô tả SEO', seoDescription), field('Địa chỉ chuẩn (canonical)', seoCanonical),
          h('label', { class: 'inline' }, seoNoIndex, 'Không cho máy tìm kiếm lập chỉ mục')))),
    historyBox);

  renderTags();
  renderCover();
  renderSlug();
  renderStatus();
  if (restoredNotice) {
    // Text the server lacks: save it as soon as typing would have.
    changed();
    saveState.textContent = restoredNotice;
  } else if (saved) {
    // The editor writes the server's HTML in its own way (attribute order, empty paragraphs): that is not a change.
    saved = { ...request(status), slug: saved.slug, status };
  }

  guardLeaving(() => {
    if (!dirty()) {
      return true;
    }

    keepLocally();
    void save();
    return window.confirm('Bài chưa lưu xong lên máy chủ (đã giữ trong trình duyệt). Vẫn rời trang?');
  });
  window.onbeforeunload = (event) => {
    if (dirty()) {
      keepLocally();
      event.preventDefault();
    }
  };
  if (staleLocal) {
    await showConflict(staleLocal.request, article ?? undefined);
  }
}
