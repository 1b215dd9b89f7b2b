/**
 * The page's drawings, one per frame. A chart costs the main thread twice: the script that builds
 * it, then the style, layout and paint of its new nodes in the next frame. Drawn in back-to-back
 * tasks (or in a frame callback), several charts' nodes reach one frame, and that frame alone
 * took 50 to 150 ms (`pnpm bench notebook`). Here each drawing runs in a task of its own just
 * after a frame has been rendered, so the frame that follows lays out one drawing's nodes only.
 */

/** A drawing; it checks for itself whether it has been superseded (it then returns at once). */
export type Drawing = () => void;

/** The drawings waiting, in the order they are drawn, by key. */
const waiting = new Map<string, Drawing>();
let scheduled = false;

/**
 * Runs `draw` in a task of its own after the next frame, after the drawings asked for before it
 * (or before them all, with `first`). A drawing still waiting under the same key is replaced and
 * `draw` takes its place in the order (so the newer of two results is drawn, once, and the charts
 * keep their order).
 *
 * @param first Draw it next: for a drawing that a newer one would otherwise supersede unseen
 *   (the coarse map of viable texts, which its refinements follow within a few frames).
 * @example
 * drawSoon('chart:consensus', () => holder.replaceChildren(renderChart(consensusChart(result))));
 */
export function drawSoon(key: string, draw: Drawing, { first = false }: { readonly first?: boolean } = {}): void {
  if (first) {
    const rest = [...waiting].filter(([other]) => other !== key);
    waiting.clear();
    for (const [other, drawing] of [[key, draw] as const, ...rest]) waiting.set(other, drawing);
  } else waiting.set(key, draw);
  wake();
}

function wake(): void {
  if (scheduled || waiting.size === 0) return;
  scheduled = true;
  afterNextFrame(() => {
    scheduled = false;
    const [key, draw] = waiting.entries().next().value!;
    waiting.delete(key);
    try {
      draw();
    } finally {
      wake();
    }
  });
}

/**
 * Calls `run` in a task right after the next frame is rendered (a timer set in a frame callback
 * runs once that frame's layout and paint are done). A hidden page renders no frames, so there it
 * is called in a task of its own at once.
 */
function afterNextFrame(run: () => void): void {
  if (typeof requestAnimationFrame === 'undefined' || document.visibilityState === 'hidden') setTimeout(run, 0);
  else requestAnimationFrame(() => setTimeout(run, 0));
}
