import { describe, expect, it } from 'vitest';
import { initials } from '../../client/lib/identity.js';

describe('initials in a coloured circle', () => {
  it('takes the first and last names, leaving out what is in brackets', () => {
    expect(initials('Audrey May (Chief Education Officer)')).toBe('AM');
    expect(initials('Paul Fleming [ADES]')).toBe('PF');
    expect(initials('Morag Ann Smith')).toBe('MS');
  });

  it('leaves out punctuation and what follows a comma or a dash, so a name written with a role still reads', () => {
    expect(initials('Callum Reid, Education Scotland')).toBe('CR');
    expect(initials('Shona Mackay – ADES')).toBe('SM');
    expect(initials('“Shona” Mackay')).toBe('SM');
    expect(initials('Dr. Jane O’Neil')).toBe('DO');
    expect(initials('Graham – ')).toBe('GR');
    expect(initials('Aileen Brown-Gibb')).toBe('AB');
  });

  it('keeps letters of any alphabet, and says “?” when nothing is left', () => {
    expect(initials('Ùna Nic Aoidh')).toBe('ÙA');
    expect(initials('émile zola')).toBe('ÉZ');
    expect(initials('(Chief Education Officer)')).toBe('?');
    expect(initials('  ')).toBe('?');
    expect(initials('Shona')).toBe('SH');
  });
});
