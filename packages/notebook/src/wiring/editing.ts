/** Edit: scenario edits and loads go through validation into the state store. */
import { formatProblem, parseScenario, type Scenario } from '@concert/core';
import type { NotebookApp } from '../notebookApp.js';
import { initialState, type NotebookState } from '../notebookState.js';
import type { Store } from '../store.js';
import type { ProblemsPanel } from './problemsPanel.js';

/** The edit actions of the app, and the scenario as loaded (which "reset" restores). */
export type EditActions = Pick<NotebookApp, 'editScenario' | 'loadScenario' | 'original'> & {
  /** Sets the scenario "reset" restores (a link opens on its own). */
  setOriginal(scenario: Scenario): void;
};

/**
 * The edit actions over a state store: an edit whose outcome is not a valid scenario is refused
 * with its problems shown, and the state stays as it was.
 */
export function editActions(state: Store<NotebookState>, problems: ProblemsPanel, original: Scenario): EditActions {
  let loaded = original;
  return {
    original: () => loaded,
    setOriginal(scenario) {
      loaded = scenario;
    },
    editScenario(change) {
      const current = state.get();
      const parsed = parseScenario(change(current.scenario));
      if (!parsed.success) {
        problems.show('That change was not applied; the scenario stays as it was:', parsed.problems.map(formatProblem));
        return;
      }
      state.set({ ...current, scenario: parsed.data });
    },
    loadScenario(scenario, source) {
      loaded = scenario;
      state.set(initialState(scenario, source, state.get().run));
    },
  };
}
