// @vitest-environment jsdom
/** The headline: the facts it draws from a result, and the sentences it writes. */
import { describe, expect, it } from 'vitest';
import { BLOCKER_FLOOR, headlineFacts } from '../../packages/notebook/src/headline.js';
import { announcement, headlineSentences } from '../../packages/notebook/src/sections/headlineSection.js';
import { TOY_RESULT } from './fixtures.js';

describe('headlineFacts(result)', () => {
  it('names the option with the highest consensus, viability and risk, with their intervals', () => {
    const facts = headlineFacts(TOY_RESULT);
    const top = (measure: 'consensus' | 'viability' | 'risk') => Math.max(...TOY_RESULT.options.map((o) => o[measure].estimate));
    expect(facts.likeliest.value.estimate).toBe(top('consensus'));
    expect(facts.viable.value.estimate).toBe(top('viability'));
    expect(facts.riskiest.value.estimate).toBe(top('risk'));
    const option = TOY_RESULT.options.find((o) => o.id === facts.riskiest.id)!;
    expect(facts.riskiest.value).toEqual(option.risk);
  });

  it('says when the runner-up cannot be told apart (overlapping intervals), and only then', () => {
    const facts = headlineFacts(TOY_RESULT);
    for (const leader of [facts.likeliest, facts.viable, facts.riskiest]) {
      if (leader.tiedWith !== null) expect(leader.tiedWith.value.upper).toBeGreaterThanOrEqual(leader.value.lower);
    }
    // Two options of the fixture with the same position (suspend, quiet-firm) share their consensus: a tie.
    expect(facts.likeliest.tiedWith === null || facts.likeliest.tiedWith.value.upper >= facts.likeliest.value.lower).toBe(true);
  });

  it('lists blockers of the most viable option above the floor, largest first, and the most frequent blocks at most once per ally and option', () => {
    const facts = headlineFacts(TOY_RESULT);
    const rates = facts.blockers.map((b) => b.rate.estimate);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    for (const rate of rates) expect(rate).toBeGreaterThanOrEqual(BLOCKER_FLOOR);
    expect(new Set(facts.mostBlocking.map((b) => b.id)).size).toBe(facts.mostBlocking.length);
    expect(new Set(facts.mostBlocking.map((b) => b.option)).size).toBe(facts.mostBlocking.length);
    expect(facts.mostBlocking.length).toBeGreaterThan(0);
  });

  it('writes four plain sentences and an announcement without NaN', () => {
    const items = headlineSentences(headlineFacts(TOY_RESULT));
    expect(items.map((li) => li.dataset.fact)).toEqual(['likeliest', 'viable', 'riskiest', 'blockers']);
    const text = items.map((li) => li.textContent).join(' ');
    expect(text).not.toMatch(/NaN|undefined|null/);
    expect(text).toMatch(/\d+\.\d% \(\d+\.\d–\d+\.\d%\)/);
    expect(announcement(TOY_RESULT, 'quick')).toMatch(/^New quick run of 2,000 passes: most likely /);
  });
});
