import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { activitySheetFragment, addActivity, initWorkshop } from '../../shared/model/index.js';
import { sheetHasNotes } from '../../client/fieldwork/useFieldwork.js';
import { fillDeep } from '../helpers/deepDocuments.js';

function workshopWithActivity(): { doc: Y.Doc; id: string } {
  const doc = new Y.Doc();
  initWorkshop(doc, { title: 'Collaborative Improvement – Dundee City Council', hostAuthority: 'Dundee City Council' });
  return { doc, id: addActivity(doc, { type: 'Head teachers', participants: 6 }) };
}

describe('whether deleting an activity would lose notes', () => {
  it('sees none in an empty sheet, or one of empty lists', () => {
    const { doc, id } = workshopWithActivity();
    expect(sheetHasNotes(doc, id)).toBe(false);
    activitySheetFragment(doc, id)!.insert(0, [new Y.XmlElement('bulletList')]);
    expect(sheetHasNotes(doc, id)).toBe(false);
  });

  it('sees the notes in a sheet nested 10,000 deep', () => {
    const { doc, id } = workshopWithActivity();
    fillDeep(activitySheetFragment(doc, id)!, 10_000);
    expect(sheetHasNotes(doc, id)).toBe(true);
  });
});
