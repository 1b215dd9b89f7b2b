/**
 * A tiny DOM builder. Text always goes in as text nodes (never as HTML), so names and descriptions
 * from a loaded scenario or a shared link cannot inject markup.
 */

/** Attributes and properties of {@link el}: strings become attributes, functions `on…` become listeners. */
export type Attributes = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

/** A child of {@link el}: a node, or text (numbers are shown as text). */
export type Child = Node | string | number | null | undefined | false;

/**
 * Creates an element with attributes and children; strings become text nodes.
 *
 * @example
 * el('button', { type: 'button', onclick: () => run() }, 'Run'); // => <button type="button">Run</button>
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, ...children);
  return element;
}

/** Appends children to a node; strings become text nodes. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces all children of a node. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/**
 * Sets a node's text, only if it differs: the views follow every state change, and a text
 * written again, even the same one, is a new text node the page must lay out again.
 */
export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}
