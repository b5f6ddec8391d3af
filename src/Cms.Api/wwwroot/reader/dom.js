// The two DOM helpers every page of the reader uses.

/**
 * An element the page's HTML is known to hold.
 * @param {string} id
 */
export const element = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * A new element, with its text (set as text, never parsed as HTML) and class.
 * @param {string} tag
 * @param {string} [text]
 * @param {string} [className]
 */
export function make(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) {
    node.textContent = text;
  }

  if (className) {
    node.className = className;
  }

  return node;
}
