// The dashboard's as-you-type rule check (src/AdminUi/wwwroot/js/rules/syntax.js), run in node:
// it must accept what the grammar of rules-and-filters.md §2 accepts and point at the first error.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRule } from '../../../src/AdminUi/wwwroot/js/rules/syntax.js';

const VALID = [
  "title = 'Hello World'", "title = ''", 'title = null', "title ~ 'Hel%'", "title:lower = 'hello world'",
  "'Hello World' = title", "title = 'It\\'s'", 'title = "say \\"hi\\""', "// published only\nstatus = 'published'",
  'views >= 0 && views <= 10', 'views > -1', 'published != true',
  "title = '' || status = 'published' && views > 100", "(title = '' || status = 'published') && views > 100",
  "tags:each ?= 'news'", 'tags:length > 1', 'editors.id ?= @request.auth.id', "editors.name ?~ 'bo'",
  'comments_via_post.user ?= @request.auth.id',
  '@collection.comments.post ?= id && @collection.comments.user ?= @request.auth.id',
  "@request.auth.id != ''", "@request.headers.x_token = 'abc'", '@request.body.title:isset = false',
  'meta.flags.1 = 2', "created > '2024-01-01'", 'created < @now', "strftime('%Y', created) = '2024'",
  'geoDistance(location.lon, location.lat, 23.32, 42.69) < 25', 'geoDistance(a, b, 1, 2,) < 3',
  'true = true', 'a = 1 // trailing comment', "@collection.users:u.email ?!= 'x'", 'x ?<= 3.5',
];

const INVALID = [
  // [expression, line, column, text the message must contain]
  ['a ==1', 1, 3, 'operator "=="'],
  ['a = ', 1, 5, 'end of rule'],
  ['(a = 1', 1, 7, 'expected ")"'],
  ['a = 1 b = 2', 1, 7, 'expected && or ||'],
  ['()', 1, 2, 'inside the parentheses'],
  ["a = 'x", 1, 7, "a closing '"],
  ['a. = 1', 1, 2, 'at the end of "a."'],
  ['a = .5', 1, 5, 'leading digit'],
  ['a = 5.', 1, 5, 'a number'],
  ['a = 1 & b = 2', 1, 7, '&& or ||'],
  ['@ = 1', 1, 1, 'an identifier'],
  ['a = 1)', 1, 6, 'unexpected ")"'],
  ['a b', 1, 3, 'an operator'],
  ['f(g(h(i(1)))) = 1', 1, 7, 'nested function'],
  ['// only a comment', 1, 1, 'expected an expression'],
  ['a = 1 &&\nb = ', 2, 5, 'end of rule'],
  ['a = 1\r', 1, 6, 'character "\\r"'],
  ['a = $', 1, 5, 'character "$"'],
];

describe('rule syntax check', () => {
  it('accepts valid rules', () => {
    for (const rule of VALID) assert.equal(checkRule(rule)?.message, undefined, rule);
  });

  it('reports the position and what was expected', () => {
    for (const [rule, line, column, text] of INVALID) {
      const error = checkRule(rule);
      assert.ok(error, `${JSON.stringify(rule)} must be rejected`);
      assert.deepEqual([error.line, error.column], [line, column], `${JSON.stringify(rule)}: ${error.message}`);
      assert.ok(error.message.includes(text), `${JSON.stringify(rule)}: ${error.message}`);
      assert.match(error.message, new RegExp(`^Syntax error \\(line ${line}, column ${column}\\): unexpected `));
    }
  });

  it('enforces the limits on comparisons and length', () => {
    assert.equal(checkRule(Array.from({ length: 200 }, (_, i) => `a = ${i}`).join(' && ')), null);
    assert.match(checkRule(Array.from({ length: 201 }, (_, i) => `a = ${i}`).join(' && ')).message, /201 comparisons/);
    assert.match(checkRule(`a = '${'x'.repeat(3600)}'`).message, /3500 bytes/);
  });
});
