// As-you-type syntax check of the PocketBase rule/filter language (rules-and-filters.md §2).
// It stops at grammar level on purpose: whether fields exist is decided by the server when the
// collection is saved, and its `validation_invalid_rule` message is shown next to this one.

const OPERATORS = new Set(['=', '!=', '>', '>=', '<', '<=', '~', '!~',
  '?=', '?!=', '?>', '?>=', '?<', '?<=', '?~', '?!~']);
const OPERATOR_CHARS = '=?!><~';
const MAX_FUNCTION_DEPTH = 3;

export class RuleSyntaxError extends Error {
  constructor(source, position, unexpected, expected) {
    const { line, column } = lineColumn(source, position);
    super(`Syntax error (line ${line}, column ${column}): unexpected ${unexpected}` +
      (expected ? `, expected ${expected}.` : '.'));
    Object.assign(this, { position, line, column, unexpected, expected });
  }
}

function lineColumn(source, position) {
  const before = source.slice(0, position).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

const isLetter = (c) => /\p{L}/u.test(c);
const isDigit = (c) => c >= '0' && c <= '9';
const isIdentStart = (c) => isLetter(c) || c === '_' || c === '@' || c === '#';
const isIdentPart = (c) => isLetter(c) || isDigit(c) || c === '_' || c === '.' || c === ':';
const isSpace = (c) => c === ' ' || c === '\t' || c === '\n';

/** Splits a rule into tokens {type, text, start}; throws RuleSyntaxError on a bad token. */
export function tokenize(src) {
  const tokens = [];
  let i = 0;
  const fail = (at, what, expected) => { throw new RuleSyntaxError(src, at, what, expected); };
  while (i < src.length) {
    const c = src[i];
    const start = i;
    if (isSpace(c)) { i++; continue; }
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (isIdentStart(c)) {
      i++;
      while (i < src.length && isIdentPart(src[i])) i++;
      const text = src.slice(start, i);
      if (text === '@' || text === '_' || text === '#') fail(start, `"${text}"`, 'an identifier');
      if (text.endsWith('.') || text.endsWith(':')) fail(i - 1, `"${src[i - 1]}" at the end of "${text}"`, 'a field name or modifier');
      tokens.push({ type: src[i] === '(' ? 'function' : 'identifier', text, start });
      continue;
    }
    if (isDigit(c) || c === '-') {
      i++;
      while (i < src.length && (isDigit(src[i]) || src[i] === '.')) i++;
      const text = src.slice(start, i);
      if (!/^-?\d+(\.\d+)?$/.test(text)) fail(start, `"${text}"`, 'a number such as 10, -1 or 3.5');
      tokens.push({ type: 'number', text, start });
      continue;
    }
    if (c === '.') fail(start, '"."', 'a number with a leading digit, such as 0.5');
    if (c === '"' || c === "'") {
      i++;
      while (i < src.length && src[i] !== c) i += src[i] === '\\' && src[i + 1] === c ? 2 : 1;
      if (i >= src.length) fail(src.length, `end of rule inside the text opened at column ${lineColumn(src, start).column}`, `a closing ${c}`);
      i++;
      tokens.push({ type: 'text', text: src.slice(start, i), start });
      continue;
    }
    if (OPERATOR_CHARS.includes(c)) {
      while (i < src.length && OPERATOR_CHARS.includes(src[i])) i++;
      const text = src.slice(start, i);
      if (!OPERATORS.has(text)) fail(start, `operator "${text}"`, 'one of = != > >= < <= ~ !~ or their ?-forms');
      tokens.push({ type: 'operator', text, start });
      continue;
    }
    if (c === '&' || c === '|') {
      while (i < src.length && (src[i] === '&' || src[i] === '|')) i++;
      const text = src.slice(start, i);
      if (text !== '&&' && text !== '||') fail(start, `"${text}"`, '&& or ||');
      tokens.push({ type: 'join', text, start });
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: c, text: c, start });
      i++;
      continue;
    }
    fail(start, `character "${c === '\r' ? '\\r' : c}"`, null);
  }
  return tokens;
}

/** Parses tokens per the grammar; returns the number of comparisons. */
function parse(src, tokens) {
  let i = 0;
  let comparisons = 0;
  const end = { type: 'end', text: '', start: src.length };
  const peek = () => tokens[i] ?? end;
  const describe = (t) => (t.type === 'end' ? 'end of rule' : `"${t.text}"`);
  const fail = (t, expected) => { throw new RuleSyntaxError(src, t.start, describe(t), expected); };

  function operand(depth) {
    const t = peek();
    if (t.type === 'identifier' || t.type === 'text' || t.type === 'number') { i++; return; }
    if (t.type === 'function') {
      if (depth >= MAX_FUNCTION_DEPTH) fail(t, `at most ${MAX_FUNCTION_DEPTH} nested function calls`);
      i += 2; // name and "("
      while (peek().type !== ')') {
        operand(depth + 1);
        if (peek().type === ',') i++;
        else if (peek().type !== ')') fail(peek(), '"," or ")"');
      }
      i++;
      return;
    }
    fail(t, 'a field, @request.* value, text, number or function');
  }

  function group() {
    const t = peek();
    if (t.type === '(') {
      i++;
      if (peek().type === ')') fail(peek(), 'an expression inside the parentheses');
      expression(true);
      if (peek().type !== ')') fail(peek(), '")"');
      i++;
      return;
    }
    operand(0);
    if (peek().type !== 'operator') fail(peek(), 'an operator such as = != ~ or ?=');
    i++;
    operand(0);
    comparisons++;
  }

  function expression(nested) {
    group();
    for (;;) {
      const t = peek();
      if (t.type === 'end' || (nested && t.type === ')')) return;
      if (t.type !== 'join') fail(t, nested ? '&&, || or ")"' : '&& or ||');
      i++;
      group();
    }
  }

  if (tokens.length === 0) throw new RuleSyntaxError(src, 0, 'end of rule (only comments or spaces)', 'an expression');
  expression(false);
  return comparisons;
}

/**
 * Checks a rule or filter. Returns null when the syntax is fine, else the RuleSyntaxError
 * (with position, line, column, unexpected, expected and a readable message).
 */
export function checkRule(src) {
  try {
    const count = parse(src, tokenize(src));
    if (count > 200) return new RuleSyntaxError(src, 0, `${count} comparisons`, 'at most 200');
    if (new TextEncoder().encode(src).length > 3500) return new RuleSyntaxError(src, 3500, 'text beyond 3500 bytes', null);
    return null;
  } catch (err) {
    if (err instanceof RuleSyntaxError) return err;
    throw err;
  }
}
