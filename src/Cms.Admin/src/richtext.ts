// The body editor: Tiptap (MIT, from npm, bundled: nothing loaded from elsewhere) with only the nodes and marks whose
// HTML the server's sanitizer keeps: paragraphs, h2-h4, emphasis, lists, links, quotes, tables, figures with captions.
import { Editor, Node, mergeAttributes } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import Image from '@tiptap/extension-image';
import { cleanPastedHtml, toStoredHtml } from './html';
import { h } from './dom';
import { showPicture } from './api';

/** <figure><img><figcaption>caption</figcaption></figure>: a picture with its caption as editable text. */
export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  content: 'inline*',
  draggable: true,
  isolating: true,
  addAttributes() {
    return { src: { default: null }, alt: { default: null }, width: { default: null }, height: { default: null } };
  },
  parseHTML() {
    return [{
      tag: 'figure',
      priority: 60,
      contentElement: 'figcaption',
      getAttrs: (element) => {
        const img = (element as HTMLElement).querySelector('img');
        return img ? { src: img.getAttribute('src'), alt: img.getAttribute('alt'), width: img.getAttribute('width'), height: img.getAttribute('height') } : false;
      },
    }];
  },
  addNodeView() {
    // In the editor the picture is shown with the session (showPicture); the HTML saved keeps its plain address.
    return ({ node }) => {
      const dom = document.createElement('figure');
      const img = document.createElement('img');
      const attrs = node.attrs as Record<string, string | null>;
      img.alt = attrs.alt ?? '';
      showPicture(img, attrs.src ?? '');
      const caption = document.createElement('figcaption');
      dom.append(img, caption);
      // The picture's src arrives later (a blob: URL): a change outside the caption is not the author's edit.
      return { dom, contentDOM: caption, ignoreMutation: (mutation) => mutation.type !== 'selection' && !caption.contains(mutation.target) };
    };
  },
  renderHTML({ HTMLAttributes }) {
    const { src, alt, width, height } = HTMLAttributes as Record<string, string | null>;
    return ['figure', mergeAttributes({}), ['img', { src, alt: alt ?? '', width, height }], ['figcaption', 0]];
  },
});

export interface RichText {
  editor: Editor;
  element: HTMLElement;
  html(): string;
  insertFigure(src: string, alt: string, caption: string, width?: number | null, height?: number | null): void;
}

interface Tool {
  label: string;
  text: string;
  run: (editor: Editor) => void;
  active?: (editor: Editor) => boolean;
}

export function createRichText(html: string, label: string, onChange: () => void, onPicture: () => void): RichText {
  const host = h('div', { class: 'rte', id: 'body-editor' });
  const editor = new Editor({
    element: host,
    content: html,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        link: { openOnClick: false, autolink: true, HTMLAttributes: { target: null, rel: 'noopener', class: null } },
        codeBlock: { HTMLAttributes: { class: null } },
      }),
      Table.configure({ resizable: false }),
      TableRow,
      TableHeader,
      TableCell,
      Figure,
      Image.configure({ inline: false, allowBase64: false }),
    ],
    editorProps: {
      attributes: { 'aria-label': label, 'aria-multiline': 'true', role: 'textbox', id: 'body' },
      transformPastedHTML: cleanPastedHtml,
    },
    onUpdate: onChange,
  });

  const tools: Tool[] = [
    { label: 'Chữ đậm', text: 'B', run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive('bold') },
    { label: 'Chữ nghiêng', text: 'I', run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive('italic') },
    { label: 'Gạch chân', text: 'U', run: (e) => e.chain().focus().toggleUnderline().run(), active: (e) => e.isActive('underline') },
    { label: 'Tiêu đề mục', text: 'H2', run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(), active: (e) => e.isActive('heading', { level: 2 }) },
    { label: 'Tiêu đề nhỏ', text: 'H3', run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(), active: (e) => e.isActive('heading', { level: 3 }) },
    { label: 'Danh sách', text: '•', run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive('bulletList') },
    { label: 'Danh sách số', text: '1.', run: (e) => e.chain().focus().toggleOrderedList().run(), active: (e) => e.isActive('orderedList') },
    { label: 'Trích dẫn', text: '❝', run: (e) => e.chain().focus().toggleBlockquote().run(), active: (e) => e.isActive('blockquote') },
    {
      label: 'Liên kết', text: 'Liên kết', active: (e) => e.isActive('link'),
      run: (e) => {
        const previous = (e.getAttributes('link') as { href?: string }).href ?? 'https://';
        const href = window.prompt('Địa chỉ liên kết (để trống để bỏ liên kết)', previous);
        if (href === null) {
          return;
        }

        if (href.trim() === '') {
          e.chain().focus().extendMarkRange('link').unsetLink().run();
        } else {
          e.chain().focus().extendMarkRange('link').setLink({ href: href.trim() }).run();
        }
      },
    },
    { label: 'Chèn bảng', text: '▦', run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run() },
    { label: 'Chèn ảnh', text: 'Ảnh', run: () => onPicture() },
    { label: 'Hoàn tác', text: '↶', run: (e) => e.chain().focus().undo().run() },
    { label: 'Làm lại', text: '↷', run: (e) => e.chain().focus().redo().run() },
  ];
  const buttons = tools.map((tool) => {
    // The name is the words; the symbol shown is decoration (a name that did not contain "H2" would mislead voice control).
    const button = h('button', { type: 'button', title: tool.label, onclick: () => tool.run(editor) },
      h('span', { 'aria-hidden': 'true' }, tool.text), h('span', { class: 'visually-hidden' }, tool.label));
    if (tool.active) {
      button.setAttribute('aria-pressed', 'false');
    }

    return { tool, button };
  });
  const refresh = () => buttons.forEach(({ tool, button }) => tool.active && button.setAttribute('aria-pressed', String(tool.active(editor))));
  editor.on('selectionUpdate', refresh);
  editor.on('transaction', refresh);
  const toolbar = h('div', { class: 'rte-tools', role: 'toolbar', 'aria-label': 'Định dạng nội dung' }, ...buttons.map((b) => b.button));

  return {
    editor,
    element: h('div', {}, toolbar, host),
    html: () => toStoredHtml(editor.getHTML()),
    insertFigure: (src, alt, caption, width, height) => {
      editor.chain().focus().insertContent({
        type: 'figure',
        attrs: { src, alt, width: width ?? null, height: height ?? null },
        content: caption ? [{ type: 'text', text: caption }] : [],
      }).run();
    },
  };
}
