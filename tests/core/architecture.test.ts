/**
 * One rule, one file: the pieces every caller goes through (the draw order, the pass driver, the
 * decision rule, the protocol and its observer, errors as data) behave as documented, and the
 * engine and the analyses really call the model's rule and protocol (swap them and results move).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ConcertInputError,
  EngineState,
  VERDICT,
  blockStream,
  chair,
  compileModel,
  createWorld,
  drawLayout,
  drawPass,
  evaluateOption,
  fillNormals,
  fillUniforms,
  forEachPass,
  listObjectors,
  objectionRadiusSquared,
  objects,
  objectsToText,
  prepareRun,
  prepareTornado,
  recordPasses,
  resultOf,
  runPreparedBlocks,
  runTornadoBlocks,
  sampleWorld,
  simulate,
  summarizeTornado,
  unanimity,
  validateScenario,
  worldFromDraws,
  type BargainingObserver,
  type CompiledModel,
  type DecisionRule,
  type RandomStream,
} from '../../packages/core/src/index.js';
import { ally, scenarioOf, toyScenario } from './helpers.js';

/** A stream that counts and keeps what it hands out. */
function recording(source: RandomStream): RandomStream & { drawn: number[] } {
  const drawn: number[] = [];
  return {
    drawn,
    uniform: () => {
      const value = source.uniform();
      drawn.push(value);
      return value;
    },
    normal: () => {
      const value = source.normal();
      drawn.push(value);
      return value;
    },
  };
}

describe('the draw-order contract (model/world.ts)', () => {
  const model = compileModel(validateScenario(toyScenario()));

  it('drawPass(model, stream, draws) takes exactly drawLayout(model).size numbers, in stream order', () => {
    const layout = drawLayout(model);
    expect(layout.size).toBe(model.eventCount + 3 * model.blocCount + 3 * model.allyCount + 1);
    const stream = recording(blockStream(7, 3));
    const draws = new Float64Array(layout.size);
    drawPass(model, stream, draws);
    expect(stream.drawn.length).toBe(layout.size);
    expect(Array.from(draws)).toEqual(stream.drawn);
  });

  it('worldFromDraws(moved, base.draws) equals sampling the moved model from the same stream', () => {
    const moved: CompiledModel = { ...model, base: model.base.map((x) => x + 0.3), eventProbability: model.eventProbability.map(() => 0.5) };
    const base = createWorld(model);
    const fromDraws = createWorld(moved);
    const sampled = createWorld(moved);
    const a = blockStream('crn', 0);
    const b = blockStream('crn', 0);
    for (let pass = 0; pass < 50; pass++) {
      sampleWorld(model, a, base);
      worldFromDraws(moved, base.draws, fromDraws);
      sampleWorld(moved, b, sampled);
      expect(Array.from(fromDraws.stance)).toEqual(Array.from(sampled.stance));
      expect(Array.from(fromDraws.objectionRadiusSquared)).toEqual(Array.from(sampled.objectionRadiusSquared));
      expect(fromDraws.threshold).toBe(sampled.threshold);
      expect(Array.from(fromDraws.occurred)).toEqual(Array.from(sampled.occurred));
    }
  });
});

describe('the objection test (model/decisionRules/objection.ts)', () => {
  it('objectsToText(...) agrees with objects(salience, distance to text, distance to status quo, cost) away from ties', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        (text, ideal, statusQuo, salience, cost) => {
          const toText = Math.abs(text - ideal);
          const toStatusQuo = Math.abs(statusQuo - ideal);
          const loss = salience * (toText - toStatusQuo) - cost;
          fc.pre(Math.abs(loss) > 1e-9);
          const radius = objectionRadiusSquared(salience, toStatusQuo, cost);
          return objectsToText(1, 0, text, 0.3, ideal, 0.9, radius) === objects(salience, toText, toStatusQuo, cost);
        },
      ),
    );
  });
});

describe('listObjectors (the objection test of all allies, as the hot loop runs it)', () => {
  it('lists, in ascending order, exactly the allies objectsToText says object, for any weights and text', () => {
    const unit = fc.double({ min: 0, max: 1, noNaN: true });
    const ally = fc.record({ h: unit, e: unit, radiusSquared: fc.double({ min: 0, max: 2, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(ally, { minLength: 1, maxLength: 40 }), unit, unit, unit, unit, (allies, wF, wE, firmness, engagement) => {
        const world = {
          hawkishness: Float64Array.from(allies, (a) => a.h),
          engagementPreference: Float64Array.from(allies, (a) => a.e),
          objectionRadiusSquared: Float64Array.from(allies, (a) => a.radiusSquared),
        };
        const list = new Int32Array(allies.length);
        const count = listObjectors({ weightFirmness: wF, weightEngagement: wE, allyCount: allies.length }, world, firmness, engagement, list);
        const expected = allies.flatMap((a, k) => (objectsToText(wF, wE, firmness, engagement, a.h, a.e, a.radiusSquared) ? [k] : []));
        expect(Array.from(list.subarray(0, count))).toEqual(expected);
      }),
    );
  });
});

describe('fillUniforms and fillNormals (a pass\'s draws without a call per number)', () => {
  it('write exactly the numbers of that many uniform() and normal() calls, slow ziggurat cases included', () => {
    // 20,000 normals take the ziggurat's slow path (tail or wedge) about 240 times.
    const one = blockStream('fill', 3);
    const batch = blockStream('fill', 3);
    const expected = new Float64Array(20_013);
    const actual = new Float64Array(20_013);
    let slow = 0;
    for (let k = 0; k < 7; k++) expected[k] = one.uniform();
    for (let k = 7; k < 20_007; k++) {
      expected[k] = one.normal();
      if (Math.abs(expected[k]!) > 3.442619855899) slow++;
    }
    for (let k = 20_007; k < 20_013; k++) expected[k] = one.uniform();
    fillUniforms(batch, actual, 0, 7);
    fillNormals(batch, actual, 7, 20_007);
    fillUniforms(batch, actual, 20_007, 20_013);
    expect(slow).toBeGreaterThan(0); // the tail was exercised
    expect(Array.from(actual)).toEqual(Array.from(expected));
    expect(batch.uniform()).toBe(one.uniform()); // and the stream goes on in step
  });

  it('fall back on calls for any other RandomStream', () => {
    let n = 0;
    const counting: RandomStream = { uniform: () => (n += 1) / 10, normal: () => -(n += 1) };
    const out = new Float64Array(5);
    fillUniforms(counting, out, 0, 2);
    fillNormals(counting, out, 2, 5);
    expect(Array.from(out)).toEqual([0.1, 0.2, -3, -4, -5]);
  });
});

describe('the pass driver (run/passes.ts)', () => {
  const model = compileModel(validateScenario(toyScenario()));

  it('forEachPass visits passes 250 j .. 250 j + 249 of block j, in order, for any range', () => {
    const seen: number[] = [];
    forEachPass({ model, seed: 1, passes: 1100, range: { from: 2, to: 5 }, world: createWorld(model), onPass: (pass) => seen.push(pass) });
    expect(seen).toEqual(Array.from({ length: 1100 - 500 }, (_, k) => 500 + k));
  });

  it('forEachPass refuses a range outside the run with kind "range", and stops on abort', () => {
    const world = createWorld(model);
    const outside = () => forEachPass({ model, seed: 1, passes: 1000, range: { from: 3, to: 5 }, world, onPass: () => {} });
    expect(outside).toThrow(ConcertInputError);
    expect(outside).toThrow('blocks: must be whole numbers with 0 <= from < to <= 4');
    try {
      outside();
    } catch (error) {
      expect((error as ConcertInputError).kind).toBe('range');
    }
    const controller = new AbortController();
    let passes = 0;
    const reason = new Error('stop');
    expect(() =>
      forEachPass({
        model,
        seed: 1,
        passes: 1000,
        range: { from: 0, to: 4 },
        world,
        onPass: () => passes++,
        afterBlock: () => controller.abort(reason),
        abortSignal: controller.signal,
      }),
    ).toThrow(reason);
    expect(passes).toBe(250);
  });
});

describe('the protocol and its observer (model/protocols/chair.ts)', () => {
  it('the observer sees every round: the objectors of each text, and the verdict of the last', () => {
    // One dove (ideal 0.25) objects to 1 and pulls the text half way each round; drift up to 1.
    // It objects beyond distance 0.25 + 0.25 / 1 = 0.5 (status quo 0.5, cost 0.25, salience 1).
    const scenario = scenarioOf({
      allies: [ally('DOVE', { hawkishness: 0.25, solidarityCost: 0.25 }), ally('HAWK', { hawkishness: 0.875, solidarityCost: 1 })],
      statusQuo: { firmness: 0.5, engagement: 0.5, visibility: 0.5 },
      options: [{ id: 'firm', firmness: 1, engagement: 0.5, visibility: 0.5 }],
      bargaining: { maxRounds: 3, step: 0.5, maxDrift: 1 },
    });
    const state = new EngineState(compileModel(validateScenario(scenario)));
    sampleWorld(state.model, blockStream(1, 0), state.world);
    const rounds: { round: number; objectors: number[]; verdict: number }[] = [];
    const observer: BargainingObserver = {
      round: (round, _bargain, judgment, verdict) => rounds.push({ round, objectors: Array.from(judgment.objectorList.subarray(0, judgment.objectors)), verdict }),
    };
    const outcome = evaluateOption(state, 0, null, observer);
    // Text 1 (distance 0.75: objected), then 0.625 (distance 0.375: adopted at round 1).
    expect(rounds).toEqual([
      { round: 0, objectors: [0], verdict: VERDICT.amended },
      { round: 1, objectors: [], verdict: VERDICT.adopted },
    ]);
    expect(outcome.consensus).toBe(true);
    expect(outcome.rounds).toBe(1);
    expect(outcome.adoptedFirmness).toBe(0.625);
  });
});

describe('every caller uses the model\'s decision rule and protocol', () => {
  // A rule under which nobody ever objects: every option passes at once.
  const nobodyObjects: DecisionRule = {
    name: 'nobodyObjects',
    judge: (_model, _world, _f, _e, judgment) => {
      judgment.objectors = 0;
      return true;
    },
  };
  const scenario = validateScenario(toyScenario());
  const withRule = (model: CompiledModel): CompiledModel => ({ ...model, decisionRule: nobodyObjects });

  it('the engine counts what the rule decides', () => {
    const run = prepareRun(scenario, { passes: 500, seed: 3 });
    const swapped = { ...run, model: withRule(run.model) };
    const result = resultOf(swapped, runPreparedBlocks(swapped, { from: 0, to: swapped.blocks }));
    for (const option of result.options) {
      expect(option.consensus.estimate).toBe(1);
      expect(option.firstRoundConsensus.estimate).toBe(1);
      expect(option.allies.every((a) => a.initialObjectionRate.estimate === 0)).toBe(true);
    }
    // ...while the real rule blocks some options in some passes.
    expect(simulate(scenario, { passes: 500, seed: 3 }).options.some((o) => o.consensus.estimate < 1)).toBe(true);
  });

  it('the tornado judges base and moved models with the rule (its chair-and-unanimity shortcuts step aside)', () => {
    const plan = prepareTornado(scenario, { passes: 500, seed: 3, parameters: ['allies.*.hawkishness'] });
    const swapped = { ...plan, model: withRule(plan.model), models: plan.models.map(withRule) };
    const result = summarizeTornado(swapped, runTornadoBlocks(swapped, { from: 0, to: swapped.blocks }));
    for (const option of result.options) expect(option.consensus.estimate).toBe(1);
    for (const effect of result.effects) expect(effect.high.consensus.estimate).toBe(0);
  });

  it('chair and unanimity are what a model-1 scenario compiles to', () => {
    const model = compileModel(scenario);
    expect(model.decisionRule).toBe(unanimity);
    expect(model.protocol).toBe(chair);
    expect(recordPasses(scenario, { passes: 250, seed: 1 }).options.length).toBe(scenario.options.length);
  });
});

describe('errors as data', () => {
  it('ConcertInputError carries a kind and what failed, so no caller reads its text', () => {
    const kindOf = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return { kind: (error as ConcertInputError).kind, what: (error as ConcertInputError).what };
      }
      return undefined;
    };
    expect(kindOf(() => validateScenario({}))).toEqual({ kind: 'scenario', what: 'invalid scenario' });
    expect(kindOf(() => prepareRun(toyScenario(), { passes: 0, seed: 1 }))).toEqual({ kind: 'run-settings', what: 'invalid run settings' });
    const withFormula = { ...toyScenario(), signal: { exponent: 2, threshold: 0.5, formula: 'visibility *** (' } };
    expect(kindOf(() => prepareRun(withFormula, { passes: 10, seed: 1 }))).toEqual({ kind: 'signal-formula', what: 'invalid signal formula' });
    expect(kindOf(() => prepareTornado(toyScenario(), { passes: 10, seed: 1, parameters: ['nothing.here'] }))?.kind).toBe('analysis-settings');
  });
});
