/** The problems panel: a readable list of what could not be applied or opened (text only, never HTML). */
import { el, replaceChildren } from '../dom.js';
import { button } from '../sections/controls.js';

/** The panel and its two actions. */
export interface ProblemsPanel {
  readonly element: HTMLElement;
  show(heading: string, lines: readonly string[]): void;
  clear(): void;
}

/**
 * A problems panel, hidden until it has something to say.
 *
 * @example
 * const problems = problemsPanel();
 * problems.show('That change was not applied:', ['allies[3].influence: must be positive, got 0']);
 */
export function problemsPanel(): ProblemsPanel {
  const element = el('div', { class: 'problems', role: 'alert', 'data-field': 'problems', hidden: true });
  const clear = () => {
    element.hidden = true;
    element.replaceChildren();
  };
  const show = (heading: string, lines: readonly string[]) => {
    replaceChildren(
      element,
      el('div', { class: 'row' }, el('strong', {}, heading), button('Dismiss', clear, { class: 'dismiss' })),
      el('ul', {}, ...lines.map((line) => el('li', {}, line))),
    );
    element.hidden = false;
  };
  return { element, show, clear };
}
