import { describe, expect, it } from 'vitest';
import { LIMITS, remainingNote } from '../../shared/model/index.js';
import { leftText, limitOf, overLimit, tooLongMessage } from '../../client/ui/textLimit.js';

describe('what a limited field says', () => {
  it('names the field and its limit in plain words', () => {
    expect(tooLongMessage(limitOf('headline'))).toBe('The headline can be at most 300 characters. Shorten it to add more.');
    expect(tooLongMessage(limitOf('body'))).toBe('The card text can be at most 20,000 characters. Shorten it to add more.');
    expect(tooLongMessage(limitOf('shortText', 'theme name'))).toBe('The theme name can be at most 200 characters. Shorten it to add more.');
  });

  it('counts what is left, in the design system’s words', () => {
    expect(leftText(1500)).toBe('You have 1,500 characters left');
    expect(leftText(1)).toBe('You have 1 character left');
    expect(leftText(0)).toBe('You have no characters left');
    expect(leftText(-3)).toBe('You have 3 characters too many');
  });

  it('shows the count only within the last tenth, or the last 50 characters', () => {
    expect(remainingNote(LIMITS.headline - 51, LIMITS.headline).show).toBe(false);
    expect(remainingNote(LIMITS.headline - 50, LIMITS.headline).show).toBe(true);
    expect(remainingNote(LIMITS.body - 2001, LIMITS.body).show).toBe(false);
    expect(remainingNote(LIMITS.body - 2000, LIMITS.body).show).toBe(true);
  });

  it('refuses growth past the limit, but lets a text already over it (written before limits) be shortened', () => {
    expect(overLimit(299, 300, 300)).toBe(false);
    expect(overLimit(300, 301, 300)).toBe(true);
    expect(overLimit(290, 310, 300)).toBe(true);
    expect(overLimit(400, 390, 300)).toBe(false);
    expect(overLimit(400, 401, 300)).toBe(true);
  });
});
