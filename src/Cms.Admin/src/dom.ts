// A few lines instead of a framework: elements made with their attributes and children, text always as text.

type Child = Node | string | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined | EventListener>;

/** h('button', { type: 'button', onclick: save }, 'Lưu'): attributes, `on*` listeners, then children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      element.setAttribute(name, String(value));
    }
  }

  element.append(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false));
  return element;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`#${id} is missing`);
  }

  return element as T;
}

/** A labelled control: the label names it for screen readers and tests alike. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  const wrapper = h('div', { class: 'field' }, h('label', { for: id }, label), control);
  if (hint) {
    const hintId = `${id}-hint`;
    control.setAttribute('aria-describedby', hintId);
    wrapper.append(h('p', { class: 'hint', id: hintId }, hint));
  }

  return wrapper;
}

let toastTimer = 0;

/** A short message read out by screen readers (role=status) and gone after a while. */
export function toast(message: string): void {
  const box = byId('toast');
  box.textContent = message;
  clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => (box.textContent = ''), 5000);
}

/** Puts a page in <main> and moves focus to its heading, so keyboard and screen-reader users land on it. */
export function show(title: string, ...content: Child[]): HTMLElement {
  const main = byId('main');
  const heading = h('h1', { tabindex: -1 }, title);
  main.replaceChildren(heading, ...content.filter((c): c is Node | string => c !== null && c !== undefined && c !== false));
  document.title = `${title} · Tòa soạn`;
  heading.focus({ preventScroll: true });
  return main;
}
