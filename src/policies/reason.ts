// Reason rules: required, minimum length, pattern (e.g. a ticket id). Punctuation-only reasons never pass.
import type { CompiledReason } from './compiled-policy.js';

/** Has at least two letters or digits: "." "..." "-!-" and "a" are not reasons. */
const SUBSTANTIVE = /[\p{L}\p{N}].*[\p{L}\p{N}]/su;

/** Why the reason fails the rule, or undefined when it passes. */
export function reasonProblem(rule: CompiledReason | undefined, reason: string | undefined): string | undefined {
  const text = reason?.trim() ?? '';
  if (!rule) return undefined;
  if (text === '') return rule.required ? `A reason is required. ${expectation(rule)}` : undefined;
  if (!SUBSTANTIVE.test(text)) return `The reason "${clip(text)}" has no words in it. ${expectation(rule)}`;
  if (text.length < rule.minLength) {
    return `The reason is ${text.length} characters long; at least ${rule.minLength} are required. ${expectation(rule)}`;
  }
  if (rule.pattern && !rule.pattern.test(text))
    return `The reason "${clip(text)}" does not match the required form. ${expectation(rule)}`;
  return undefined;
}

/** What a valid reason looks like under this rule, in one sentence. */
export function expectation(rule: CompiledReason): string {
  const parts: string[] = [];
  if (rule.minLength > 0) parts.push(`at least ${rule.minLength} characters explaining the business need`);
  if (rule.pattern) parts.push(rule.patternHint ?? `text matching /${rule.pattern.source}/`);
  if (parts.length === 0) parts.push('a short sentence explaining the business need');
  return `A valid reason: ${parts.join('; ')}.`;
}

const clip = (s: string): string => (s.length > 40 ? `${s.slice(0, 37)}...` : s);
