// Pictures: the library (a grid, search, upload by drag-and-drop or file picker with a progress bar, alt text asked
// for) as a page, and as a dialog the editor opens for a cover or a picture in the body.
import { ApiError, call, describe, query, showPicture, upload, type Media, type Schemas } from './api';
import { field, h, show, toast } from './dom';
import { statusNames } from './list';

type Usage = Schemas['MediaUsageResponse'];
const useNames: Record<string, string> = { cover: 'ảnh bìa', body: 'trong bài' };

/** "Được dùng trong": the articles using the item, each a link to its editor. */
function usageList(usage: Usage): HTMLElement {
  if (usage.items.length === 0) {
    return h('p', { class: 'hint' }, 'Chưa bài nào dùng ảnh này.');
  }

  const more = usage.total > usage.items.length ? h('p', { class: 'hint' }, `và ${usage.total - usage.items.length} bài khác`) : null;
  return h('div', {}, h('ul', { class: 'usage' }, ...usage.items.map((use) => h('li', {},
    h('a', { href: `#/articles/${use.id}` }, use.title),
    ` (${statusNames[use.status] ?? use.status}; ${where(use)})`))), more);
}

/** Where an article uses the item: as saved, then in its pending changes (which keep the item from being deleted too). */
function where(use: Usage['items'][number]): string {
  const names = (uses: string[]) => uses.map((a) => useNames[a] ?? a).join(', ');
  const pending = use.pendingAs.length > 0 ? `thay đổi chờ đăng: ${names(use.pendingAs)}` : '';
  return [names(use.as), pending].filter((part) => part !== '').join('; ');
}

export interface Picked {
  media: Media;
  alt: string;
  caption: string;
}

/** A small picture of an item, shown with the session (unpublished photos are not public). */
function thumb(media: Media, width = 320): HTMLImageElement {
  const img = h('img', { alt: media.alt ?? '', width, loading: 'lazy' });
  showPicture(img, `${media.url}?w=320&h=240&fit=cover`);
  return img;
}

/** A drop zone with a file button and a progress bar; calls back with each uploaded item. */
function uploader(uploaded: (media: Media) => void): HTMLElement {
  const input = h('input', { type: 'file', id: 'upload-file', accept: 'image/jpeg,image/png,image/webp,image/avif,image/gif', multiple: true });
  const progress = h('progress', { id: 'upload-progress', max: 100, value: 0, hidden: true, 'aria-label': 'Tiến độ tải lên' });
  const message = h('p', { id: 'upload-message', role: 'status' });
  const zone = h('div', { class: 'drop', id: 'drop-zone' },
    h('p', {}, 'Kéo thả ảnh vào đây, hoặc '), h('label', { for: 'upload-file', class: 'inline' }, 'chọn ảnh từ máy:'), input, progress, message);

  async function send(files: FileList | File[]): Promise<void> {
    for (const file of [...files]) {
      progress.hidden = false;
      progress.value = 0;
      message.textContent = `Đang tải ${file.name}…`;
      try {
        const media = await upload(file, {}, (fraction) => (progress.value = Math.round(fraction * 100)));
        message.textContent = `Đã tải ${media.fileName}.`;
        uploaded(media);
      } catch (error) {
        message.textContent = `${file.name}: ${describe(error)}`;
      }
    }
  }

  input.addEventListener('change', () => input.files && void send(input.files));
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    if (event.dataTransfer?.files.length) {
      void send(event.dataTransfer.files);
    }
  });
  return zone;
}

async function grid(q: string, choose: (media: Media) => void, label: (media: Media) => string): Promise<HTMLElement> {
  const page = await call<{ items: Media[] }>(`/media${query({ q, pageSize: 24 })}`);
  if (page.items.length === 0) {
    return h('p', {}, 'Chưa có ảnh nào.');
  }

  return h('ul', { class: 'media-grid', id: 'media-grid' }, ...page.items.map((media) => h('li', {},
    thumb(media),
    h('p', {}, media.fileName),
    h('button', { type: 'button', class: 'secondary', onclick: () => choose(media) }, label(media)))));
}

/** The picture dialog: pick from the library or upload, then give the alt text (required) and a caption. */
export function pickPicture(purpose: string): Promise<Picked | null> {
  return new Promise((resolve) => {
    const dialog = h('dialog', { id: 'picture-dialog', 'aria-labelledby': 'picture-title' });
    const content = h('div', {});
    const close = (picked: Picked | null) => {
      dialog.close();
      dialog.remove();
      resolve(picked);
    };

    const describeStep = (media: Media) => {
      const alt = h('input', { id: 'picture-alt', required: true, value: media.alt ?? '' });
      const caption = h('input', { id: 'picture-caption', value: media.caption ?? '' });
      const form = h('form', { method: 'dialog' },
        thumb(media, 240),
        field('Mô tả ảnh (alt) cho người không xem được ảnh', alt),
        field('Chú thích', caption),
        h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'picture-insert' }, 'Dùng ảnh này'),
          h('button', { type: 'button', class: 'secondary', onclick: () => close(null) }, 'Hủy')));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        if (!alt.value.trim()) {
          alt.setCustomValidity('Hãy mô tả ảnh.');
          alt.reportValidity();
          return;
        }

        close({ media, alt: alt.value.trim(), caption: caption.value.trim() });
      });
      alt.addEventListener('input', () => alt.setCustomValidity(''));
      content.replaceChildren(form);
      alt.focus();
    };

    const search = h('input', { id: 'picture-search', type: 'search' });
    const results = h('div', {});
    const refresh = async () => results.replaceChildren(await grid(search.value.trim(), describeStep, (m) => `Chọn ${m.fileName}`));
    search.addEventListener('change', () => void refresh());
    content.append(uploader(describeStep), field('Tìm trong thư viện', search), results);
    dialog.append(h('h2', { id: 'picture-title' }, purpose), content,
      h('button', { type: 'button', class: 'secondary', onclick: () => close(null) }, 'Đóng'));
    dialog.addEventListener('cancel', () => close(null));
    document.body.append(dialog);
    dialog.showModal();
    void refresh();
  });
}

/** The media library page: grid, search, upload, and the words around each picture (alt, caption, credit, focal point). */
export async function mediaLibrary(): Promise<void> {
  const search = h('input', { id: 'media-search', type: 'search' });
  const results = h('div', { id: 'media-results' });
  const editorBox = h('div', { id: 'media-editor' });
  const refresh = async () => {
    try {
      results.replaceChildren(await grid(search.value.trim(), edit, (m) => `Sửa ${m.fileName}`));
    } catch (error) {
      results.replaceChildren(h('p', { class: 'notice' }, describe(error)));
    }
  };

  function edit(media: Media): void {
    const alt = h('input', { id: 'media-alt', value: media.alt ?? '' });
    const caption = h('input', { id: 'media-caption', value: media.caption ?? '' });
    const credit = h('input', { id: 'media-credit', value: media.credit ?? '' });
    const fx = h('input', { id: 'media-fx', type: 'number', min: 0, max: 1, step: 0.05, value: media.focalPoint?.x ?? 0.5 });
    const fy = h('input', { id: 'media-fy', type: 'number', min: 0, max: 1, step: 0.05, value: media.focalPoint?.y ?? 0.5 });
    const usedIn = h('div', { id: 'media-used-in' }, h('p', {}, 'Đang tải…'));
    const deleteOutcome = h('div', { id: 'media-delete-outcome' });
    const form = h('form', { class: 'card', 'aria-label': `Sửa ${media.fileName}` },
      h('h2', {}, media.fileName),
      thumb(media),
      h('p', { class: 'hint' }, `${media.width}×${media.height} · ${Math.round(media.bytes / 1024)} KB · ${media.createdBy?.displayName ?? ''}`),
      field('Mô tả ảnh (alt)', alt), field('Chú thích', caption), field('Tác giả ảnh', credit),
      field('Tâm ảnh ngang (0–1)', fx), field('Tâm ảnh dọc (0–1)', fy),
      h('section', { id: 'media-usage', 'aria-labelledby': 'media-usage-title' }, h('h3', { id: 'media-usage-title' }, 'Được dùng trong'), usedIn),
      deleteOutcome,
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Lưu'),
        h('button', { type: 'button', class: 'danger', onclick: () => void remove() }, 'Xóa ảnh')));
    const loadUsage = async (): Promise<Usage | null> => {
      try {
        const usage = await call<Usage>(`/media/${media.id}/usage`);
        usedIn.replaceChildren(usageList(usage));
        return usage;
      } catch (error) {
        usedIn.replaceChildren(h('p', { class: 'notice' }, describe(error)));
        return null;
      }
    };
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await call(`/media/${media.id}`, {
          method: 'PATCH', contentType: 'application/merge-patch+json', ifMatch: media.version,
          body: { alt: alt.value.trim() || null, caption: caption.value.trim() || null, credit: credit.value.trim() || null, focalPoint: { x: Number(fx.value), y: Number(fy.value) } },
        });
        toast('Đã lưu thông tin ảnh.');
        editorBox.replaceChildren();
        await refresh();
      } catch (error) {
        toast(describe(error));
      }
    });
    async function remove(): Promise<void> {
      if (!window.confirm('Xóa ảnh này?')) {
        return;
      }

      try {
        await call(`/media/${media.id}`, { method: 'DELETE', ifMatch: media.version });
        editorBox.replaceChildren();
        await refresh();
      } catch (error) {
        if (error instanceof ApiError && error.code === 'media_in_use') {
          // Which articles, and how to free the picture: the list below is read again, as it is now.
          const usage = await loadUsage();
          const titles = usage?.items.map((use) => use.title).join('; ') ?? '';
          deleteOutcome.replaceChildren(h('p', { class: 'notice', role: 'alert' },
            `Không xóa được: ảnh đang được dùng trong ${usage?.total ?? ''} bài${titles ? ` (${titles})` : ''}. Gỡ ảnh khỏi các bài đó (mở bài từ danh sách "Được dùng trong") rồi xóa lại.`));
        } else {
          toast(describe(error));
        }
      }
    }

    editorBox.replaceChildren(form);
    void loadUsage();
    alt.focus();
  }

  search.addEventListener('change', () => void refresh());
  show('Thư viện ảnh', uploader((media) => { void refresh(); edit(media); }), field('Tìm ảnh (không cần dấu)', search), editorBox, results);
  await refresh();
}
