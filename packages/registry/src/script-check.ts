/**
 * Mixed-script detection for domain labels (after IDN decoding), after UTS #39's
 * "highly restrictive" profile: one script per label, or Latin combined with the
 * usual CJK sets. `аcme` (Cyrillic а + Latin) is rejected; all-Cyrillic labels pass
 * here and simply never match a registered (ASCII) domain.
 */
const SCRIPTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u],
  ['Katakana', /\p{Script=Katakana}/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Bopomofo', /\p{Script=Bopomofo}/u],
];

const ALLOWED_COMBINATIONS: ReadonlyArray<ReadonlySet<string>> = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Hangul']),
  new Set(['Latin', 'Han', 'Bopomofo']),
];

const LETTER = /\p{L}/u;

function scriptOf(char: string): string {
  for (const [name, pattern] of SCRIPTS) {
    if (pattern.test(char)) return name;
  }
  return `other:${char}`;
}

/** True when the label's letters come from more than one script (outside the CJK allowances). */
export function isMixedScript(label: string): boolean {
  const scripts = new Set<string>();
  for (const char of label) {
    if (LETTER.test(char)) scripts.add(scriptOf(char));
  }
  if (scripts.size <= 1) return false;
  return !ALLOWED_COMBINATIONS.some((allowed) => [...scripts].every((s) => allowed.has(s)));
}
