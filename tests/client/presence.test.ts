import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { afterEach, describe, expect, it } from 'vitest';
import { announceEditing, announceSelf, currentPeople } from '../../client/collab/presence.js';

const made: Awareness[] = [];
function person(name: string): Awareness {
  const awareness = new Awareness(new Y.Doc());
  made.push(awareness);
  announceSelf(awareness, { name, color: '#00437e', role: 'participant' });
  return awareness;
}
/** What `to` hears of `from`'s presence, as over the wire. */
const hear = (to: Awareness, from: Awareness) => applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [from.clientID]), 'remote');

afterEach(() => made.splice(0).forEach((a) => a.destroy()));

describe('the people here, shared by every card that asks', () => {
  it('is the same list until someone’s presence changes, then a new one with the change', () => {
    const shona = person('Shona');
    const callum = person('Callum');
    hear(shona, callum);
    const first = currentPeople(shona);
    expect(first.map((p) => [p.name, p.isSelf, p.editing])).toEqual([['Shona', true, null], ['Callum', false, null]]);
    // 600 cards asking after one caret move cost one read: the same array comes back.
    expect(currentPeople(shona)).toBe(first);

    announceEditing(callum, 'card-1');
    hear(shona, callum);
    const second = currentPeople(shona);
    expect(second).not.toBe(first);
    expect(second.find((p) => p.name === 'Callum')?.editing).toBe('card-1');
    expect(currentPeople(shona)).toBe(second);

    announceEditing(shona, 'card-2');
    expect(currentPeople(shona)[0]).toMatchObject({ name: 'Shona', editing: 'card-2' });
  });

  it('notices someone leaving and someone arriving', () => {
    const shona = person('Shona');
    const callum = person('Callum');
    hear(shona, callum);
    expect(currentPeople(shona)).toHaveLength(2);
    callum.setLocalState(null);
    hear(shona, callum);
    expect(currentPeople(shona).map((p) => p.name)).toEqual(['Shona']);
    const morag = person('Morag');
    hear(shona, morag);
    expect(currentPeople(shona).map((p) => p.name)).toEqual(['Shona', 'Morag']);
  });
});
