// The body's HTML, held to what the server's sanitizer keeps (src/Cms.Api/Content/HtmlBodySanitizer.cs): the same
// elements and attributes. The editor's output goes through it before saving, and so does anything pasted (Word,
// Google Docs), after their own markup for bold/italic is turned into elements the list keeps.

export const allowedTags = new Set([
  'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'a', 'img', 'figure', 'figcaption',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'em', 'strong', 'b', 'i', 'u', 's', 'sub', 'sup',
  'blockquote', 'cite', 'q', 'code', 'pre', 'span', 'div',
]);

const allowedAttributes = new Set(['href', 'src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height', 'loading', 'colspan', 'rowspan', 'scope', 'lang', 'dir']);

/** Gone with everything inside them. */
const dropped = new Set(['script', 'style', 'meta', 'link', 'title', 'head', 'colgroup', 'col', 'svg', 'math', 'iframe', 'object', 'embed', 'form', 'input', 'button', 'select', 'textarea', 'template', 'noscript']);

const safeUrl = (value: string): boolean => /^(https?:|mailto:|\/(?!\/)|#)/i.test(value.trim()) || !/^[a-z][a-z0-9+.-]*:/i.test(value.trim());

/** Walks an element's children: unknown elements are unwrapped (their text stays), dropped ones go, attributes are kept to the list. */
function clean(parent: Element | DocumentFragment): void {
  for (const node of [...parent.childNodes]) {
    if (node.nodeType === Node.COMMENT_NODE || node.nodeType === Node.PROCESSING_INSTRUCTION_NODE) {
      node.remove();
      continue;
    }

    if (!(node instanceof Element)) {
      continue;
    }

    const tag = node.localName;
    if (dropped.has(tag) || tag.includes(':')) {
      // Word's <o:p> and friends carry nothing but spacing.
      node.remove();
      continue;
    }

    clean(node);
    if (tag === 'h1') {
      // The page's own title is the h1; a heading in the body starts at h2.
      const h2 = node.ownerDocument.createElement('h2');
      h2.append(...node.childNodes);
      node.replaceWith(h2);
      continue;
    }

    if (!allowedTags.has(tag)) {
      node.replaceWith(...node.childNodes);
      continue;
    }

    for (const attribute of [...node.attributes]) {
      const name = attribute.name.toLowerCase();
      const keep = allowedAttributes.has(name) && (!['href', 'src'].includes(name) || safeUrl(attribute.value));
      if (!keep) {
        node.removeAttribute(attribute.name);
      }
    }

    if ((tag === 'span' || tag === 'div') && node.attributes.length === 0) {
      node.replaceWith(...node.childNodes);
    }
  }
}

/** The editor's HTML as the server will keep it: what is saved, shown in a conflict, and compared. */
export function toStoredHtml(html: string): string {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  clean(doc.body);
  return doc.body.innerHTML.trim();
}

/**
 * Pasted HTML from Word or Google Docs: their inline styles for bold, italic and underline become elements, Word's
 * list bullets (mso-list:Ignore) and Google's wrapping <b style="font-weight:normal"> go, then the allow list applies.
 * Google Docs also puts a <br> between its blocks (each would become an empty paragraph) and underlines every link
 * with a span (the link is underlined anyway).
 */
export function cleanPastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const wrapper = doc.body.querySelector('[id^="docs-internal-guid"]');
  if (wrapper) {
    for (const br of [...doc.body.querySelectorAll('br')]) {
      if (br.parentElement === wrapper || br.parentElement === doc.body) {
        br.remove();
      }
    }
  }

  for (const element of [...doc.body.querySelectorAll<HTMLElement>('[style]')]) {
    const style = (element.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '');
    if (style.includes('mso-list:ignore')) {
      element.remove();
      continue;
    }

    if (element.localName === 'b' && style.includes('font-weight:normal')) {
      element.replaceWith(...element.childNodes);
      continue;
    }

    if (element.localName === 'span') {
      const wrap = (tag: string) => {
        const outer = doc.createElement(tag);
        outer.append(...element.childNodes);
        element.append(outer);
      };
      if (/font-weight:(bold|[6-9]00)/.test(style)) {
        wrap('strong');
      }

      if (style.includes('font-style:italic')) {
        wrap('em');
      }

      if ((style.includes('text-decoration:underline') || style.includes('text-decoration-line:underline')) && !element.closest('a')) {
        wrap('u');
      }
    }
  }

  clean(doc.body);
  return doc.body.innerHTML;
}

/** The slug the server makes from a title (Content/Slug.cs): ASCII letters and digits joined by single hyphens, đ as d. */
export function slugOf(text: string): string {
  let slug = '';
  let pendingHyphen = false;
  for (const c of text.normalize('NFD')) {
    if (/\p{Mn}/u.test(c)) {
      continue;
    }

    const folded = c === 'đ' || c === 'Đ' ? 'd' : /[A-Z]/.test(c) ? c.toLowerCase() : /[a-z0-9]/.test(c) ? c : '';
    if (!folded) {
      pendingHyphen = slug.length > 0;
      continue;
    }

    if (pendingHyphen) {
      slug += '-';
      pendingHyphen = false;
    }

    slug += folded;
  }

  const max = 120;
  if (slug.length <= max) {
    return slug;
  }

  const cut = slug.slice(0, max);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > max / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '');
}
