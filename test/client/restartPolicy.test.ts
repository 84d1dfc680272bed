import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_RESTARTS, RESTART_WINDOW_MS } from '../../client/src/constants';
import { RestartPolicy } from '../../client/src/restartPolicy';

const MINUTE = 60_000;

test('at most 5 restarts within 3 minutes', () => {
  assert.equal(MAX_RESTARTS, 5);
  assert.equal(RESTART_WINDOW_MS, 3 * MINUTE);
  const policy = new RestartPolicy(MAX_RESTARTS, RESTART_WINDOW_MS);
  const answers = [0, 10, 20, 30, 40, 50].map((s) => policy.shouldRestart(s * 1000));
  assert.deepEqual(answers, [true, true, true, true, true, false]);
  assert.equal(policy.recentCrashes, 6);
});

test('crashes older than the window are forgotten', () => {
  const policy = new RestartPolicy(5, 3 * MINUTE);
  // One crash a minute forever: never more than 3 in any 3 minutes.
  for (let m = 0; m < 30; m++) assert.equal(policy.shouldRestart(m * MINUTE), true, `minute ${m}`);
  // A burst after a quiet period is judged on its own.
  const burst = new RestartPolicy(5, 3 * MINUTE);
  for (let i = 0; i < 5; i++) burst.shouldRestart(i);
  assert.equal(burst.shouldRestart(5), false);
  assert.equal(burst.shouldRestart(3 * MINUTE + 10), true);
});

test('reset forgets every crash', () => {
  const policy = new RestartPolicy(2, MINUTE);
  policy.shouldRestart(0);
  policy.shouldRestart(1);
  assert.equal(policy.shouldRestart(2), false);
  policy.reset();
  assert.equal(policy.recentCrashes, 0);
  assert.equal(policy.shouldRestart(3), true);
});
