/** Small form controls of the notebook: a labelled slider with its value, a button, a section frame. */
import { el, setText, type Child } from '../dom.js';
import { GLOSSARY, type Term } from './glossary.js';

/** A slider and the text showing its value. */
export interface Slider {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  /** Shows a value (without firing input events); the slider widens its range if needed. */
  set(value: number): void;
  /** Changes its accessible name (a renamed option's or ally's sliders follow the new name). */
  relabel(label: string): void;
}

/** Settings of {@link slider}. */
export interface SliderOptions {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly value: number;
  /** Digits shown after the decimal point. Default 2. */
  readonly digits?: number;
  /** Hide the label visually (it stays for screen readers and tests). Default false. */
  readonly compact?: boolean;
  readonly onInput: (value: number) => void;
  /** A `data-field` attribute, so tests and styles can find the slider. */
  readonly field?: string;
  /** The glossary term the label explains on hover or focus. */
  readonly term?: Term;
}

/**
 * A range input with a label and its value shown next to it.
 *
 * @example
 * slider({ label: 'Step', min: 0, max: 1, step: 0.05, value: 0.5, onInput: (step) => edit(step) });
 */
export function slider(options: SliderOptions): Slider {
  const { label, min, max, step, value, digits = 2, compact = false, onInput, field, term } = options;
  const input = el('input', { type: 'range', min, max, step, 'aria-label': label, 'data-field': field });
  const output = el('output', { class: 'value' });
  // Writes only what changes: every state change sets every slider of the page (the allies'
  // alone are over 200), and each one written is laid out again.
  const show = (next: number) => setText(output, next.toFixed(digits));
  const set = (next: number) => {
    if (next > Number(input.max)) input.max = String(next);
    if (next < Number(input.min)) input.min = String(next);
    if (Number(input.value) !== next) input.value = String(next);
    show(next);
  };
  set(value);
  input.addEventListener('input', () => {
    const next = Number(input.value);
    show(next);
    onInput(next);
  });
  const text = el('span', { class: compact ? 'visually-hidden' : term === undefined ? 'slider-label' : 'slider-label term', ...(term === undefined ? {} : { title: GLOSSARY[term] }) }, label);
  const element = el('label', { class: compact ? 'slider compact' : 'slider' }, text, input, output);
  return {
    element,
    input,
    set,
    relabel(next: string) {
      input.setAttribute('aria-label', next);
      if (compact) text.textContent = next;
    },
  };
}

/** A button that runs an action. */
export function button(label: string, action: () => void, attributes: Record<string, string> = {}): HTMLButtonElement {
  return el('button', { type: 'button', onclick: action, ...attributes }, label);
}

/** A notebook section: a heading, a short explanation, then its content. */
export function section(id: string, title: string, explanation: string, ...content: Child[]): HTMLElement {
  return el('section', { id, class: 'cell' }, el('h2', {}, title), el('p', { class: 'explain' }, explanation), ...content);
}
