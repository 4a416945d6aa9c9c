import { describe, expect, it } from 'vitest';
import { linkChanges } from './evidence-links';

describe('linkChanges', () => {
  it('links what was added and unlinks what was removed', () => expect(linkChanges(['a', 'b'], ['b', 'c'])).toEqual({ link: ['c'], unlink: ['a'] }));
  it('changes nothing when the selection is the same in another order', () => expect(linkChanges(['a', 'b'], ['b', 'a'])).toEqual({ link: [], unlink: [] }));
  it('unlinks everything when cleared', () => expect(linkChanges(['a'], [])).toEqual({ link: [], unlink: ['a'] }));
});
